/* The ecosystem map: a choropleth of counties or municipalities plus clustered actor markers.
 *
 * Settings come from the JSON block #map-config (json_script): URLs of the
 * region counts, the markers and the two boundary files, an optional tile URL,
 * the sectors' colours and shapes, county names in the page's language and
 * the texts. Without a tile URL only the committed boundaries are drawn,
 * so the map works offline.
 *
 * The form #map-form keeps working as a plain GET form; with this script a
 * change fetches new numbers and updates the map, the legend and the table
 * (#map-table) in place, and keeps the address bar in step so the view can be
 * shared.
 */
(function () {
  "use strict";

  var config, map, regionLayer, markerLayer, layersControl;
  var boundaries = {}; // level -> GeoJSON, fetched once
  var current = null; // the last region data
  var markerQuery = null;
  var fitted = false;
  var latest = 0;

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(
      function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      }
    );
  }

  function status(text) {
    document.getElementById("map-status").textContent = text || "";
  }

  function formQuery(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "") {
        params.append(name, value);
      }
    });
    return params;
  }

  function colourFor(count) {
    if (!count) {
      return config.zero;
    }
    var legend = current.legend;
    for (var i = 0; i < legend.length; i++) {
      if (count <= legend[i].to) {
        return legend[i].colour;
      }
    }
    return legend[legend.length - 1].colour;
  }

  function swatch(colour) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "swatch");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("viewBox", "0 0 18 18");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var rect = document.createElementNS(ns, "rect");
    rect.setAttribute("x", "0.5");
    rect.setAttribute("y", "0.5");
    rect.setAttribute("width", "17");
    rect.setAttribute("height", "17");
    rect.setAttribute("fill", colour);
    rect.setAttribute("stroke", "#4a4a4a");
    svg.appendChild(rect);
    return svg;
  }

  function legendItem(colour, text) {
    var li = document.createElement("li");
    li.appendChild(swatch(colour));
    li.appendChild(document.createTextNode(" " + text));
    return li;
  }

  function renderLegend() {
    document.getElementById("map-legend-title").textContent = current.title;
    var list = document.getElementById("map-legend-items");
    list.replaceChildren(legendItem(config.zero, "0 (" + config.text.none + ")"));
    current.legend.forEach(function (item) {
      var text = item.from === item.to ? String(item.from) : item.from + "–" + item.to;
      list.appendChild(legendItem(item.colour, text));
    });
  }

  function renderTable(geojson) {
    document.getElementById("map-table-caption").textContent = current.title;
    document.getElementById("map-table-region").textContent = current.region_label;
    document.getElementById("map-table-count").textContent = current.count_label;
    var rows = geojson.features
      .map(function (f) {
        return f.properties;
      })
      .sort(function (a, b) {
        return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
      })
      .map(function (p) {
        var tr = document.createElement("tr");
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = (config.names[current.level] || {})[p.code] || p.name;
        var code = document.createElement("td");
        code.textContent = p.code;
        var count = document.createElement("td");
        count.className = "num";
        count.textContent = String(current.counts[p.code] || 0);
        tr.append(th, code, count);
        return tr;
      });
    var body = document.getElementById("map-table-body");
    body.replaceChildren.apply(body, rows);
    var unplaced = document.getElementById("map-unplaced");
    unplaced.hidden = !current.unplaced;
    unplaced.textContent = config.text.unplaced.replace("%(count)s", current.unplaced);
  }

  function drawRegions(geojson) {
    if (regionLayer) {
      layersControl.removeLayer(regionLayer);
      map.removeLayer(regionLayer);
    }
    regionLayer = L.geoJSON(geojson, {
      style: function (feature) {
        return {
          color: "#4a4a4a",
          weight: current.level === "county" ? 1 : 0.5,
          fillColor: colourFor(current.counts[feature.properties.code]),
          fillOpacity: config.tiles ? 0.75 : 1,
        };
      },
      onEachFeature: function (feature, layer) {
        var n = current.counts[feature.properties.code] || 0;
        layer.bindTooltip(feature.properties.name + ": " + n, { sticky: true });
      },
    }).addTo(map);
    regionLayer.bringToBack();
    layersControl.addOverlay(regionLayer, config.text.regions);
    if (!fitted) {
      map.fitBounds(regionLayer.getBounds());
      fitted = true;
    }
  }

  function loadBoundaries(level) {
    if (boundaries[level]) {
      return Promise.resolve(boundaries[level]);
    }
    return getJSON(config.boundaries[level]).then(function (data) {
      boundaries[level] = data;
      return data;
    });
  }

  // The sector's shape and colour, as on the network view (colour is not the only cue).
  function sectorIcon(sector) {
    var style = config.sectors[sector] || { colour: "#767676", points: "" };
    var shape = style.points
      ? '<polygon points="' + style.points + '"'
      : '<circle cx="10" cy="10" r="8.5"';
    return L.divIcon({
      className: "sector-marker",
      html:
        '<svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">' +
        shape + ' fill="' + style.colour + '" stroke="#1a1a1a" stroke-width="1.5"/></svg>',
      iconSize: [18, 18],
      iconAnchor: [9, 9],
      popupAnchor: [0, -9],
    });
  }

  function markerFor(feature, latlng) {
    var p = feature.properties;
    var marker = L.marker(latlng, {
      icon: sectorIcon(p.sector),
      title: p.name + " (" + p.sector_name + ")",
      alt: p.name,
    });
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.name;
    var sector = document.createElement("div");
    sector.textContent = p.sector_name;
    popup.append(link, sector);
    marker.bindPopup(popup);
    return marker;
  }

  function loadMarkers(params) {
    var query = new URLSearchParams();
    params.getAll("sector").forEach(function (v) {
      query.append("sector", v);
    });
    params.getAll("offering").forEach(function (v) {
      query.append("offering", v);
    });
    var key = query.toString();
    if (key === markerQuery) {
      return Promise.resolve();
    }
    markerQuery = key;
    return getJSON(config.markers + (key ? "?" + key : "")).then(function (data) {
      var visible = !markerLayer || map.hasLayer(markerLayer);
      if (markerLayer) {
        layersControl.removeLayer(markerLayer);
        map.removeLayer(markerLayer);
      }
      markerLayer = L.markerClusterGroup({ showCoverageOnHover: false, chunkedLoading: true });
      markerLayer.addLayer(L.geoJSON(data, { pointToLayer: markerFor }));
      if (visible) {
        markerLayer.addTo(map);
      }
      layersControl.addOverlay(markerLayer, config.text.markers);
    });
  }

  function update(params, push) {
    var request = ++latest; // a slow answer to an earlier choice must not win
    status(config.text.loading);
    var query = params.toString();
    var regions = getJSON(config.regions + (query ? "?" + query : "")).then(function (data) {
      current = data;
      return loadBoundaries(data.level);
    });
    return Promise.all([regions, loadMarkers(params)])
      .then(function (results) {
        if (request !== latest) {
          return;
        }
        drawRegions(results[0]);
        renderLegend();
        renderTable(results[0]);
        if (push) {
          history.replaceState(null, "", query ? "?" + query : window.location.pathname);
        }
        status("");
      })
      .catch(function () {
        if (request === latest) {
          status(config.text.failed);
        }
      });
  }

  function start() {
    var element = document.getElementById("ecosystem-map");
    var source = document.getElementById("map-config");
    var form = document.getElementById("map-form");
    if (!element || !source || !form || typeof L === "undefined") {
      return;
    }
    config = JSON.parse(source.textContent);
    map = L.map(element, {
      center: [62.5, 16.5],
      zoom: 4,
      minZoom: 3,
      maxZoom: 14,
      attributionControl: Boolean(config.tiles),
    });
    if (config.tiles) {
      L.tileLayer(config.tiles, { maxZoom: 18, attribution: config.attribution }).addTo(map);
    }
    layersControl = L.control.layers(null, null, { collapsed: false }).addTo(map);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update(formQuery(form), true);
    });
    form.addEventListener("change", function () {
      update(formQuery(form), true);
    });
    update(formQuery(form), false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
