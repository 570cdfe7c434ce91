/* The forecast map on the analyst page: cells coloured by risk level, the top 1 % outlined. */
window.addEventListener("load", function () {
  var el = document.getElementById("forecast-map");
  var data = document.getElementById("forecast-cells");
  if (!el || !data || typeof L === "undefined") { return; }
  var cells = JSON.parse(data.textContent);
  var colours = { 1: "#fcbba1", 2: "#fc9272", 3: "#ef3b2c", 4: "#cb181d", 5: "#67000d" };
  var map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "&copy; OpenStreetMap contributors" }).addTo(map);
  var layer = L.geoJSON(cells, {
    style: function (feature) {
      var p = feature.properties;
      return {
        fillColor: colours[p.level] || colours[1],
        fillOpacity: 0.65,
        color: p.top ? "#1b1b1b" : "#ffffff",
        weight: p.top ? 3 : 0.5,
        className: p.top ? "bb-cell bb-cell--top" : "bb-cell"
      };
    },
    onEachFeature: function (feature, cellLayer) {
      cellLayer.bindTooltip("#" + feature.properties.rank + " · " + feature.properties.score.toFixed(3));
    }
  }).addTo(map);
  if (cells.features.length) { map.fitBounds(layer.getBounds(), { padding: [10, 10] }); }
  else { map.setView([0, 0], 2); }
  el.dataset.cells = String(cells.features.length);
});
