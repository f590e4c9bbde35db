// The timeline: a stacked bar chart (d3) of GET /api/timeline?<filters>&bucket=week|day|month&by=type|actor,
// with a horizontal brush. The chart shows every date the other filters allow (it is the
// context); the since/until range is the brush, and bars outside it are dimmed. Ending a brush
// puts since/until in the URL and the form and dispatches `filters-changed` (map.js reloads the
// markers and the list). On the map page it is a strip; on the timeline page (#timeline with the
// class timeline-large) it is taller and the form has `by` and `bucket` selects.
(function () {
  "use strict";

  var C = window.Claimgraph;
  var d3 = window.d3;
  var box = document.getElementById("timeline");
  if (!box || !C) return;
  if (!d3) {
    C.showError(box.appendChild(C.el("p", { className: "error" })),
      new Error("The chart library did not load (static/vendor is built by `make assets`)."));
    return;
  }

  var DAY = 86400000;
  var MAX_SERIES = 9; // stacked series named; the rest are summed as "Other"
  var large = box.classList.contains("timeline-large");
  var parseDate = d3.utcParse("%Y-%m-%d");
  var fmt = d3.utcFormat("%Y-%m-%d");
  var mapLink = box.getAttribute("data-map-link");

  var last = null; // {query, data}
  var abort = null;
  var drawnWidth = 0;

  function option(name, allowed, fallback) {
    var v = C.params().get(name) || box.getAttribute("data-" + name) || fallback;
    return allowed.indexOf(v) >= 0 ? v : fallback;
  }

  function settings() {
    return {
      bucket: option("bucket", ["week", "day", "month"], "week"),
      by: option("by", ["type", "actor"], "type")
    };
  }

  function dateParam(name) {
    var v = C.params().get(name);
    var d = v ? parseDate(v) : null;
    return d && !isNaN(d) ? d : null;
  }

  function message(text, cls) {
    box.textContent = "";
    box.appendChild(C.el("p", { className: cls || "chart-empty muted", text: text }));
  }

  function load() {
    var s = settings();
    var url = box.getAttribute("data-url") || "/api/timeline";
    // since/until are left out: the chart is the context the brush selects in.
    var query = C.filterQuery({ bucket: s.bucket, by: s.by }, ["since", "until"]);
    if (last && last.query === query) {
      draw();
      return;
    }
    if (abort) abort.abort();
    abort = new AbortController();
    box.setAttribute("aria-busy", "true");
    C.fetchJSON(url + "?" + query, abort.signal)
      .then(function (data) {
        last = { query: query, data: data || {} };
        draw();
      })
      .catch(function (err) {
        if (C.isAbort(err)) return;
        last = null;
        box.textContent = "";
        C.showError(box.appendChild(C.el("p", { className: "error", role: "alert" })), err);
      })
      .then(function () {
        box.removeAttribute("aria-busy");
      });
  }

  // The API's series -> rows {date, <key>: count, ...}, keys by total (largest first).
  function prepare(data) {
    var totals = {};
    var byKey = {};
    (Array.isArray(data.series) ? data.series : []).forEach(function (s) {
      var key = C.text(s.key) || "Unknown";
      byKey[key] = byKey[key] || {};
      (s.points || []).forEach(function (p) {
        var n = Number(p.count) || 0;
        if (!p.date || !n) return;
        byKey[key][p.date] = (byKey[key][p.date] || 0) + n;
        totals[key] = (totals[key] || 0) + n;
      });
    });
    var keys = Object.keys(totals).sort(function (a, b) {
      return totals[b] - totals[a] || (a < b ? -1 : a > b ? 1 : 0);
    });
    var named = keys.filter(function (k) { return k !== "Unknown"; }).slice(0, MAX_SERIES);
    var rest = keys.filter(function (k) { return named.indexOf(k) < 0; });
    var restKey = rest.length === 1 && rest[0] === "Unknown" ? "Unknown" : "Other";
    var stackKeys = rest.length ? named.concat([restKey]) : named;
    var rowsByDate = {};
    keys.forEach(function (k) {
      var target = named.indexOf(k) >= 0 ? k : restKey;
      Object.keys(byKey[k]).forEach(function (date) {
        var row = rowsByDate[date];
        if (!row) {
          var t = parseDate(date);
          if (!t) return;
          row = rowsByDate[date] = { date: t, total: 0 };
          stackKeys.forEach(function (sk) { row[sk] = 0; });
        }
        row[target] += byKey[k][date];
        row.total += byKey[k][date];
      });
    });
    var rows = Object.keys(rowsByDate).map(function (d) { return rowsByDate[d]; })
      .sort(function (a, b) { return a.date - b.date; });
    var keyTotals = {};
    stackKeys.forEach(function (k) {
      keyTotals[k] = rows.reduce(function (s, r) { return s + r[k]; }, 0);
    });
    return { rows: rows, keys: stackKeys, totals: keyTotals };
  }

  // The buckets that hold the bulk of the events: a few events (at most 2% of them, at least
  // one) separated from the rest by a gap more than three times as long as the rest spans (and
  // than 12 weeks) are left off the axis, so one 2020 event does not squeeze a 2023-2024 campaign
  // into a fifth of the width, while a quiet month inside a campaign stays on it.
  var showAll = false;
  var MIN_GAP = 12 * 7 * DAY;
  function bulkRange(rows) {
    var lo = 0;
    var hi = rows.length - 1;
    if (hi < 2) return { lo: 0, hi: hi, before: 0, after: 0 };
    var total = rows.reduce(function (n, r) { return n + r.total; }, 0);
    var limit = Math.max(1, Math.floor(total * 0.02));
    var before = 0;
    var after = 0;
    var far = function (gap, rest) { return gap > Math.max(3 * rest, MIN_GAP); };
    while (lo < hi - 1 && before + rows[lo].total <= limit &&
      far(+rows[lo + 1].date - +rows[lo].date, +rows[hi].date - +rows[lo + 1].date)) {
      before += rows[lo].total;
      lo += 1;
    }
    while (hi > lo + 1 && after + rows[hi].total <= limit &&
      far(+rows[hi].date - +rows[hi - 1].date, +rows[hi - 1].date - +rows[lo].date)) {
      after += rows[hi].total;
      hi -= 1;
    }
    return { lo: lo, hi: hi, before: before, after: after };
  }

  function draw() {
    if (!last) return;
    var s = settings();
    var step = s.bucket === "day" ? DAY : 7 * DAY;
    var nextBucket = function (t) {
      return s.bucket === "month" ? d3.utcMonth.offset(t, 1) : new Date(+t + step);
    };
    var per = { day: "per day", week: "per week", month: "per month" }[s.bucket];
    var prep = prepare(last.data);
    var bulk = bulkRange(prep.rows);
    var rows = showAll ? prep.rows : prep.rows.slice(bulk.lo, bulk.hi + 1);
    box.textContent = "";
    if (!rows.length) {
      message("No events match these filters.");
      var alone = large ? developmentsIn(last.data) : [];
      if (alone.length) box.appendChild(developmentList(alone));
      return;
    }
    var colors = C.colorMap(prep.keys);
    var since = dateParam("since");
    var until = dateParam("until");
    var total = rows.reduce(function (n, r) { return n + r.total; }, 0);
    var first = rows[0].date;
    var lastDate = rows[rows.length - 1].date;

    // Summary line (and the selected range, with a way to clear it).
    var info = C.el("div", { className: "timeline-head" });
    info.appendChild(C.el("span", {
      text: total + (total === 1 ? " event, " : " events, ") + per + ", " +
        fmt(first) + " to " + fmt(new Date(+nextBucket(lastDate) - DAY))
    }));
    if (since || until) {
      var sel = C.el("span", null, [
        C.el("strong", { text: "Selected: " }),
        (since ? fmt(since) : "…") + " to " + (until ? fmt(until) : "…") + " "
      ]);
      var clear = C.el("button", { type: "button", className: "secondary", text: "Clear dates" });
      clear.addEventListener("click", function () {
        C.update({ since: null, until: null }, "timeline");
      });
      sel.appendChild(clear);
      if (mapLink) {
        sel.appendChild(document.createTextNode(" "));
        sel.appendChild(C.el("a", { href: mapLink + "?" + C.filterQuery(), text: "Show these events on the map" }));
      }
      info.appendChild(sel);
    } else if (mapLink) {
      info.appendChild(C.el("a", { href: mapLink + (C.filterQuery() ? "?" + C.filterQuery() : ""), text: "Show these events on the map" }));
    }
    if (bulk.before || bulk.after) {
      var outside = C.el("span", { className: "outliers muted" }, [
        (showAll ? "Showing every event, including " : "Left off the axis so that it fits the bulk of the events: ") +
          [bulk.before ? bulk.before + (bulk.before === 1 ? " earlier event" : " earlier events") + " (from " + fmt(prep.rows[0].date) + ")" : "",
           bulk.after ? bulk.after + (bulk.after === 1 ? " later event" : " later events") + " (to " + fmt(prep.rows[prep.rows.length - 1].date) + ")" : ""]
            .filter(function (x) { return x; }).join(" and ") + ". "
      ]);
      var toggle = C.el("button", { type: "button", className: "secondary", text: showAll ? "Fit the bulk" : "Show all dates" });
      toggle.addEventListener("click", function () {
        showAll = !showAll;
        draw();
      });
      outside.appendChild(toggle);
      info.appendChild(outside);
    }
    box.appendChild(info);

    var width = Math.max(320, Math.floor(box.clientWidth || 800));
    drawnWidth = width;
    var height = large ? 380 : 130;
    var marks = large ? developmentsIn(last.data) : [];
    var margin = { top: marks.length ? 44 : 8, right: 14, bottom: 22, left: 36 };
    // the dates of the announcements widen the chart: a suspension two days after the last attack shows
    var span = [first, nextBucket(lastDate)];
    marks.forEach(function (m) {
      if (m.t < span[0]) span[0] = m.t;
      if (+m.t + DAY > +span[1]) span[1] = new Date(+m.t + DAY);
    });
    var x = d3.scaleUtc()
      .domain(span)
      .range([margin.left, width - margin.right]);
    var maxTotal = d3.max(rows, function (r) { return r.total; }) || 1;
    var y = d3.scaleLinear().domain([0, maxTotal]).nice().range([height - margin.bottom, margin.top]);

    var byLabel = s.by === "actor" ? "actor" : "event type";
    var svg = d3.select(box).append("svg")
      .attr("viewBox", "0 0 " + width + " " + height)
      .attr("width", width)
      .attr("height", height)
      .attr("role", "img")
      .attr("aria-label", "Stacked bar chart of " + total + " events " + per +
        " by " + byLabel + ", " + fmt(first) + " to " + fmt(lastDate) + ". Drag across it to select dates.");

    var stacked = d3.stack().keys(prep.keys)(rows);
    var inRange = function (t) {
      var end = new Date(+nextBucket(t) - DAY);
      return (!since || end >= since) && (!until || t <= until);
    };
    var barWidth = function (t) {
      var w = x(nextBucket(t)) - x(t);
      return Math.max(1, w - (w > 4 ? 1 : 0));
    };
    var weekOf = { day: "", week: "week of ", month: "month of " }[s.bucket];

    svg.append("g").attr("class", "bars")
      .selectAll("g")
      .data(stacked)
      .join("g")
      .attr("fill", function (layer) { return colors[layer.key]; })
      .each(function (layer) {
        d3.select(this).selectAll("rect")
          .data(layer.filter(function (d) { return d[1] > d[0]; }))
          .join("rect")
          .attr("class", function (d) { return "bar" + ((since || until) && !inRange(d.data.date) ? " outside" : ""); })
          .attr("x", function (d) { return x(d.data.date); })
          .attr("width", function (d) { return barWidth(d.data.date); })
          .attr("y", function (d) { return y(d[1]); })
          .attr("height", function (d) { return Math.max(0, y(d[0]) - y(d[1])); })
          .append("title")
          .text(function (d) { return weekOf + fmt(d.data.date) + " — " + layer.key + ": " + (d[1] - d[0]); });
      });

    var ticks = Math.max(2, Math.floor((width - margin.left - margin.right) / 95));
    svg.append("g").attr("class", "axis x")
      .attr("transform", "translate(0," + (height - margin.bottom) + ")")
      .call(d3.axisBottom(x).ticks(ticks).tickSizeOuter(0));
    var yTicks = y.ticks(large ? 6 : 3).filter(Number.isInteger);
    svg.append("g").attr("class", "axis y")
      .attr("transform", "translate(" + margin.left + ",0)")
      .call(d3.axisLeft(y).tickValues(yTicks).tickFormat(d3.format("d")).tickSizeOuter(0));

    // The brush: snapped to whole buckets; an empty click clears the dates.
    var anchor = +first;
    var snapDown = function (t) {
      return s.bucket === "month" ? d3.utcMonth.floor(t) : new Date(anchor + Math.floor((+t - anchor) / step) * step);
    };
    var snapUp = function (t) {
      return s.bucket === "month" ? d3.utcMonth.ceil(t) : new Date(anchor + Math.ceil((+t - anchor) / step) * step);
    };
    var brush = d3.brushX()
      .extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]])
      .on("end", function (event) {
        if (!event.sourceEvent) return; // moved by this script
        if (!event.selection) {
          if (since || until) C.update({ since: null, until: null }, "timeline");
          return;
        }
        var start = snapDown(x.invert(event.selection[0]));
        var end = snapUp(x.invert(event.selection[1]));
        if (+end <= +start) end = nextBucket(start);
        brushG.call(brush.move, [x(start), x(end)]);
        C.update({ since: fmt(start), until: fmt(new Date(+end - DAY)) }, "timeline");
      });
    var brushG = svg.append("g").attr("class", "brush").call(brush);
    brushG.select(".overlay").attr("aria-hidden", "true");
    if (since || until) {
      var x0 = since ? Math.max(x.range()[0], x(since)) : x.range()[0];
      var x1 = until ? Math.min(x.range()[1], x(new Date(+until + DAY))) : x.range()[1];
      if (x1 > x0) brushG.call(brush.move, [x0, x1]);
    }

    if (marks.length) drawDevelopments(svg, marks, x, margin, height);

    var legend = C.el("ul", { className: "chart-legend", "aria-label": "Legend: " + byLabel });
    prep.keys.forEach(function (k) {
      var sw = C.el("span", { className: "swatch", "aria-hidden": "true" });
      sw.style.backgroundColor = colors[k];
      sw.style.borderColor = colors[k];
      legend.appendChild(C.el("li", null, [
        sw, C.el("span", { dir: "auto", text: k }), C.el("span", { className: "muted", text: "(" + prep.totals[k] + ")" })
      ]));
    });
    box.appendChild(legend);
    if (marks.length) box.appendChild(developmentList(marks));
  }

  // Announcements (strategic developments) from the API's `developments` (the actor filter applies).
  var KIND_LABEL = {
    escalation: "new phase", suspension: "suspension", resumption: "resumption", truce: "truce",
    formation: "formation", affiliation: "affiliation", disaffiliation: "disaffiliation",
    designation: "designation", withdrawal_demand: "withdrawal demand", threat: "threat"
  };

  function developmentsIn(data) {
    return (Array.isArray(data.developments) ? data.developments : [])
      .map(function (d) { return { d: d, t: parseDate(String(d.date || "").slice(0, 10)) }; })
      .filter(function (m) { return m.t; });
  }

  function label(m) {
    return (KIND_LABEL[m.d.kind] || C.text(m.d.kind)) + " · " + C.text(m.d.actor);
  }

  // A dashed line over the bars at each announcement's date, its label above the plot (three rows, so
  // that labels of nearby dates do not overlap).
  function drawDevelopments(svg, marks, x, margin, height) {
    var g = svg.append("g").attr("class", "developments");
    marks.forEach(function (m, i) {
      var at = x(m.t);
      var row = i % 3;
      var mark = g.append("g").attr("class", "development-mark");
      mark.append("line").attr("x1", at).attr("x2", at)
        .attr("y1", 4 + row * 13 + 3).attr("y2", height - margin.bottom);
      mark.append("path").attr("d", d3.symbol(d3.symbolDiamond, 40)())
        .attr("transform", "translate(" + at + "," + (4 + row * 13 + 3) + ")");
      var right = at > x.range()[1] - 160;
      mark.append("text").attr("x", right ? at - 6 : at + 6).attr("y", 4 + row * 13 + 7)
        .attr("text-anchor", right ? "end" : "start").text(label(m));
      mark.append("title").text(m.d.date + " — " + label(m) + " (" + m.d.n_sources + " source" +
        (m.d.n_sources === 1 ? "" : "s") + ")");
    });
  }

  function developmentList(marks) {
    var wrap = C.el("section", { className: "development-list", "aria-labelledby": "developments-title" });
    wrap.appendChild(C.el("h3", { id: "developments-title", text: "Announcements on this chart" }));
    var ul = C.el("ul");
    marks.forEach(function (m) {
      var href = "/actors/" + encodeURIComponent(m.d.actor_id || "name:" + m.d.actor);
      ul.appendChild(C.el("li", null, [
        C.el("time", { dateTime: String(m.d.date), text: String(m.d.date) }), " ",
        C.el("strong", { text: KIND_LABEL[m.d.kind] || C.text(m.d.kind) }), " — ",
        C.el("a", { href: href, dir: "auto", text: C.text(m.d.actor) }),
        C.el("span", { className: "muted", text: " (" + m.d.n_sources + " source" + (m.d.n_sources === 1 ? ")" : "s)") })
      ]));
    });
    wrap.appendChild(ul);
    return wrap;
  }

  var resizeTimer = null;
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      if (!last) return;
      var w = Math.floor(box.clientWidth || 0);
      if (Math.abs(w - drawnWidth) < 8) return;
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(draw, 150);
    }).observe(box);
  }

  document.addEventListener("filters-changed", load);
  window.addEventListener("popstate", load);
  load();
})();
