/* A small, still map on an actor's profile: the county outlines and one point.
 *
 * Reads its settings from the JSON block #actor-map-config (written by the
 * view with json_script): {lat, lon, counties: URL of the county GeoJSON,
 * tiles: optional tile URL template}. Works offline: without a tile URL it
 * draws only the committed county boundaries. The map repeats what the text
 * beside it says, so it takes no focus and no pointer input.
 */
(function () {
  "use strict";

  function start() {
    var element = document.getElementById("actor-map");
    var source = document.getElementById("actor-map-config");
    if (!element || !source || typeof L === "undefined") {
      return;
    }
    var config = JSON.parse(source.textContent);
    var point = [config.lat, config.lon];
    var map = L.map(element, {
      center: point,
      zoom: 6,
      zoomControl: false,
      attributionControl: false, // the tile attribution is printed under the map
      dragging: false,
      scrollWheelZoom: false,
      doubleClickZoom: false,
      boxZoom: false,
      touchZoom: false,
      keyboard: false,
    });
    if (config.tiles) {
      L.tileLayer(config.tiles, { maxZoom: 18 }).addTo(map);
    }
    var marker = L.circleMarker(point, {
      radius: 8,
      color: "#ffffff",
      weight: 3,
      fillColor: "#0b5c8a",
      fillOpacity: 1,
      interactive: false,
    }).addTo(map);
    fetch(config.counties, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) {
          return;
        }
        L.geoJSON(data, {
          interactive: false,
          style: { color: "#5a6472", weight: 1, fillColor: "#e8eef3", fillOpacity: config.tiles ? 0 : 1 },
        }).addTo(map);
        marker.bringToFront();
      })
      .catch(function () {
        /* no outlines: the point alone still says where */
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
