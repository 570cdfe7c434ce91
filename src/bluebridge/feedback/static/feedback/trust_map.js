/* The trust map of the listening dashboard: areas coloured by trust (the table has the figures). */
(function () {
  var el = document.getElementById("trust-map");
  var data = document.getElementById("trust-features");
  if (!el || !data || typeof L === "undefined") return;
  var features = JSON.parse(data.textContent);
  var map = L.map(el, { scrollWheelZoom: false });
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: "&copy; OpenStreetMap" }).addTo(map);
  }
  function colour(value) {
    if (value === null || value === undefined) return "#c9c9c9";
    if (value >= 70) return "#1a4480";
    if (value >= 60) return "#2378c3";
    if (value >= 50) return "#73b3e7";
    if (value >= 40) return "#e5a000";
    return "#b50909";
  }
  var layer = L.geoJSON(features, {
    style: function (f) {
      return { color: "#1b1b1b", weight: 1, fillOpacity: 0.6, fillColor: colour(f.properties.trust) };
    },
    onEachFeature: function (f, lyr) {
      var p = f.properties;
      var text = p.trust === null
        ? p.name + ": " + el.dataset.none
        : p.name + ": " + el.dataset.trust + " " + p.trust + ", " + el.dataset.safety + " " + p.safety;
      if (p.note && p.trust !== null) text += " (" + p.note + ")";
      lyr.bindTooltip(text);
    },
  }).addTo(map);
  if (features.features.length) map.fitBounds(layer.getBounds());
  else map.setView([39.8, -98.6], 4);
})();
