/* Bluebridge public pages: focus alerts that need attention, and the optional map pin.
   Everything here is an enhancement: the forms work without JavaScript. */
(function () {
  "use strict";

  var attention = document.querySelector("[data-focus-on-load]");
  if (attention) {
    attention.focus();
  }

  var tools = document.getElementById("map-tools");
  var mapEl = document.getElementById("map");
  var latInput = document.getElementById("id_lat");
  var lonInput = document.getElementById("id_lon");
  if (!tools || !mapEl || !latInput || !lonInput || typeof window.L === "undefined") {
    return;
  }
  tools.hidden = false;

  var status = document.getElementById("pin-status");
  var locateButton = document.getElementById("use-my-location");
  var removeButton = document.getElementById("remove-pin");

  function say(text) {
    status.textContent = text;
  }
  function fixed(n) {
    return Number(n).toFixed(5);
  }

  var map = window.L.map(mapEl, { scrollWheelZoom: false, keyboard: true }).setView(
    [parseFloat(mapEl.dataset.lat), parseFloat(mapEl.dataset.lon)],
    parseInt(mapEl.dataset.zoom, 10) || 13
  );
  window.L.tileLayer(mapEl.dataset.tiles, {
    maxZoom: 19,
    attribution: "&copy; OpenStreetMap contributors"
  }).addTo(map);

  var marker = null;

  function place(lat, lon, pan) {
    latInput.value = fixed(lat);
    lonInput.value = fixed(lon);
    if (marker) {
      marker.setLatLng([lat, lon]);
    } else {
      marker = window.L.marker([lat, lon], { alt: mapEl.dataset.pinLabel, keyboard: false }).addTo(map);
    }
    if (pan) {
      map.setView([lat, lon], Math.max(map.getZoom(), 16));
    }
    removeButton.hidden = false;
    say(status.dataset.textPlaced.replace("%(lat)s", fixed(lat)).replace("%(lon)s", fixed(lon)));
  }

  function clear() {
    latInput.value = "";
    lonInput.value = "";
    if (marker) {
      map.removeLayer(marker);
      marker = null;
    }
    removeButton.hidden = true;
    say(status.dataset.textRemoved);
  }

  map.on("click", function (event) {
    place(event.latlng.lat, event.latlng.lng, false);
  });
  // Keyboard users: arrow keys move the map (Leaflet), Enter puts the pin at its centre.
  // Tab always moves on: the map never keeps the focus.
  mapEl.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target === mapEl) {
      var centre = map.getCenter();
      place(centre.lat, centre.lng, false);
      event.preventDefault();
    }
  });
  removeButton.addEventListener("click", clear);

  if (navigator.geolocation) {
    locateButton.addEventListener("click", function () {
      say(status.dataset.textLocating);
      navigator.geolocation.getCurrentPosition(
        function (position) {
          place(position.coords.latitude, position.coords.longitude, true);
        },
        function () {
          say(status.dataset.textFailed);
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  } else {
    locateButton.hidden = true;
  }

  if (latInput.value && lonInput.value) {
    place(parseFloat(latInput.value), parseFloat(lonInput.value), true);
  } else {
    removeButton.hidden = true;
  }
})();
