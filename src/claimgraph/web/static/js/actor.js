// The actor page:
// - the membership / sponsorship graph around one actor, from
//   <div id="actor-graph" data-url="/api/actors/<id>/graph">: d3-force with rings by distance from
//   the actor, laid out once and drawn still (the same data gives the same picture); drag or the
//   buttons to zoom and pan; a click (or Enter) on an actor opens /actors/<id>;
// - a bar chart of the actor's events per month, from <div id="actor-activity" data-url="/api/actors/<id>">.
// Needs d3 (vendor/d3/d3.min.js) loaded before it. Names are inserted with d3 .text() only.
(function () {
  "use strict";

  var d3 = window.d3;
  if (!d3) return;

  var PREDICATES = {
    member_of: "member of",
    sponsored_by: "sponsored by",
    front_of: "front of",
    part_of: "part of",
    allied_with: "allied with"
  };
  var CONFIDENCE = ["confirmed", "likely", "possible"];
  // Edge colour by relation (with the arrowheads to match).
  var PREDICATE_COLORS = {
    member_of: "#2f3b4a",
    sponsored_by: "#7c3aed",
    front_of: "#c2410c",
    part_of: "#0f766e",
    other: "#6b7280"
  };
  var KIND_COLORS = {
    armed_group: "#d9e6f7",
    coalition: "#fbe3c8",
    umbrella: "#fbe3c8",
    brand: "#fbe3c8",
    state: "#dcefd9",
    government: "#dcefd9",
    state_forces: "#dcefd9",
    military: "#dcefd9",
    party: "#efe0f5"
  };

  function fetchJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(function (res) {
      if (res.ok) return res.json();
      return res.text().then(function (body) {
        var msg = "The server answered " + res.status + ".";
        try {
          var data = JSON.parse(body);
          if (data && typeof data.detail === "string") msg = data.detail;
        } catch (e) {
          /* keep the status line */
        }
        throw new Error(msg);
      });
    });
  }

  function showMessage(box, text, cls) {
    box.textContent = "";
    var p = document.createElement("p");
    p.className = cls || "muted chart-empty";
    if (cls === "error") p.setAttribute("role", "alert");
    p.textContent = text;
    box.appendChild(p);
  }

  function actorUrl(id) {
    return "/actors/" + encodeURIComponent(id);
  }

  function confidenceClass(c) {
    return CONFIDENCE.indexOf(c) >= 0 ? c : "possible";
  }

  function predicateText(p) {
    return PREDICATES[p] || String(p || "").replace(/_/g, " ");
  }

  // -- the graph --------------------------------------------------------------------------------

  function drawGraph(box, data, view) {
    var nodesIn = Array.isArray(data.nodes) ? data.nodes : [];
    var edgesIn = Array.isArray(data.edges) ? data.edges : [];
    var centerId = String(data.center);
    var byId = {};
    var nodes = [];
    function addNode(id, name, kind) {
      id = String(id);
      if (byId[id]) return byId[id];
      var n = { id: id, name: name ? String(name) : id.replace(/^name:/, ""), kind: kind || "", center: id === centerId };
      byId[id] = n;
      nodes.push(n);
      return n;
    }
    nodesIn.forEach(function (n) { addNode(n.id, n.name, n.kind); });
    addNode(centerId, null, "");
    // An edge may name an actor the node list lacks: add it rather than drop the edge.
    var links = edgesIn.map(function (e) {
      addNode(e.source);
      addNode(e.target);
      return {
        source: String(e.source),
        target: String(e.target),
        predicate: String(e.predicate || ""),
        confidence: confidenceClass(e.confidence),
        evidence: Number(e.evidence_count) || 0,
        inKb: !!e.in_kb
      };
    });
    box.textContent = "";
    if (!links.length) {
      showMessage(box, "No known memberships or sponsors for this actor.");
      return;
    }

    // Hops from the centre: the layout puts them on rings (centre, neighbours, their neighbours).
    var adjacent = {};
    links.forEach(function (l) {
      (adjacent[l.source] = adjacent[l.source] || []).push(l.target);
      (adjacent[l.target] = adjacent[l.target] || []).push(l.source);
    });
    var hop = {};
    hop[centerId] = 0;
    var queue = [centerId];
    while (queue.length) {
      var cur = queue.shift();
      (adjacent[cur] || []).forEach(function (o) {
        if (hop[o] === undefined) {
          hop[o] = hop[cur] + 1;
          queue.push(o);
        }
      });
    }
    var rings = {};
    nodes.forEach(function (n) {
      n.hop = hop[n.id] === undefined ? 3 : Math.min(hop[n.id], 3);
      rings[n.hop] = (rings[n.hop] || 0) + 1;
    });

    // A taller box for a bigger graph (the width is the page's).
    box.style.height = Math.round(Math.min(720, Math.max(420, 260 + nodes.length * 14))) + "px";
    var width = Math.max(320, box.clientWidth || 700);
    var height = Math.max(240, (box.clientHeight || 460) - 48); // the legend and the buttons take a line below

    // Ring radii from the number of actors on each ring (room for ~1 label per 105 px of arc).
    var radius1 = Math.max(120, ((rings[1] || 0) * 105) / (2 * Math.PI));
    var radius2 = Math.max(radius1 + 130, ((rings[2] || 0) * 95) / (2 * Math.PI));
    var radius3 = radius2 + 120;
    var ringRadius = function (d) { return [0, radius1, radius2, radius3][d.hop]; };

    // Parallel edges between the same pair (e.g. member_of and sponsored_by) are bent apart.
    var pairCount = {};
    links.forEach(function (l) {
      var k = [l.source, l.target].sort().join("\u0000");
      l.pairIndex = pairCount[k] = (pairCount[k] || 0) + 1;
    });

    // Deterministic start (the same data gives the same picture): each ring in id order.
    var seen = {};
    nodes.slice().sort(function (a, b) { return a.hop - b.hop || (a.id < b.id ? -1 : 1); }).forEach(function (n) {
      if (n.center) {
        n.fx = 0;
        n.fy = 0;
        return;
      }
      seen[n.hop] = (seen[n.hop] || 0) + 1;
      var a = (2 * Math.PI * seen[n.hop]) / rings[n.hop] + n.hop * 0.4;
      n.x = ringRadius(n) * Math.cos(a);
      n.y = ringRadius(n) * Math.sin(a);
    });
    var sim = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id(function (d) { return d.id; }).distance(function (l) {
        return Math.abs(ringRadius(l.source) - ringRadius(l.target)) || 90;
      }).strength(0.05))
      .force("charge", d3.forceManyBody().strength(-200))
      .force("collide", d3.forceCollide(30))
      .force("radial", d3.forceRadial(ringRadius, 0, 0).strength(1))
      .stop();
    for (var i = 0; i < 400; i += 1) sim.tick();

    // Labels: under the centre; beside the others, on the side away from the centre.
    nodes.forEach(function (d) {
      var r = d.center ? 16 : 9;
      d.labelWidth = 6.8 * d.name.length + 4; // ~12px sans-serif; only used to fit the view
      if (d.center || Math.abs(d.x) < 40) {
        d.anchor = "middle";
        d.lx = 0;
        d.ly = d.center ? r + 15 : (d.y > 0 ? r + 13 : -r - 6);
      } else {
        d.anchor = d.x > 0 ? "start" : "end";
        d.lx = d.x > 0 ? r + 4 : -r - 4;
        d.ly = 4;
      }
    });
    // Fit the drawing, labels included, in the box.
    var left = d3.min(nodes, function (d) {
      return d.x + (d.anchor === "end" ? d.lx - d.labelWidth : d.anchor === "middle" ? -d.labelWidth / 2 : -12);
    });
    var right = d3.max(nodes, function (d) {
      return d.x + (d.anchor === "start" ? d.lx + d.labelWidth : d.anchor === "middle" ? d.labelWidth / 2 : 12);
    });
    var top = d3.min(nodes, function (d) { return d.y - 24; });
    var bottom = d3.max(nodes, function (d) { return d.y + 30; });
    var vb = [left - 8, top, right - left + 16, bottom - top];
    var aspect = width / height;
    if (vb[2] / vb[3] < aspect) {
      var w = vb[3] * aspect;
      vb[0] -= (w - vb[2]) / 2;
      vb[2] = w;
    } else {
      var h = vb[2] / aspect;
      vb[1] -= (h - vb[3]) / 2;
      vb[3] = h;
    }
    var center = byId[centerId];
    var svg = d3.select(box).append("svg")
      .attr("viewBox", vb.join(" "))
      .attr("preserveAspectRatio", "xMidYMid meet")
      .attr("role", "group")
      .attr("aria-label", "Relations around " + center.name + ": " + (nodes.length - 1) + " other actors, " +
        links.length + " relations. Each actor is a link to its page.");
    var scene = svg.append("g");

    var defs = svg.append("defs");
    Object.keys(PREDICATE_COLORS).forEach(function (p) {
      defs.append("marker")
        .attr("id", "cg-arrow-" + p)
        .attr("viewBox", "0 -5 10 10")
        .attr("refX", 10)
        .attr("refY", 0)
        .attr("markerWidth", 8)
        .attr("markerHeight", 8)
        .attr("markerUnits", "userSpaceOnUse")
        .attr("orient", "auto")
        .append("path")
        .attr("d", "M0,-5L10,0L0,5")
        .attr("fill", PREDICATE_COLORS[p]);
    });
    var predicateKey = function (p) { return PREDICATE_COLORS[p] ? p : "other"; };

    var radius = function (d) { return d.center ? 16 : 9; };
    var strokeWidth = function (l) { return Math.min(7, 1.2 + Math.sqrt(l.evidence)); };
    var labelAll = links.length <= 14;

    // A path from the source's rim to the target's rim, bent for parallel edges.
    function edgePath(l) {
      var sx = l.source.x, sy = l.source.y, tx = l.target.x, ty = l.target.y;
      var dx = tx - sx, dy = ty - sy;
      var len = Math.sqrt(dx * dx + dy * dy) || 1;
      var ux = dx / len, uy = dy / len;
      var x1 = sx + ux * (radius(l.source) + 2), y1 = sy + uy * (radius(l.source) + 2);
      var x2 = tx - ux * (radius(l.target) + 3), y2 = ty - uy * (radius(l.target) + 3);
      var bend = (l.pairIndex - 1) * 26 * (l.source.id < l.target.id ? 1 : -1);
      var mx = (x1 + x2) / 2 - uy * bend, my = (y1 + y2) / 2 + ux * bend;
      l.labelX = (x1 + 2 * mx + x2) / 4;
      l.labelY = (y1 + 2 * my + y2) / 4;
      return "M" + x1 + "," + y1 + "Q" + mx + "," + my + " " + x2 + "," + y2;
    }

    var edgeG = scene.append("g").attr("class", "edges");
    edgeG.selectAll("path")
      .data(links)
      .join("path")
      .attr("class", function (l) { return "graph-edge " + l.confidence; })
      .attr("d", edgePath)
      .attr("stroke", function (l) { return PREDICATE_COLORS[predicateKey(l.predicate)]; })
      .attr("stroke-width", strokeWidth)
      .attr("marker-end", function (l) { return "url(#cg-arrow-" + predicateKey(l.predicate) + ")"; })
      .append("title")
      .text(function (l) {
        return l.source.name + " — " + predicateText(l.predicate) + " → " + l.target.name + " (" + l.confidence + ", " +
          l.evidence + (l.evidence === 1 ? " statement" : " statements") + (l.inKb ? ", in the knowledge base" : "") + ")";
      });
    edgeG.selectAll("text")
      .data(links.filter(function (l) { return labelAll || l.source.center || l.target.center; }))
      .join("text")
      .attr("class", "graph-edge-label")
      .attr("x", function (l) { return l.labelX; })
      .attr("y", function (l) { return l.labelY; })
      .attr("text-anchor", "middle")
      .attr("dy", "0.35em")
      .text(function (l) { return predicateText(l.predicate); });

    var nodeG = scene.append("g").attr("class", "nodes")
      .selectAll("g")
      .data(nodes)
      .join("g")
      .attr("class", function (d) {
        return "graph-node" + (d.center ? " center" : "") + (d.id.indexOf("name:") === 0 ? " not-in-kb" : "");
      })
      .attr("transform", function (d) { return "translate(" + d.x + "," + d.y + ")"; })
      .attr("tabindex", 0)
      .attr("role", "link")
      .attr("aria-label", function (d) {
        return d.name + (d.kind ? " (" + String(d.kind).replace(/_/g, " ") + ")" : "") + (d.center ? ", this actor" : "");
      })
      .on("click", function (event, d) {
        window.location.href = actorUrl(d.id);
      })
      .on("keydown", function (event, d) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          window.location.href = actorUrl(d.id);
        }
      });
    nodeG.append("title").text(function (d) { return d.name; });
    nodeG.append("circle")
      .attr("r", radius)
      .attr("fill", function (d) { return d.center ? "#fbbf24" : KIND_COLORS[d.kind] || "#e5e7eb"; });
    nodeG.append("text")
      .attr("text-anchor", function (d) { return d.anchor; })
      .attr("x", function (d) { return d.lx; })
      .attr("y", function (d) { return d.ly; })
      .text(function (d) { return d.name; });

    // Zoom and pan (drag; the buttons; no wheel, so that the page still scrolls).
    var zoom = d3.zoom()
      .scaleExtent([0.5, 4])
      .filter(function (event) { return event.type !== "wheel" && !event.button; })
      .on("zoom", function (event) { scene.attr("transform", event.transform); });
    svg.call(zoom).on("dblclick.zoom", null);
    var tools = document.createElement("div");
    tools.className = "graph-tools";
    [["+", "Zoom in", function () { svg.call(zoom.scaleBy, 1.4); }],
      ["−", "Zoom out", function () { svg.call(zoom.scaleBy, 1 / 1.4); }],
      ["Reset", "Reset the view", function () { svg.call(zoom.transform, d3.zoomIdentity); }]
    ].forEach(function (t) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "secondary";
      b.textContent = t[0];
      b.setAttribute("aria-label", t[1]);
      b.title = t[1];
      b.addEventListener("click", t[2]);
      tools.appendChild(b);
    });
    if (view && view.setDepth) {
      var two = document.createElement("button");
      two.type = "button";
      two.className = "secondary";
      two.textContent = "Two steps";
      two.title = "Also show the relations of this actor's relations";
      two.setAttribute("aria-pressed", view.depth > 1 ? "true" : "false");
      two.addEventListener("click", function () { view.setDepth(view.depth > 1 ? 1 : 2); });
      tools.insertBefore(two, tools.firstChild);
    }

    // Legend: line style by confidence, colour by relation.
    var legend = document.createElement("div");
    legend.className = "graph-legend";
    legend.setAttribute("aria-hidden", "true");
    var ul = document.createElement("ul");
    function legendLine(cls, color, label) {
      var li = document.createElement("li");
      var s = d3.create("svg").attr("viewBox", "0 0 36 12");
      s.append("line").attr("class", "graph-edge " + cls).attr("x1", 1).attr("y1", 6).attr("x2", 35).attr("y2", 6)
        .attr("stroke", color).attr("stroke-width", 2.5);
      li.appendChild(s.node());
      li.appendChild(document.createTextNode(label));
      ul.appendChild(li);
    }
    CONFIDENCE.forEach(function (c) { legendLine(c, "#2f3b4a", c); });
    var used = {};
    links.forEach(function (l) { used[predicateKey(l.predicate)] = true; });
    Object.keys(PREDICATE_COLORS).forEach(function (p) {
      if (used[p]) legendLine("confirmed", PREDICATE_COLORS[p], p === "other" ? "other relation" : predicateText(p));
    });
    var note = document.createElement("li");
    note.textContent = "thicker: more statements";
    ul.appendChild(note);
    legend.appendChild(ul);
    var footer = document.createElement("div");
    footer.className = "graph-footer";
    footer.appendChild(legend);
    footer.appendChild(tools);
    box.appendChild(footer);
  }

  // -- the activity chart -----------------------------------------------------------------------

  function drawActivity(box, data) {
    var byMonth = (data && data.activity_by_month) || {};
    var keys = Object.keys(byMonth).filter(function (k) { return /^\d{4}-\d{2}$/.test(k); }).sort();
    box.textContent = "";
    if (!keys.length) {
      showMessage(box, "No dated events for this actor.");
      return;
    }
    // every month from the first to the last, zeros included
    var months = [];
    var y0 = +keys[0].slice(0, 4), m0 = +keys[0].slice(5, 7);
    var y1 = +keys[keys.length - 1].slice(0, 4), m1 = +keys[keys.length - 1].slice(5, 7);
    for (var y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m += 1) {
      if (m > 12) {
        m = 1;
        y += 1;
        if (y > y1 || (y === y1 && m > m1)) break;
      }
      var key = y + "-" + (m < 10 ? "0" : "") + m;
      months.push({ month: key, count: Number(byMonth[key]) || 0 });
      if (months.length > 600) break;
    }
    var total = months.reduce(function (s, d) { return s + d.count; }, 0);
    var width = Math.max(300, box.clientWidth || 600);
    var height = 150;
    var margin = { top: 8, right: 10, bottom: 24, left: 32 };
    var x = d3.scaleBand().domain(months.map(function (d) { return d.month; }))
      .range([margin.left, width - margin.right]).padding(0.15);
    var yScale = d3.scaleLinear().domain([0, d3.max(months, function (d) { return d.count; }) || 1]).nice()
      .range([height - margin.bottom, margin.top]);
    var svg = d3.select(box).append("svg")
      .attr("viewBox", "0 0 " + width + " " + height)
      .attr("width", width)
      .attr("height", height)
      .attr("role", "img")
      .attr("aria-label", "Events per month: " + total + " events from " + months[0].month + " to " +
        months[months.length - 1].month + ".");
    svg.append("g").selectAll("rect")
      .data(months)
      .join("rect")
      .attr("class", "bar")
      .attr("x", function (d) { return x(d.month); })
      .attr("width", x.bandwidth())
      .attr("y", function (d) { return yScale(d.count); })
      .attr("height", function (d) { return yScale(0) - yScale(d.count); })
      .append("title")
      .text(function (d) { return d.month + ": " + d.count + (d.count === 1 ? " event" : " events"); });
    var every = Math.max(1, Math.ceil(months.length / Math.max(2, Math.floor((width - 60) / 60))));
    svg.append("g").attr("class", "axis x")
      .attr("transform", "translate(0," + (height - margin.bottom) + ")")
      .call(d3.axisBottom(x).tickValues(months.filter(function (d, i) { return i % every === 0; }).map(function (d) { return d.month; })).tickSizeOuter(0));
    svg.append("g").attr("class", "axis y")
      .attr("transform", "translate(" + margin.left + ",0)")
      .call(d3.axisLeft(yScale).tickValues(yScale.ticks(3).filter(Number.isInteger)).tickFormat(d3.format("d")).tickSizeOuter(0));
  }

  // The graph panel fills the screen (phones especially) and back; Esc leaves full screen.
  function fullScreenToggle() {
    var button = document.querySelector("button.graph-toggle");
    var panel = document.getElementById("graph-panel");
    if (!button || !panel) return;
    function set(on) {
      panel.classList.toggle("graph-full", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "Close full screen" : "Full screen";
      window.dispatchEvent(new Event("resize"));
    }
    button.addEventListener("click", function () {
      set(!panel.classList.contains("graph-full"));
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && panel.classList.contains("graph-full")) set(false);
    });
  }

  function init() {
    fullScreenToggle();
    var graphBox = document.getElementById("actor-graph");
    if (graphBox && graphBox.getAttribute("data-url")) {
      graphBox.classList.add("chart");
      // One step (the actor's own relations) unless the page's URL asks for a depth; the
      // "Two steps" button redraws with depth=2.
      var base = graphBox.getAttribute("data-url");
      var fixed = /[?&]depth=/.test(base);
      var view = {
        depth: 1,
        setDepth: fixed ? null : function (depth) {
          view.depth = depth;
          view.toggled = true;
          load();
        }
      };
      var load = function () {
        var url = fixed ? base : base + (base.indexOf("?") >= 0 ? "&" : "?") + "depth=" + view.depth;
        graphBox.setAttribute("aria-busy", "true");
        fetchJSON(url)
          .then(function (data) {
            drawGraph(graphBox, data || {}, view);
            if (view.toggled) {
              // the redraw replaced the button that had the focus: give it back
              var again = graphBox.querySelector(".graph-tools button[aria-pressed]");
              if (again) again.focus();
            }
          })
          .catch(function (err) { showMessage(graphBox, err.message, "error"); })
          .then(function () { graphBox.removeAttribute("aria-busy"); });
      };
      showMessage(graphBox, "Loading the relations graph…");
      load();
    }
    var activityBox = document.getElementById("actor-activity");
    if (activityBox && activityBox.getAttribute("data-url")) {
      activityBox.classList.add("chart");
      fetchJSON(activityBox.getAttribute("data-url"))
        .then(function (data) { drawActivity(activityBox, data); })
        .catch(function (err) { showMessage(activityBox, err.message, "error"); });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
