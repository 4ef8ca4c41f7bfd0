/* Driftwatch console and HTML report: renders the page's embedded data (#dw-data) with uPlot charts.
   Every text goes through textContent (no data is parsed as HTML); mutating calls go to the JSON API
   with the bearer token the user types (kept in sessionStorage, never in a page). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dw-data").textContent);
  var app = document.getElementById("app");
  var base = data.base || "";

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { e.textContent = attrs[k]; }
      else if (k.indexOf("on") === 0) { e.addEventListener(k.substring(2), attrs[k]); }
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
    return e;
  }
  function num(v, digits) {
    if (v === null || v === undefined || v === "") { return "–"; }
    if (typeof v !== "number") { return String(v); }
    if (v === 0) { return "0"; }
    if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6) { return v.toExponential((digits || 4) - 1); }
    var t = v.toPrecision(digits || 4);
    return t.indexOf(".") >= 0 ? t.replace(/\.?0+$/, "") : t;
  }
  function when(iso) { return iso ? iso.replace("T", " ").replace(/\.\d+Z$/, "Z") : "–"; }
  function secs(iso) { return Date.parse(iso) / 1000; }
  function badge(status) {
    var s = (status || "inconclusive").toLowerCase();
    return el("span", {"class": "badge " + s, text: s});
  }
  function link(href, text) { return el("a", {href: base + href, text: text}); }
  function modelHref(m) { return "/models/" + encodeURIComponent(m); }
  function featureHref(m, f) { return modelHref(m) + "/features/" + encodeURIComponent(f); }
  function section(title, children) { return [el("h2", {text: title})].concat(children); }
  function append(parent, nodes) { nodes.forEach(function (n) { if (n) { parent.appendChild(n); } }); }

  /* A table whose headers sort it (click, Enter or Space); cells hold [display, sort value]. */
  function table(columns, rows, caption) {
    var thead = el("thead", {}, [el("tr", {}, columns.map(function (c, i) {
      return el("th", {scope: "col", tabindex: "0", "data-col": i, "class": c.narrow ? "hide-narrow" : null,
                       text: c.title});
    }))]);
    var tbody = el("tbody");
    rows.forEach(function (r) {
      tbody.appendChild(el("tr", {}, r.map(function (cell, i) {
        var td = el("td", {"class": (columns[i].num ? "num " : "") + (columns[i].narrow ? "hide-narrow" : "")});
        var shown = Array.isArray(cell) ? cell[0] : cell;
        td.dataset.sort = Array.isArray(cell) ? cell[1] : (typeof cell === "object" && cell ? cell.textContent : cell);
        td.appendChild(typeof shown === "object" && shown ? shown : document.createTextNode(shown === null || shown === undefined ? "–" : String(shown)));
        return td;
      })));
    });
    var t = el("table", {}, [caption ? el("caption", {"class": "muted", text: caption}) : null, thead, tbody]);
    thead.querySelectorAll("th").forEach(function (th) {
      function sort() {
        var col = +th.dataset.col;
        var asc = th.getAttribute("aria-sort") !== "ascending";
        thead.querySelectorAll("th").forEach(function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var trs = Array.prototype.slice.call(tbody.rows);
        trs.sort(function (a, b) {
          var x = a.cells[col].dataset.sort, y = b.cells[col].dataset.sort;
          var nx = parseFloat(x), ny = parseFloat(y);
          var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : String(x).localeCompare(String(y));
          return asc ? c : -c;
        });
        trs.forEach(function (tr) { tbody.appendChild(tr); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
    return el("div", {"class": "table-wrap"}, [t]);
  }

  /* ---- charts (uPlot) ---- */
  var REF = "#6b7280", CUR = "#d9480f", ACCENT = "#1f5fbf";
  function chart(container, opts, series) {
    var box = el("div", {"class": "chart", role: "img", "aria-label": opts.label || opts.title || "chart"});
    container.appendChild(box);
    opts.width = opts.width || Math.max(260, Math.min(720, (box.clientWidth || 640) - 4));
    opts.height = opts.height || 220;
    return new uPlot(opts, series, box);
  }
  function bars(container, title, labels, ref, cur, curLabel) {
    var xs = labels.map(function (_, i) { return i; });
    var left = uPlot.paths.bars({size: [0.4, 40], align: -1});
    var right = uPlot.paths.bars({size: [0.4, 40], align: 1});
    return chart(container, {
      title: title, label: title + ": " + labels.join(", "),
      scales: {x: {time: false, range: [-0.6, labels.length - 0.4]}, y: {range: [0, null]}},
      axes: [{splits: function () { return xs; }, grid: {show: false},
              values: function (u, v) { return v.map(function (i) { return labels[i] === undefined ? "" : labels[i]; }); },
              rotate: labels.length > 6 ? -35 : 0, size: labels.length > 6 ? 80 : 40},
             {label: "share"}],
      series: [{}, {label: "reference", fill: REF + "99", stroke: REF, paths: left, points: {show: false}},
                   {label: curLabel || "current", fill: CUR + "99", stroke: CUR, paths: right, points: {show: false}}]
    }, [xs, ref, cur]);
  }
  function binLabels(edges) {
    if (!edges.length) { return ["all"]; }
    var out = ["< " + num(edges[0], 3)];
    for (var i = 1; i < edges.length; i++) { out.push(num(edges[i - 1], 3) + "–" + num(edges[i], 3)); }
    out.push("≥ " + num(edges[edges.length - 1], 3));
    return out;
  }
  /* ECDF at quantiles: x sorted and unique, with the highest probability reached at each x. */
  function ecdfPoints(xs, ps) {
    var m = new Map();
    xs.forEach(function (x, i) { if (x !== null) { m.set(x, Math.max(m.has(x) ? m.get(x) : 0, ps[i])); } });
    return m;
  }
  function ecdf(container, title, d) {
    var r = ecdfPoints(d.ecdf.reference, d.ecdf.p), c = ecdfPoints(d.ecdf.current, d.ecdf.p);
    var xs = Array.from(new Set(Array.from(r.keys()).concat(Array.from(c.keys())))).sort(function (a, b) { return a - b; });
    if (!xs.length) { container.appendChild(el("p", {"class": "muted", text: "No finite values to draw."})); return null; }
    var ry = [], cy = [], lr = 0, lc = 0;
    xs.forEach(function (x) { if (r.has(x)) { lr = r.get(x); } if (c.has(x)) { lc = c.get(x); } ry.push(lr); cy.push(lc); });
    var ks = d.ks || {};
    var step = uPlot.paths.stepped({align: 1});
    return chart(container, {
      title: title, label: title + ", KS D " + num(ks.d) + " at " + num(ks.x),
      scales: {x: {time: false}, y: {range: [0, 1]}},
      axes: [{}, {label: "cumulative share"}],
      series: [{}, {label: "reference", stroke: REF, width: 2, paths: step, points: {show: false}},
                   {label: "current", stroke: CUR, width: 2, paths: step, points: {show: false}}],
      hooks: {draw: [function (u) {
        if (ks.x === null || ks.x === undefined) { return; }
        var ctx = u.ctx, x = u.valToPos(ks.x, "x", true);
        var y1 = u.valToPos(ks.reference, "y", true), y2 = u.valToPos(ks.current, "y", true);
        ctx.save();
        ctx.strokeStyle = ACCENT; ctx.lineWidth = 2 * devicePixelRatio; ctx.setLineDash([4, 3]);
        ctx.beginPath(); ctx.moveTo(x, y1); ctx.lineTo(x, y2); ctx.stroke();
        ctx.fillStyle = ACCENT; ctx.font = (12 * devicePixelRatio) + "px sans-serif";
        ctx.fillText("D = " + num(ks.d, 3), x + 6 * devicePixelRatio, (y1 + y2) / 2);
        ctx.restore();
      }]}
    }, [xs, ry, cy]);
  }
  function distributionCharts(container, name, d) {
    var box = el("div", {"class": "charts"});
    container.appendChild(box);
    if (!d) { box.appendChild(el("p", {"class": "muted", text: "No distribution kept for this evaluation."})); return; }
    if (d.type === "categorical") {
      var labels = d.categories.map(function (c, i) { return d["new"][i] ? c + " (new)" : c; });
      bars(box, name + ": category shares", labels, d.reference, d.current);
      return;
    }
    bars(box, name + ": shares on the reference's PSI bins", binLabels(d.edges), d.reference, d.current);
    ecdf(box, name + ": ECDFs", d);
  }
  function spark(container, xs, ys, label) {
    var box = el("div", {"class": "spark", role: "img", "aria-label": label});
    container.appendChild(box);
    if (xs.length < 1) { box.textContent = "–"; return; }
    return new uPlot({width: 140, height: 36, legend: {show: false}, cursor: {show: false},
      scales: {x: {time: false}, y: {range: [0, Math.max(1, Math.max.apply(null, ys))]}},
      axes: [{show: false}, {show: false}],
      series: [{}, {stroke: CUR, fill: CUR + "33", width: 1.5, points: {show: xs.length < 3}}]}, [xs, ys], box);
  }
  function timeline(container, title, xs, series, yLabel) {
    if (!xs.length) { container.appendChild(el("p", {"class": "muted", text: "No evaluations yet."})); return; }
    var colors = [CUR, ACCENT, "#2f9e44", "#7048e8", "#c2255c", "#0c8599"];
    return chart(container, {
      title: title, label: title, scales: {x: {time: true}},
      axes: [{}, {label: yLabel || ""}].concat(series.some(function (s) { return s.scale; })
        ? [{scale: series.filter(function (s) { return s.scale; })[0].scale, side: 1, grid: {show: false},
            label: series.filter(function (s) { return s.scale; })[0].label}] : []),
      series: [{}].concat(series.map(function (s, i) {
        return {label: s.label, stroke: s.stroke || colors[i % colors.length], width: 2, dash: s.dash,
                scale: s.scale || "y", spanGaps: true};
      }))
    }, [xs].concat(series.map(function (s) { return s.values; })));
  }

  /* ---- the feature table of one report ---- */
  function featureRows(report, model) {
    var rows = [];
    var cols = (report.columns || []).slice().sort(function (a, b) {
      return (b.drift ? 1 : 0) - (a.drift ? 1 : 0) || a.name.localeCompare(b.name);
    });
    cols.forEach(function (c) {
      var tests = c.tests && c.tests.length ? c.tests : [{}];
      tests.forEach(function (t) {
        var name = model ? link(featureHref(model, c.name), c.name) : el("a", {href: "#f-" + encodeURIComponent(c.name), text: c.name});
        rows.push([[name, c.name], c.type, [badge(c.status), (c.drift ? "0" : c.status === "inconclusive" ? "1" : "2") + c.name],
                   t.test || "–", [num(t.statistic), t.statistic], [num(t.p_value), t.p_value],
                   [num(t.adjusted_p_value), t.adjusted_p_value],
                   [num(t.normalized_statistic !== undefined ? t.normalized_statistic : t.statistic), t.normalized_statistic],
                   [num(t.threshold), t.threshold], [c.n_reference, c.n_reference], [c.n_current, c.n_current]]);
      });
    });
    return rows;
  }
  var FEATURE_COLUMNS = [{title: "feature"}, {title: "type", narrow: true}, {title: "status"}, {title: "test"},
    {title: "statistic", num: true}, {title: "p-value", num: true}, {title: "adjusted p", num: true},
    {title: "effect size", num: true, narrow: true}, {title: "threshold", num: true, narrow: true},
    {title: "n reference", num: true, narrow: true}, {title: "n current", num: true, narrow: true}];

  /* ---- pages ---- */
  var pages = {};
  pages.models = function () {
    append(app, [el("h1", {text: "Models"})]);
    var rows = data.models.map(function (m) {
      var last = m.last_evaluation || {};
      var history = (m.history || []).slice().reverse();
      var sparkCell = el("div");
      sparkCell.dataset.history = JSON.stringify([history.map(function (h) { return secs(h.finished_at); }),
                                                 history.map(function (h) { return h.drifted_features; })]);
      return [[link(modelHref(m.name), m.name), m.name], [badge(last.verdict), last.verdict || "none"], last.version || "–",
              [when(last.finished_at), last.finished_at || ""], [String(last.drifted_features === undefined ? "–" : last.drifted_features), last.drifted_features || 0],
              [String(m.firing), m.firing], [sparkCell, 0]];
    });
    app.appendChild(table([{title: "model"}, {title: "verdict"}, {title: "version"}, {title: "last evaluation"},
      {title: "drifted features", num: true}, {title: "firing alerts", num: true}, {title: "drifted features over time", narrow: true}], rows));
    app.querySelectorAll("[data-history]").forEach(function (c) {
      var h = JSON.parse(c.dataset.history);
      spark(c, h[0], h[1], "drifted features in the last " + h[0].length + " evaluations");
    });
  };
  pages.model = function () {
    var evs = data.evaluations || [];
    var latest = evs[0];
    append(app, [el("p", {}, [link("/", "Models"), " / " + data.model.name]), el("h1", {}, [data.model.name + " ", latest ? badge(latest.verdict) : null])]);
    var cards = el("div", {"class": "cards"});
    [["version", latest ? latest.version : "–"], ["last evaluation", latest ? when(latest.finished_at) : "never"],
     ["records in window", latest ? latest.records : "–"], ["drifted features", latest ? latest.drifted_features : "–"],
     ["firing alerts", (data.firing || []).length]].forEach(function (c) {
      cards.appendChild(el("div", {"class": "card"}, [el("div", {"class": "muted", text: c[0]}), el("div", {"class": "value", text: String(c[1])})]));
    });
    app.appendChild(cards);
    var asc = evs.slice().reverse();
    var xs = asc.map(function (e) { return secs(e.finished_at); });
    append(app, section("Evaluations over time", []));
    var charts = el("div", {"class": "charts"});
    app.appendChild(charts);
    timeline(charts, "Drifted features and records per window", xs, [
      {label: "drifted features", values: asc.map(function (e) { return e.drifted_features; })},
      {label: "records", values: asc.map(function (e) { return e.records; }), scale: "records"}], "features");
    var metrics = {};
    asc.forEach(function (e) { var q = e.report && e.report.quality && e.report.quality.metrics; Object.keys(q || {}).forEach(function (k) { metrics[k] = true; }); });
    if (Object.keys(metrics).length) {
      timeline(charts, "Quality (labelled records)", xs, Object.keys(metrics).map(function (k) {
        return {label: k, values: asc.map(function (e) { var q = e.report && e.report.quality && e.report.quality.metrics; return q && q[k] !== undefined ? q[k] : null; })};
      }));
    }
    function est(e, m, key) { var x = e.report && e.report.estimated && e.report.estimated[m]; return x && x[key] !== undefined ? x[key] : null; }
    if (asc.some(function (e) { return est(e, "roc_auc", "value") !== null; })) {
      ["roc_auc", "accuracy"].forEach(function (m) {
        timeline(charts, "Estimated " + m + " (CBPE) against realized", xs, [
          {label: "estimated", values: asc.map(function (e) { return est(e, m, "value"); })},
          {label: "lower", values: asc.map(function (e) { return est(e, m, "lower"); }), dash: [4, 4], stroke: "#868e96"},
          {label: "upper", values: asc.map(function (e) { return est(e, m, "upper"); }), dash: [4, 4], stroke: "#868e96"},
          {label: "realized", values: asc.map(function (e) { return est(e, m, "realized"); }), stroke: "#2f9e44"}]);
      });
    }
    if (asc.some(function (e) { return e.report && e.report.multivariate && e.report.multivariate.z !== undefined; })) {
      timeline(charts, "Multivariate drift: reconstruction error z", xs, [
        {label: "z", values: asc.map(function (e) { var mv = e.report && e.report.multivariate; return mv && mv.z !== undefined ? mv.z : null; })},
        {label: "3", values: asc.map(function () { return 3; }), dash: [6, 4], stroke: "#868e96"}]);
    }
    app.appendChild(table([{title: "finished"}, {title: "verdict"}, {title: "version"}, {title: "records", num: true},
      {title: "drifted", num: true}, {title: "error", narrow: true}], evs.slice(0, 20).map(function (e) {
        return [[when(e.finished_at), e.finished_at], [badge(e.verdict), e.verdict], e.version || "–", [String(e.records), e.records],
                [String(e.drifted_features), e.drifted_features], e.error || ""];
      }), "the 20 newest evaluations"));
    if (!latest || !latest.report) { return; }
    append(app, section("Features in the latest evaluation", [table(FEATURE_COLUMNS, featureRows(latest.report, data.model.name))]));
    var seg = latest.report.segments;
    if (seg) {
      append(app, section("Segments", [table([{title: "segment"}, {title: "verdict"}, {title: "drifted features", num: true}],
        Object.keys(seg).map(function (k) { return [k, [badge(seg[k].verdict), seg[k].verdict], [String(seg[k].drifted_columns), seg[k].drifted_columns]]; }))]));
    }
    var cmp = latest.report.comparison;
    if (cmp) {
      append(app, section("Version comparison " + cmp.label, [table([{title: "metric"}, {title: "value", num: true}],
        Object.keys(cmp.metrics || {}).map(function (k) { return [k, [num(cmp.metrics[k]), cmp.metrics[k]]]; }))]));
    }
  };
  pages.feature = function () {
    var m = data.model, f = data.feature;
    append(app, [el("p", {}, [link("/", "Models"), " / ", link(modelHref(m), m), " / " + f]), el("h1", {}, [f + " ", data.column ? badge(data.column.status) : null])]);
    if (data.evaluation) {
      app.appendChild(el("p", {"class": "muted", text: "Evaluation " + data.evaluation.id + ", window " + when(data.evaluation.window.from) + " to " + when(data.evaluation.window.to) + ", version " + (data.evaluation.version || "–")}));
    }
    if (data.column) {
      app.appendChild(table(FEATURE_COLUMNS, featureRows({columns: [data.column]}, m)));
      if (data.column.new_categories) { app.appendChild(el("p", {text: "New categories: " + data.column.new_categories.join(", ")})); }
      if (data.column.reason) { app.appendChild(el("p", {"class": "muted", text: data.column.reason})); }
    }
    append(app, section("Reference and current", []));
    distributionCharts(app, f, data.distribution);
    var hist = (data.history || []).slice().reverse();
    var tests = {};
    hist.forEach(function (h) { (h.tests || []).forEach(function (t) { tests[t.test] = true; }); });
    append(app, section("Over time", []));
    var box = el("div", {"class": "charts"});
    app.appendChild(box);
    Object.keys(tests).forEach(function (name) {
      var pick = function (h, key) { var t = (h.tests || []).filter(function (x) { return x.test === name; })[0]; return t && t[key] !== undefined ? t[key] : null; };
      var isP = hist.some(function (h) { return pick(h, "p_value") !== null; });
      timeline(box, name + (isP ? " (statistic and adjusted p-value)" : " and its threshold"), hist.map(function (h) { return secs(h.finished_at); }),
        isP ? [{label: "statistic", values: hist.map(function (h) { return pick(h, "statistic"); })},
               {label: "adjusted p", values: hist.map(function (h) { var a = pick(h, "adjusted_p_value"); return a === null ? pick(h, "p_value") : a; })}]
            : [{label: "statistic", values: hist.map(function (h) { return pick(h, "statistic"); })},
               {label: "threshold", values: hist.map(function (h) { return pick(h, "threshold"); }), dash: [6, 4], stroke: "#868e96"}]);
    });
  };

  function tokenBox() {
    var input = el("input", {type: "password", id: "token", autocomplete: "off", "aria-label": "API token"});
    input.value = sessionStorage.getItem("dw-token") || "";
    input.addEventListener("change", function () { sessionStorage.setItem("dw-token", input.value); });
    return el("form", {"class": "inline", onsubmit: function (e) { e.preventDefault(); }}, [el("label", {}, ["API token (for changes; kept in this tab only)", input])]);
  }
  function say(text, kind) {
    var box = document.getElementById("messages");
    box.replaceChildren(el("div", {"class": "message " + (kind || "info"), role: "status", text: text}));
  }
  function call(method, path, body) {
    var token = (document.getElementById("token") || {}).value || "";
    var headers = {"Content-Type": "application/json"};
    if (token) { headers.Authorization = "Bearer " + token; }
    return fetch(base + path, {method: method, headers: headers, body: body ? JSON.stringify(body) : undefined})
      .then(function (r) { return r.text().then(function (t) { var j = {}; try { j = JSON.parse(t); } catch (e) { j = {error: t}; }
        if (!r.ok) { throw new Error(r.status + ": " + (j.error || j.errors || t)); } return j; }); });
  }
  function alertRows(list) {
    return list.map(function (a) {
      var l = a.labels || {};
      return [[badge(a.status), a.status], l.alertname || "–", l.model ? [link(modelHref(l.model), l.model), l.model] : "–", l.feature || "–",
              [num(a.value), a.value], [when(a.startsAt), a.startsAt], (a.annotations || {}).summary || ""];
    });
  }
  var ALERT_COLUMNS = [{title: "status"}, {title: "alert"}, {title: "model"}, {title: "feature"}, {title: "value", num: true},
    {title: "since"}, {title: "summary", narrow: true}];
  pages.alerts = function () {
    append(app, [el("h1", {text: "Alerts"}), tokenBox(), el("div", {id: "messages", "aria-live": "polite"})]);
    append(app, section("Firing now", [table(ALERT_COLUMNS, alertRows(data.firing || []))]));
    append(app, section("Recent events", [table(ALERT_COLUMNS, alertRows(data.recent || []))]));
    var matchers = el("input", {id: "silence-matchers", size: "40", placeholder: "model=\"credit-risk\", alertname=\"ModelDrift\""});
    var duration = el("input", {id: "silence-duration", value: "2h", size: "6"});
    var by = el("input", {id: "silence-by", placeholder: "your name"});
    var comment = el("input", {id: "silence-comment", placeholder: "why"});
    var form = el("form", {"class": "inline", id: "silence-form"}, [el("label", {}, ["matchers", matchers]), el("label", {}, ["duration", duration]),
      el("label", {}, ["created by", by]), el("label", {}, ["comment", comment]), el("button", {type: "submit", text: "Create silence"})]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var list = matchers.value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
      call("POST", "/api/v1/silences", {matchers: list, duration: duration.value, createdBy: by.value, comment: comment.value})
        .then(function (s) { say("Silence " + s.id + " created."); setTimeout(function () { location.reload(); }, 400); })
        .catch(function (err) { say("Not created: " + err.message, "error"); });
    });
    append(app, section("Silences", [form, table([{title: "state"}, {title: "matchers"}, {title: "ends"}, {title: "by"}, {title: "comment", narrow: true}, {title: ""}],
      (data.silences || []).map(function (s) {
        var expire = s.state === "expired" ? "" : el("button", {type: "button", "data-silence": s.id, text: "Expire", onclick: function () {
          call("DELETE", "/api/v1/silences/" + encodeURIComponent(s.id)).then(function () { say("Silence " + s.id + " expired."); setTimeout(function () { location.reload(); }, 400); })
            .catch(function (err) { say("Not expired: " + err.message, "error"); });
        }});
        return [s.state, s.matchers.join(", "), [when(s.endsAt), s.endsAt], s.createdBy, s.comment, [expire, ""]];
      }))]));
    append(app, section("Dead letters", [table([{title: "receiver"}, {title: "attempts", num: true}, {title: "last error"}, {title: "when"}],
      (data.dead_letters || []).map(function (d) { return [d.receiver, [String(d.attempts), d.attempts], d.lastError || "", [when(d.createdAt), d.createdAt]]; }))]));
  };
  pages.actions = function () {
    var approver = el("input", {id: "approver", placeholder: "your name", autocomplete: "name"});
    var box = tokenBox();
    box.appendChild(el("label", {}, ["approver", approver]));
    append(app, [el("h1", {text: "Actions"}), box, el("div", {id: "messages", "aria-live": "polite"})]);
    var list = data.actions || [];
    if (!list.length) { app.appendChild(el("p", {"class": "muted", text: "No action decisions yet."})); }
    list.forEach(function (a) {
      var waiting = /approv|wait/.test(a.state);
      var approve = waiting ? el("button", {type: "button", "data-approve": a.id, text: "Approve", onclick: function (e) {
        e.preventDefault();
        call("POST", "/api/v1/actions/" + a.id + "/approve", {approver: approver.value}).then(function () { say("Action " + a.id + " approved."); setTimeout(function () { location.reload(); }, 400); })
          .catch(function (err) { say("Not approved: " + err.message, "error"); });
      }}) : null;
      app.appendChild(el("details", {id: "action-" + a.id}, [
        el("summary", {}, ["#" + a.id + " " + a.kind + " " + a.strategy + " on ", link(modelHref(a.model), a.model), " (" + a.rule + "): ", el("strong", {text: a.state}),
          a.guard ? " by guard " + a.guard : "", " ", when(a.created_at), " ", approve]),
        el("p", {text: "Target: " + (a.target || "–") + "; revisions: " + (a.revision_before || "–") + " → " + (a.revision_after || "–") + (a.approved_by ? "; approved by " + a.approved_by : "") + (a.error ? "; error: " + a.error : "")}),
        el("h3", {text: "Evidence"}), el("pre", {text: JSON.stringify(a.evidence, null, 2)}),
        el("h3", {text: "Patch"}), el("pre", {text: a.patch || "–"})]));
    });
  };
  pages.report = function () {
    var r = data.report;
    append(app, [el("h1", {}, ["Drift report ", badge(r.verdict)]),
      el("p", {"class": "muted", text: "Reference " + data.meta.reference + " vs current " + data.meta.current + "; " + r.columns.length + " columns, " + r.drifted_columns + " drifted; mode " + r.mode + "; made " + data.meta.generated_at})]);
    if (data.checks) {
      var ck = data.checks;
      append(app, section("Check", [el("p", {}, ["Verdict ", badge(ck.verdict === "pass" ? "ok" : ck.verdict === "fail" ? "drift" : "inconclusive"),
        " " + ck.verdict + " (" + (ck.policy ? "policy " + ck.policy : "policy: no drifted feature") + ")"]),
        table([{title: "group"}, {title: "check"}, {title: "outcome"}, {title: "value", num: true}, {title: "why", narrow: true}],
          ck.checks.map(function (c) { return [c.group, c.name, c.outcome, [num(c.value), c.value], c.message]; }))]));
    }
    append(app, section("Features", [table(FEATURE_COLUMNS, featureRows(r, null))]));
    var dq = r.data_quality && r.data_quality.features;
    if (dq && Object.keys(dq).length) {
      var pct = function (v) { return v === undefined || v === null ? ["–", -1] : [num(100 * v, 3) + " %", v]; };
      append(app, section("Data quality", [table([{title: "feature"}, {title: "missing", num: true}, {title: "unparsable", num: true},
        {title: "out of range", num: true}, {title: "new categories", num: true}],
        Object.keys(dq).sort().map(function (f) { var q = dq[f]; return [f, pct(q.missing_share), pct(q.unparsable_share), pct(q.out_of_range_share), pct(q.new_category_share)]; }),
        "shares of the current rows")]));
    }
    append(app, section("Distributions", []));
    r.columns.slice().sort(function (a, b) { return (b.drift ? 1 : 0) - (a.drift ? 1 : 0) || a.name.localeCompare(b.name); }).forEach(function (c) {
      var d = el("details", {id: "f-" + encodeURIComponent(c.name), open: c.drift ? "open" : null}, [el("summary", {}, [c.name + " ", badge(c.status)])]);
      app.appendChild(d);
      var drawn = false;
      function draw() { if (!drawn && d.open) { drawn = true; distributionCharts(d, c.name, (data.distributions || {})[c.name]); } }
      d.addEventListener("toggle", draw);
      draw();
    });
  };

  /* A backtest: the verdict of every window, the rules that would have fired, alerts per day. */
  pages.backtest = function () {
    var b = data.backtest;
    append(app, [el("h1", {text: "Backtest of " + b.model}),
      el("p", {"class": "muted", text: when(b.from) + " to " + when(b.to) + ", a " + b.window + " window every " + b.step + ": " +
        b.windows + " windows, " + b.records + " records (" + b.late_records + " late) in " + b.seconds + " s; made " + data.generated_at})]);
    var cards = el("div", {"class": "cards"});
    Object.keys(b.verdicts).forEach(function (v) {
      cards.appendChild(el("div", {"class": "card", "data-verdict": v}, [badge(v), el("div", {"class": "value", text: String(b.verdicts[v])})]));
    });
    app.appendChild(cards);
    var t = b.timeline;
    var charts = el("div");
    app.appendChild(charts);
    timeline(charts, "Drifted features and records per window", t.map(function (p) { return secs(p.end); }), [
      {label: "drifted features", values: t.map(function (p) { return p.drifted; })},
      {label: "firing rule instances", values: t.map(function (p) { return p.firing.length; })},
      {label: "records", values: t.map(function (p) { return p.records; }), scale: "records"}], "features");
    append(app, section("Rules", [table([{title: "rule"}, {title: "would have fired", num: true}, {title: "resolved", num: true}],
      Object.keys(b.rules).map(function (k) { return [k, [String(b.rules[k].fired), b.rules[k].fired], [String(b.rules[k].resolved), b.rules[k].resolved]]; }))]));
    append(app, section("Alerts per day", [table([{title: "day"}, {title: "alerts", num: true}],
      Object.keys(b.alerts_per_day).map(function (d) { return [d, [String(b.alerts_per_day[d]), b.alerts_per_day[d]]]; }), "firing events per UTC day")]));
    var runs = [];
    t.forEach(function (p) {
      var last = runs[runs.length - 1];
      if (last && last.verdict === p.verdict) { last.to = p.end; last.n++; } else { runs.push({verdict: p.verdict, from: p.end, to: p.end, n: 1}); }
    });
    append(app, section("Verdict timeline", [table([{title: "first window end"}, {title: "last window end"}, {title: "verdict"}, {title: "windows", num: true}],
      runs.map(function (r) { return [when(r.from), when(r.to), [badge(r.verdict), r.verdict], [String(r.n), r.n]]; }), "runs of windows with the same verdict")]));
  };

  (pages[data.page] || function () { app.textContent = "Unknown page."; })();
  document.documentElement.dataset.rendered = "true";
  if (window.performance && performance.mark) { performance.mark("dw-rendered"); }
})();
