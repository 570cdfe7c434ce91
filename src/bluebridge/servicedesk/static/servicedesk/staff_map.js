/* A small map of a request's location on the staff request page (after the page has loaded). */
window.addEventListener("load", function () {
  var el = document.getElementById("request-map");
  if (!el || typeof L === "undefined") { return; }
  var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
  var map = L.map(el, { scrollWheelZoom: false }).setView([lat, lon], 16);
  L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap contributors" }).addTo(map);
  L.marker([lat, lon]).addTo(map);
});
