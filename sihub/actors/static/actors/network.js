/* The network view: actors as nodes (colour and shape by sector), links as edges (style by kind).
 *
 * Settings come from the JSON block #network-config (json_script): the data
 * URL (actors:network_data with the page's filters), the sector and edge
 * styles, the node count up to which the force-directed layout runs, and the
 * texts. A click on a node opens the actor's profile. From the keyboard the
 * drawing takes focus; the arrow keys move between actors (best connected
 * first), Enter opens the selected actor's profile, Escape clears the choice.
 * The table under the drawing lists the same actors with links.
 */
(function () {
  "use strict";

  function status(text) {
    document.getElementById("network-status").textContent = text || "";
  }

  function nodeStyle(config, key, fallback) {
    return function (node) {
      var style = config.sectors[node.data("sector")];
      return style ? style[key] : fallback;
    };
  }

  function edgeStyle(config, key, fallback) {
    return function (edge) {
      var style = config.edges[edge.data("kind")];
      return style ? style[key] : fallback;
    };
  }

  function draw(element, config, data) {
    var small = data.nodes.length <= config.coseLimit;
    var maxDegree = data.nodes.reduce(function (max, n) {
      return Math.max(max, n.data.degree);
    }, 1);
    var cy = cytoscape({
      container: element,
      elements: { nodes: data.nodes, edges: data.edges },
      minZoom: 0.05,
      maxZoom: 4,
      hideEdgesOnViewport: !small,
      textureOnViewport: !small,
      style: [
        {
          selector: "node",
          style: {
            "background-color": nodeStyle(config, "colour", "#767676"),
            shape: nodeStyle(config, "shape", "ellipse"),
            "border-width": 1,
            "border-color": "#1a1a1a",
            width: function (n) {
              return 14 + 26 * Math.sqrt(n.data("degree") / maxDegree);
            },
            height: function (n) {
              return 14 + 26 * Math.sqrt(n.data("degree") / maxDegree);
            },
            label: "data(label)",
            "font-size": 11,
            color: "#1a1a1a",
            "text-valign": "bottom",
            "text-margin-y": 3,
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.8,
            "min-zoomed-font-size": 9,
          },
        },
        {
          selector: "edge",
          style: {
            width: 1.5,
            "line-color": edgeStyle(config, "colour", "#767676"),
            "line-style": edgeStyle(config, "line", "solid"),
            "curve-style": small ? "bezier" : "haystack",
            "target-arrow-shape": function (e) {
              var style = config.edges[e.data("kind")];
              return small && style && style.directed ? "triangle" : "none";
            },
            "target-arrow-color": edgeStyle(config, "colour", "#767676"),
            opacity: small ? 0.9 : 0.5,
          },
        },
        {
          selector: "node:selected",
          style: { "border-width": 5, "border-color": "#ffbf47", "overlay-opacity": 0 },
        },
      ],
      layout: small
        ? { name: "cose", animate: false, nodeDimensionsIncludeLabels: false, numIter: 1000 }
        : {
            name: "concentric",
            animate: false,
            concentric: function (n) {
              return n.data("degree");
            },
            levelWidth: function () {
              return Math.max(1, maxDegree / 8);
            },
            minNodeSpacing: 4,
          },
    });
    cy.on("tap", "node", function (event) {
      window.location.assign(event.target.data("url"));
    });

    // Keyboard: best-connected first, as in the table.
    var order = cy
      .nodes()
      .toArray()
      .sort(function (a, b) {
        return b.data("degree") - a.data("degree") || a.data("label").localeCompare(b.data("label"));
      });
    var position = -1;

    function choose(index) {
      position = (index + order.length) % order.length;
      var node = order[position];
      cy.nodes(":selected").unselect();
      node.select();
      var box = cy.extent();
      var p = node.position();
      if (p.x < box.x1 || p.x > box.x2 || p.y < box.y1 || p.y > box.y2) {
        cy.center(node);
      }
      var sector = config.sectors[node.data("sector")];
      status(
        config.text.selected
          .replace("%(name)s", node.data("label"))
          .replace("%(sector)s", sector ? sector.name : node.data("sector"))
      );
    }

    element.addEventListener("keydown", function (event) {
      if (!order.length) {
        return;
      }
      if (event.key === "ArrowRight" || event.key === "ArrowDown") {
        choose(position + 1);
      } else if (event.key === "ArrowLeft" || event.key === "ArrowUp") {
        choose(position - 1);
      } else if (event.key === "Enter" && position >= 0) {
        window.location.assign(order[position].data("url"));
      } else if (event.key === "Escape") {
        cy.nodes(":selected").unselect();
        position = -1;
        status("");
        return;
      } else {
        return;
      }
      event.preventDefault();
    });
    element.addEventListener("focus", function () {
      if (position < 0) {
        status(config.text.help);
      }
    });
    return cy;
  }

  function start() {
    var element = document.getElementById("ecosystem-network");
    var source = document.getElementById("network-config");
    if (!element || !source || typeof cytoscape === "undefined") {
      return;
    }
    var config = JSON.parse(source.textContent);
    status(config.text.loading);
    fetch(config.data, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (!data.nodes.length) {
          status(config.text.empty);
          return;
        }
        draw(element, config, data);
        status("");
      })
      .catch(function () {
        status(config.text.failed);
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
