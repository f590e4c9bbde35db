// The map page: an offline basemap (world-atlas TopoJSON), clustered event markers from
// GET /api/events.geojson, a legend, and the paged event table from GET /api/events.
// The filters live in the URL (see filters.js); this script reloads on `filters-changed` and
// on popstate. All data text goes into the page through textContent / DOM nodes.
(function () {
  "use strict";

  var C = window.Claimgraph;
  var mapEl = document.getElementById("map");
  if (!mapEl || !C) return;
  if (!window.L || !L.markerClusterGroup) {
    C.showError(document.getElementById("map-error"),
      new Error("The map libraries did not load (static/vendor is built by `make assets`)."));
    return;
  }

  var PAGE_SIZE = 50;
  var LEGEND_MAX = 10; // categories named in the legend; the rest are "Other"
  var APPROXIMATE = { province: true, country: true };
  var DEFAULT_VIEW = L.latLngBounds([13, 30], [40, 60]); // Iraq, Syria, the Levant, the Gulf

  var statusEl = document.getElementById("map-status");
  var errorEl = document.getElementById("map-error");
  var listEl = document.getElementById("event-list");
  var errors = {};

  function setError(source, err) {
    if (err) errors[source] = err.message || String(err);
    else delete errors[source];
    var seen = {};
    var messages = [];
    Object.keys(errors).forEach(function (k) {
      if (!seen[errors[k]]) messages.push(errors[k]);
      seen[errors[k]] = true;
    });
    if (!errorEl) return;
    if (messages.length) C.showError(errorEl, new Error(messages.join(" ")));
    else C.clearError(errorEl);
  }

  // -- the map ----------------------------------------------------------------------------------

  var map = L.map(mapEl, {
    minZoom: 2,
    maxZoom: 14,
    zoomSnap: 0.5,
    maxBounds: [[-85, -200], [85, 200]],
    maxBoundsViscosity: 0.8,
    keyboard: true
  });
  map.fitBounds(DEFAULT_VIEW);

  // The offline basemap sits under the (optional) tile layer.
  var basemapPane = map.createPane("basemap");
  basemapPane.style.zIndex = "150";
  basemapPane.style.pointerEvents = "none";

  function loadBasemap() {
    var url = mapEl.getAttribute("data-basemap-url");
    if (!url || !window.topojson) return;
    C.fetchJSON(url)
      .then(function (topo) {
        var countries = window.topojson.feature(topo, topo.objects.countries);
        L.geoJSON(countries, {
          pane: "basemap",
          interactive: false,
          renderer: L.canvas({ pane: "basemap", padding: 0.5 }),
          style: { color: "#7d8895", weight: 0.8, fillColor: "#f3f0e8", fillOpacity: 1 }
        }).addTo(map);
      })
      .catch(function (err) {
        setError("basemap", new Error("The basemap could not be loaded: " + err.message));
      });
  }

  // Attribution text from the configuration is shown as text, never as HTML.
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var tileUrl = (mapEl.getAttribute("data-tile-url") || "").trim();
  if (tileUrl) {
    L.tileLayer(tileUrl, {
      maxZoom: 18,
      attribution: escapeHtml(mapEl.getAttribute("data-tile-attribution") || "")
    }).addTo(map);
  }
  loadBasemap();

  var cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 36,
    spiderfyOnMaxZoom: true,
    chunkedLoading: true
  });
  map.addLayer(cluster);

  var legend = L.control({ position: "bottomright" });
  var legendBox = C.el("div", { className: "map-legend", role: "group", "aria-label": "Legend" });
  legend.onAdd = function () {
    L.DomEvent.disableClickPropagation(legendBox);
    L.DomEvent.disableScrollPropagation(legendBox);
    return legendBox;
  };
  legend.addTo(map);

  function colorKey(props, by) {
    if (by === "actor") return C.text(props.actor1) || "Unknown";
    return C.text(props.sub_event_type) || C.text(props.event_type) || "Unknown";
  }

  // Categories by frequency; beyond LEGEND_MAX they are folded into "Other".
  function categories(features, by) {
    var counts = {};
    features.forEach(function (f) {
      var k = colorKey(f.properties || {}, by);
      counts[k] = (counts[k] || 0) + 1;
    });
    var keys = Object.keys(counts).sort(function (a, b) {
      return counts[b] - counts[a] || (a < b ? -1 : a > b ? 1 : 0);
    });
    var named = keys.filter(function (k) { return k !== "Unknown"; }).slice(0, LEGEND_MAX);
    var colors = C.colorMap(named);
    var rows = named.map(function (k) { return { key: k, count: counts[k], color: colors[k] }; });
    var rest = keys.filter(function (k) { return named.indexOf(k) < 0; });
    if (rest.length) {
      var n = rest.reduce(function (s, k) { return s + counts[k]; }, 0);
      var label = rest.length === 1 && rest[0] === "Unknown" ? "Unknown" : "Other";
      rows.push({ key: label, count: n, color: C.OTHER_COLOR });
    }
    return {
      rows: rows,
      color: function (k) { return colors[k] || C.OTHER_COLOR; }
    };
  }

  function renderLegend(cats, by, nApprox) {
    legendBox.textContent = "";
    legendBox.appendChild(C.el("h2", { text: by === "actor" ? "Actor" : "Event type" }));
    var ul = C.el("ul");
    cats.rows.forEach(function (r) {
      var sw = C.el("span", { className: "swatch", "aria-hidden": "true" });
      sw.style.backgroundColor = r.color;
      sw.style.borderColor = r.color;
      ul.appendChild(C.el("li", null, [sw, C.el("span", { dir: "auto", text: r.key }), C.el("span", { className: "muted", text: "(" + r.count + ")" })]));
    });
    legendBox.appendChild(ul);
    var prec = C.el("ul");
    var filled = C.el("span", { className: "swatch", "aria-hidden": "true" });
    filled.style.backgroundColor = "#555";
    var hollow = C.el("span", { className: "swatch hollow", "aria-hidden": "true" });
    prec.appendChild(C.el("li", null, [filled, "site or town"]));
    prec.appendChild(C.el("li", null, [hollow, "province or country only" + (nApprox ? " (" + nApprox + ")" : "")]));
    legendBox.appendChild(C.el("h2", { text: "Location" }));
    legendBox.appendChild(prec);
    var sizes = C.el("ul", { className: "size-legend" });
    [0, 3, 10, 30].forEach(function (n) {
      var dot = C.el("span", { className: "swatch size", "aria-hidden": "true" });
      dot.style.width = dot.style.height = markerSize(n, false) + "px";
      sizes.appendChild(C.el("li", null, [dot, n ? n + " killed" : "none or not stated"]));
    });
    legendBox.appendChild(C.el("h2", { text: "Size: killed" }));
    legendBox.appendChild(sizes);
  }

  function numberText(v) {
    if (v === null || v === undefined || v === "") return "unknown";
    return String(v);
  }

  function placeText(p) {
    var parts = [C.text(p.location), C.text(p.country)].filter(function (x) { return x; });
    return parts.join(", ") || "unknown place";
  }

  function popupFor(id, p) {
    var box = C.el("div", { className: "event-popup" });
    box.appendChild(C.el("h3", { dir: "auto", text: C.text(p.sub_event_type) || C.text(p.event_type) || "Event" }));
    var conflicts = C.text(p.conflicts);
    if (conflicts) {
      box.appendChild(C.el("p", { className: "conflict-mark", dir: "auto", text: "Sources disagree: " + conflicts }));
    }
    var dl = C.el("dl");
    function row(label, value, dataText) {
      if (value === "" || value === null || value === undefined) return;
      dl.appendChild(C.el("dt", { text: label }));
      dl.appendChild(C.el("dd", { dir: dataText ? "auto" : null, text: value }));
    }
    row("Date", C.text(p.event_date) || "unknown");
    var where = placeText(p);
    if (APPROXIMATE[p.claimgraph_geo_precision]) where += " (" + p.claimgraph_geo_precision + " only)";
    row("Place", where, true);
    row("Claimed by", C.text(p.claimed_by) || "no claim", true);
    row("Attributed to", C.text(p.attributed_to), true);
    if (C.text(p.actor1) && C.text(p.actor1) !== C.text(p.claimed_by)) row("Actor", C.text(p.actor1), true);
    row("Killed", numberText(p.fatalities));
    row("Injured", numberText(p.injuries));
    row("Sources", numberText(p.sources_count));
    if (p.review_status) {
      dl.appendChild(C.el("dt", { text: "Review" }));
      dl.appendChild(C.el("dd", null, [C.el("span", { className: "badge badge-" + String(p.review_status).replace(/[^a-z]/g, ""), text: String(p.review_status) })]));
    }
    box.appendChild(dl);
    box.appendChild(C.el("a", { href: C.eventUrl(id), text: "Open the event" }));
    return box;
  }

  // Marker diameter by fatalities (area grows with the count, capped): 14 px for none or unknown.
  function markerSize(fatalities, approx) {
    if (approx) return 18;
    var n = Number(fatalities);
    if (!isFinite(n) || n <= 0) return 14;
    return Math.round(Math.min(40, 14 + 5 * Math.sqrt(n)));
  }

  // The bounds of the bulk of the points: the 5th to 95th percentile of latitude and longitude
  // when there are enough points, so that one far-away event does not set the view.
  function bulkBounds(points) {
    if (points.length < 12) return L.latLngBounds(points);
    var lats = points.map(function (p) { return p[0]; }).sort(function (a, b) { return a - b; });
    var lngs = points.map(function (p) { return p[1]; }).sort(function (a, b) { return a - b; });
    var q = function (xs, f) { return xs[Math.min(xs.length - 1, Math.max(0, Math.round(f * (xs.length - 1))))]; };
    return L.latLngBounds([q(lats, 0.05), q(lngs, 0.05)], [q(lats, 0.95), q(lngs, 0.95)]);
  }

  function markerFor(feature, color) {
    var p = feature.properties || {};
    var c = feature.geometry.coordinates; // RFC 7946: [longitude, latitude]
    var approx = !!APPROXIMATE[p.claimgraph_geo_precision];
    var pin = C.el("span", { className: "cg-pin" + (approx ? " hollow" : "") + (C.text(p.conflicts) ? " has-conflict" : "") });
    if (approx) pin.style.borderColor = color;
    else pin.style.backgroundColor = color;
    var size = markerSize(p.fatalities, approx);
    var icon = L.divIcon({
      html: pin,
      className: "cg-pin-wrap",
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
      popupAnchor: [0, -size / 2]
    });
    var title = [C.text(p.event_date), C.text(p.sub_event_type), placeText(p)].filter(function (x) { return x; }).join(" · ");
    var m = L.marker([c[1], c[0]], { icon: icon, title: title, keyboard: true, riseOnHover: true });
    var id = feature.id !== undefined && feature.id !== null ? feature.id : p.claimgraph_event_id;
    m.bindPopup(function () { return popupFor(id, p); }, { maxWidth: 340 });
    return m;
  }

  var lastGeo = null; // {query, data}
  var geoAbort = null;

  function drawMarkers(data, fit) {
    var by = C.params().get("color") === "actor" ? "actor" : "type";
    var features = (data && data.features) || [];
    var located = features.filter(function (f) {
      return f.geometry && f.geometry.type === "Point" && Array.isArray(f.geometry.coordinates) &&
        isFinite(f.geometry.coordinates[0]) && isFinite(f.geometry.coordinates[1]);
    });
    var cats = categories(located, by);
    var nApprox = 0;
    var markers = located.map(function (f) {
      if (APPROXIMATE[(f.properties || {}).claimgraph_geo_precision]) nApprox += 1;
      return markerFor(f, cats.color(colorKey(f.properties || {}, by)));
    });
    cluster.clearLayers();
    cluster.addLayers(markers);
    renderLegend(cats, by, nApprox);
    var missing = features.length - located.length;
    if (statusEl) {
      statusEl.textContent = "";
      statusEl.appendChild(C.el("span", { text: located.length + (located.length === 1 ? " event" : " events") + " on the map" }));
      statusEl.appendChild(C.el("span", {
        text: missing ? missing + (missing === 1 ? " event has" : " events have") + " no coordinates (listed below only)" : "every matching event has coordinates"
      }));
      if (nApprox) statusEl.appendChild(C.el("span", { text: nApprox + " placed at province or country level (hollow markers)" }));
    }
    if (fit) {
      var points = located.map(function (f) { return [f.geometry.coordinates[1], f.geometry.coordinates[0]]; });
      if (markers.length) map.fitBounds(bulkBounds(points).pad(0.15), { maxZoom: 8 });
      else map.fitBounds(DEFAULT_VIEW);
    }
  }

  function loadMarkers() {
    var url = mapEl.getAttribute("data-geojson-url") || "/api/events.geojson";
    var query = C.filterQuery();
    if (lastGeo && lastGeo.query === query) {
      drawMarkers(lastGeo.data, false);
      return;
    }
    if (geoAbort) geoAbort.abort();
    geoAbort = new AbortController();
    mapEl.setAttribute("aria-busy", "true");
    if (statusEl) statusEl.textContent = "Loading events…";
    C.fetchJSON(url + (query ? "?" + query : ""), geoAbort.signal)
      .then(function (data) {
        lastGeo = { query: query, data: data };
        setError("geojson", null);
        drawMarkers(data, true);
      })
      .catch(function (err) {
        if (C.isAbort(err)) return;
        lastGeo = null;
        cluster.clearLayers();
        legendBox.textContent = "";
        if (statusEl) statusEl.textContent = "No events shown.";
        setError("geojson", err);
      })
      .then(function () {
        mapEl.removeAttribute("aria-busy");
      });
  }

  // -- the event list ---------------------------------------------------------------------------

  var listAbort = null;
  var COLUMNS = [
    ["Date", ""], ["Type", ""], ["Place", ""], ["Claimed by", ""], ["Attributed to", ""],
    ["Killed", "num"], ["Injured", "num"], ["Sources", "num"], ["Conflicts", ""]
  ];

  function offsetParam() {
    var n = parseInt(C.params().get("offset") || "0", 10);
    return isFinite(n) && n > 0 ? n : 0;
  }

  function renderList(data, focusName) {
    listEl.textContent = "";
    var total = Number(data.total) || 0;
    var offset = Number(data.offset) || 0;
    var items = Array.isArray(data.items) ? data.items : [];
    var limit = Number(data.limit) || PAGE_SIZE;
    if (!total || !items.length) {
      listEl.appendChild(C.el("p", { className: "notice", text: total ? "No events on this page." : "No events match these filters." }));
      if (!total) return;
    }
    var table = C.el("table", { className: "data", id: "event-table", tabindex: "-1" });
    table.appendChild(C.el("caption", { className: "visually-hidden", text: "Events matching the filters, newest first" }));
    var trh = C.el("tr");
    COLUMNS.forEach(function (col) {
      trh.appendChild(C.el("th", { scope: "col", className: col[1] || null, text: col[0] }));
    });
    table.appendChild(C.el("thead", null, [trh]));
    var tbody = C.el("tbody");
    items.forEach(function (r) {
      var id = r.claimgraph_event_id !== undefined ? r.claimgraph_event_id : r.id;
      var conflicts = C.text(r.conflicts);
      var tr = C.el("tr", { className: conflicts ? "conflict" : null });
      tr.appendChild(C.el("td", { className: "nowrap" }, [C.el("a", { href: C.eventUrl(id), text: C.text(r.event_date) || "undated" })]));
      tr.appendChild(C.el("td", { dir: "auto", text: C.text(r.sub_event_type) || C.text(r.event_type) }));
      var place = C.el("td", { dir: "auto" }, [placeText(r)]);
      if (APPROXIMATE[r.claimgraph_geo_precision]) {
        place.appendChild(C.el("span", { className: "muted", text: " (" + r.claimgraph_geo_precision + ")" }));
      }
      if (r.latitude === null || r.latitude === undefined) {
        place.appendChild(C.el("span", { className: "muted", text: " (not on the map)" }));
      }
      tr.appendChild(place);
      tr.appendChild(C.el("td", { dir: "auto", text: C.text(r.claimed_by) }));
      tr.appendChild(C.el("td", { dir: "auto", text: C.text(r.attributed_to) }));
      tr.appendChild(C.el("td", { className: "num", text: C.text(r.fatalities_high == null ? null : r.fatalities) }));
      tr.appendChild(C.el("td", { className: "num", text: C.text(r.injuries) }));
      tr.appendChild(C.el("td", { className: "num", text: C.text(r.sources_count) }));
      tr.appendChild(C.el("td", null, conflicts ? [C.el("span", { className: "conflict-mark", dir: "auto", text: conflicts })] : []));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    listEl.appendChild(C.el("div", { className: "table-wrap" }, [table]));

    var first = items.length ? offset + 1 : 0;
    var last = offset + items.length;
    var prev = C.el("button", { type: "button", className: "secondary", "data-page": "prev", text: "← Previous" });
    var next = C.el("button", { type: "button", className: "secondary", "data-page": "next", text: "Next →" });
    prev.disabled = offset <= 0;
    next.disabled = last >= total;
    prev.addEventListener("click", function () {
      C.update({ offset: Math.max(0, offset - limit) || null }, "pager");
    });
    next.addEventListener("click", function () {
      C.update({ offset: offset + limit }, "pager");
    });
    var pager = C.el("nav", { className: "pager", "aria-label": "Event list pages" }, [
      prev,
      C.el("span", { className: "status", text: "Events " + first + "–" + last + " of " + total }),
      next
    ]);
    listEl.appendChild(pager);
    if (focusName) {
      var again = pager.querySelector('[data-page="' + focusName + '"]');
      if (again && !again.disabled) again.focus();
      else table.focus();
    }
  }

  function loadList(focusName) {
    if (!listEl) return;
    var url = listEl.getAttribute("data-url") || "/api/events";
    var query = C.filterQuery({ limit: PAGE_SIZE, offset: offsetParam() });
    if (listAbort) listAbort.abort();
    listAbort = new AbortController();
    listEl.setAttribute("aria-busy", "true");
    C.fetchJSON(url + "?" + query, listAbort.signal)
      .then(function (data) {
        setError("list", null);
        renderList(data || {}, focusName);
      })
      .catch(function (err) {
        if (C.isAbort(err)) return;
        listEl.textContent = "";
        setError("list", err);
      })
      .then(function () {
        listEl.removeAttribute("aria-busy");
      });
  }

  function reload(source) {
    loadMarkers();
    var active = document.activeElement;
    var focusName = source === "pager" && active && active.getAttribute ? active.getAttribute("data-page") : null;
    loadList(focusName);
  }

  document.addEventListener("filters-changed", function (e) {
    reload(e.detail && e.detail.source);
  });
  window.addEventListener("popstate", function () {
    C.fillForm();
    reload("history");
  });
  reload("load");
})();
