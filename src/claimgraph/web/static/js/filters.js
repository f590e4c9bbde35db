// Shared by the map and timeline pages: the URL is the state (permalinks).
//
// - The filter form (#filters) is filled from location.search on load and on popstate.
// - Submitting it (or changing one of its display selects) puts its values in the URL with
//   history.pushState and dispatches `filters-changed` on document; map.js and timeline.js
//   listen to that event (and to popstate) and reload from the URL.
// - Data text is only ever inserted with textContent / DOM nodes (see el()).
(function () {
  "use strict";

  // Filters the event API understands; everything else in the URL is page state.
  var FILTERS = ["actor", "claimed_by", "place", "country", "type", "since", "until", "conflicts", "review_status"];
  // Page state kept in the URL but never sent as an event filter.
  var DISPLAY = ["color", "by", "bucket"];

  // Known sub-event types get fixed colours (the map and the timeline agree); others get the
  // remaining colours of the palette in order of appearance. Okabe-Ito / Tableau-like, readable
  // on both the light basemap and white.
  var PALETTE = ["#1f77b4", "#d62728", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#4e79a7", "#f28e2b", "#59a14f"];
  var FIXED = {
    "Air/drone strike": "#1f77b4",
    "Shelling/artillery/missile attack": "#d62728",
    "Remote explosive/landmine/IED": "#ff7f0e",
    "Armed clash": "#2ca02c",
    "Attack": "#9467bd",
    "Grenade": "#8c564b",
    "Suicide bomb": "#e377c2",
    "Abduction/forced disappearance": "#17becf",
    "Strategic developments": "#bcbd22"
  };
  var OTHER_COLOR = "#7f7f7f";

  // A fresh colour map for one drawing: keys in the given order (most frequent first).
  function colorMap(keys) {
    var used = {};
    var out = {};
    var free = PALETTE.slice();
    keys.forEach(function (k) {
      if (Object.prototype.hasOwnProperty.call(FIXED, k)) {
        out[k] = FIXED[k];
        used[FIXED[k]] = true;
      }
    });
    var i = 0;
    keys.forEach(function (k) {
      if (out[k]) return;
      if (k === "Other" || k === "Unknown" || k === "" || k === null) {
        out[k] = OTHER_COLOR;
        return;
      }
      while (i < free.length && used[free[i]]) i += 1;
      out[k] = i < free.length ? free[i] : OTHER_COLOR;
      if (i < free.length) used[free[i]] = true;
    });
    return out;
  }

  function params() {
    return new URLSearchParams(window.location.search);
  }

  // The filters of the current URL (non-empty only) plus `extra`, as a query string.
  function filterQuery(extra, omit) {
    var p = params();
    var out = new URLSearchParams();
    FILTERS.forEach(function (name) {
      if (omit && omit.indexOf(name) >= 0) return;
      var v = p.get(name);
      if (v !== null && v.trim() !== "") out.set(name, v.trim());
    });
    if (extra) {
      Object.keys(extra).forEach(function (k) {
        if (extra[k] !== null && extra[k] !== undefined && extra[k] !== "") out.set(k, String(extra[k]));
      });
    }
    return out.toString();
  }

  function form() {
    return document.getElementById("filters");
  }

  // Put the URL's values into the form's fields (unknown values leave a select unchanged).
  function fillForm() {
    var f = form();
    if (!f) return;
    var p = params();
    FILTERS.concat(DISPLAY).forEach(function (name) {
      var field = f.elements.namedItem(name);
      if (!field || !field.tagName) return;
      var v = p.get(name);
      if (field.type === "checkbox") {
        field.checked = v === "1" || v === "true" || v === "on";
      } else if (field.tagName === "SELECT") {
        if (v === null) v = field.getAttribute("data-default");
        if (v === null) {
          field.selectedIndex = defaultIndex(field);
        } else {
          for (var i = 0; i < field.options.length; i += 1) {
            if (field.options[i].value === v) field.selectedIndex = i;
          }
        }
      } else {
        field.value = v === null ? "" : v;
      }
    });
  }

  function defaultIndex(select) {
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].defaultSelected) return i;
    }
    return 0;
  }

  // The query string the form describes (empty fields left out).
  function formQuery() {
    var f = form();
    var out = new URLSearchParams();
    if (!f) return out;
    new FormData(f).forEach(function (value, name) {
      if (typeof value !== "string" || value.trim() === "") return;
      // a display select left at its default stays out of the URL
      var field = f.elements.namedItem(name);
      if (field && field.tagName === "SELECT" && field.getAttribute("data-default") === value) return;
      out.set(name, value.trim());
    });
    return out;
  }

  function notify(source) {
    document.dispatchEvent(new CustomEvent("filters-changed", { detail: { source: source || "form" } }));
  }

  // Replace the whole query string, push a history entry, tell the page.
  function navigate(query, source) {
    var qs = query.toString();
    var url = window.location.pathname + (qs ? "?" + qs : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.pushState(null, "", url);
    }
    fillForm();
    notify(source);
  }

  // Change some parameters (value null or "" removes one), keep the others.
  function update(changes, source) {
    var p = params();
    Object.keys(changes).forEach(function (k) {
      var v = changes[k];
      if (v === null || v === undefined || v === "") p.delete(k);
      else p.set(k, String(v));
    });
    if (!("offset" in changes)) p.delete("offset");
    navigate(p, source);
  }

  // Fetch JSON; a non-2xx answer throws an Error carrying the API's `detail` when it has one.
  function fetchJSON(url, signal) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: signal })
      .then(function (res) {
        if (res.ok) return res.json();
        return res.text().then(function (body) {
          var message = "The server answered " + res.status + (res.statusText ? " " + res.statusText : "") + ".";
          try {
            var data = JSON.parse(body);
            if (data && typeof data.detail === "string") message = data.detail;
            else if (data && Array.isArray(data.detail)) {
              message = data.detail.map(function (d) {
                var where = Array.isArray(d.loc) ? d.loc.filter(function (x) { return x !== "query"; }).join(".") : "";
                return (where ? where + ": " : "") + (d.msg || JSON.stringify(d));
              }).join("; ");
            }
          } catch (e) {
            /* not JSON: keep the status line */
          }
          var err = new Error(message);
          err.status = res.status;
          throw err;
        });
      });
  }

  function isAbort(err) {
    return err && (err.name === "AbortError" || err.code === 20);
  }

  // A value of a row as display text: lists joined, null/undefined as "".
  function text(v) {
    if (v === null || v === undefined) return "";
    if (Array.isArray(v)) return v.filter(function (x) { return x !== null && x !== undefined && x !== ""; }).join("; ");
    return String(v);
  }

  // Build a DOM element. attrs: plain attributes (set with setAttribute) plus `text` (textContent),
  // `className`, `dir`; children: nodes or strings (text nodes). Never parses HTML.
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") node.textContent = String(v);
        else if (k === "className") node.className = v;
        else node.setAttribute(k, v === true ? "" : String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function showError(node, err) {
    if (!node) return;
    node.textContent = err && err.message ? err.message : String(err);
    node.hidden = false;
  }

  function clearError(node) {
    if (!node) return;
    node.textContent = "";
    node.hidden = true;
  }

  function eventUrl(id) {
    return "/events/" + encodeURIComponent(id);
  }

  // Links that carry the filters (export links, the review-status links with their counts) follow
  // the URL: after a filter change their targets and counts are those of the new filters.
  var countsRequest = null;
  function refreshLinks() {
    document.querySelectorAll("[data-export] a[data-format]").forEach(function (a) {
      a.setAttribute("href", "/api/export?" + filterQuery({ format: a.getAttribute("data-format") }));
    });
    var nav = document.querySelector(".status-filter");
    if (!nav) return;
    nav.querySelectorAll("a[data-status]").forEach(function (a) {
      var p = params();
      var status = a.getAttribute("data-status");
      if (status) p.set("review_status", status);
      else p.delete("review_status");
      p.delete("offset");
      var qs = p.toString();
      a.setAttribute("href", window.location.pathname + (qs ? "?" + qs : ""));
      if (status === (params().get("review_status") || "")) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    if (countsRequest) countsRequest.abort();
    countsRequest = typeof AbortController === "function" ? new AbortController() : null;
    fetchJSON("/api/facets?" + filterQuery(null, ["review_status"]), countsRequest && countsRequest.signal)
      .then(function (data) {
        var counts = data.review_status || {};
        nav.querySelectorAll("a[data-status]").forEach(function (a) {
          var status = a.getAttribute("data-status");
          var n = status ? counts[status] || 0
            : (counts.unreviewed || 0) + (counts.confirmed || 0) + (counts.edited || 0);
          var span = a.querySelector(".count");
          if (span) span.textContent = String(n);
        });
      })
      .catch(function (err) {
        if (!isAbort(err)) nav.setAttribute("data-stale", "true");
      });
  }

  function init() {
    var f = form();
    fillForm();
    document.addEventListener("filters-changed", refreshLinks);
    window.addEventListener("popstate", refreshLinks);
    if (!f) return;
    f.addEventListener("submit", function (e) {
      e.preventDefault();
      var q = formQuery();
      q.delete("offset");
      navigate(q, "form");
    });
    // Display selects (colour, by, bucket) apply at once.
    DISPLAY.forEach(function (name) {
      var field = f.elements.namedItem(name);
      if (field && field.tagName === "SELECT") {
        field.addEventListener("change", function () {
          var change = {};
          change[name] = field.value === field.getAttribute("data-default") ? null : field.value;
          update(change, "display");
        });
      }
    });
    var clear = f.querySelector("[data-clear-filters]");
    if (clear) {
      clear.addEventListener("click", function (e) {
        e.preventDefault();
        var keep = new URLSearchParams();
        var p = params();
        DISPLAY.forEach(function (k) {
          if (p.get(k)) keep.set(k, p.get(k));
        });
        navigate(keep, "form");
      });
    }
    window.addEventListener("popstate", function () {
      fillForm();
    });
  }

  window.Claimgraph = {
    FILTERS: FILTERS,
    DISPLAY: DISPLAY,
    OTHER_COLOR: OTHER_COLOR,
    colorMap: colorMap,
    params: params,
    filterQuery: filterQuery,
    fillForm: fillForm,
    update: update,
    navigate: navigate,
    notify: notify,
    fetchJSON: fetchJSON,
    isAbort: isAbort,
    text: text,
    el: el,
    showError: showError,
    clearError: clearError,
    eventUrl: eventUrl
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
