// NAD dashboard: one module, no framework, no network beyond NAD's own API.
// Safety rule: data reaches the page only through textContent / text nodes / setAttribute on
// fixed attribute names, never through innerHTML, so a record field like
// "<script>alert(1)</script>" always shows as text.

import { adminKeyField, feedbackCell, suppressionPanel } from "./feedback.js";

const API = "/api/v1";
// Scoring answers come from API v2: score and threshold in the model's units, attack, a calibrated probability.
const API_V2 = "/api/v2";
const SVG_NS = "http://www.w3.org/2000/svg";

// ---------- DOM helpers ----------

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  return fill(node, attrs, children);
}

function s(tag, attrs = {}, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

function fill(node, attrs, children) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const num = (x, digits = 0) => x === undefined || x === null ? "" :
  Number(x).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = x => x === undefined || x === null ? "" : (100 * x).toFixed(2) + " %";
// A metric can be undefined (ROC-AUC with no attacks among the rows): the API sends null, shown as n/a.
const fixed = (x, digits = 4) => x === undefined || x === null ? "n/a" : x.toFixed(digits);
const time = iso => new Date(iso).toLocaleString("en-GB", { hour12: false });
const badge = (text, kind) => h("span", { class: "badge " + (kind ?? text) }, text);

async function api(path, options = {}, base = API) {
  const response = await fetch(base + path, options);
  const type = response.headers.get("content-type") ?? "";
  const body = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new Error(problemText(body, response.status));
  return body;
}

function problemText(body, status) {
  if (typeof body !== "object" || body === null) return `HTTP ${status}: ${body}`;
  const lines = [body.title ?? `HTTP ${status}`];
  if (body.detail) lines.push(body.detail);
  for (const [field, problems] of Object.entries(body.errors ?? {})) lines.push(`${field}: ${problems.join("; ")}`);
  return lines.join("\n");
}

const errorBox = e => h("p", { class: "error", role: "alert" }, e.message ?? String(e));

// ---------- charts (hand-written SVG) ----------

/** Vertical bars over time: one series. */
function barChart(points, { label, color = "#2463eb", width = 640, height = 180 }) {
  const pad = { l: 48, r: 8, t: 18, b: 26 };
  const max = Math.max(1, ...points.map(p => p.value));
  const w = (width - pad.l - pad.r) / Math.max(1, points.length);
  const y = v => pad.t + (height - pad.t - pad.b) * (1 - v / max);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": label });
  svg.append(s("text", { x: pad.l, y: 12 }, label));
  for (const t of [0, 0.5, 1]) {
    const v = Math.round(max * t);
    svg.append(s("line", { class: "grid-line", x1: pad.l, x2: width - pad.r, y1: y(v), y2: y(v) }),
      s("text", { x: pad.l - 4, y: y(v) + 4, "text-anchor": "end" }, num(v)));
  }
  points.forEach((p, i) => {
    if (p.value > 0) {
      const bar = s("rect", { x: pad.l + i * w + 1, y: y(p.value), width: Math.max(1, w - 2), height: y(0) - y(p.value), fill: color });
      bar.append(s("title", {}, `${p.label}: ${num(p.value)}`));
      svg.append(bar);
    }
    if (i % Math.ceil(points.length / 6) === 0)
      svg.append(s("text", { x: pad.l + i * w, y: height - 8 }, p.label));
  });
  svg.append(s("line", { class: "axis", x1: pad.l, x2: width - pad.r, y1: y(0), y2: y(0) }));
  return svg;
}

/** Horizontal bars: name and count per row. */
function hbarChart(items, { label, color = "#c62828", width = 420, digits = 0 }) {
  const row = 20, padL = 150, height = 24 + row * Math.max(1, items.length);
  const max = Math.max(1e-9, ...items.map(i => i.count));
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": label });
  svg.append(s("text", { x: 0, y: 12 }, label));
  if (items.length === 0) svg.append(s("text", { x: 0, y: 34, class: "muted" }, "none yet"));
  items.forEach((item, i) => {
    const y = 22 + i * row;
    const w = (width - padL - 60) * Math.max(0, item.count) / max;
    const name = item.name.length > 22 ? item.name.slice(0, 21) + "…" : item.name;
    const text = s("text", { x: padL - 6, y: y + 13, "text-anchor": "end" }, name);
    text.append(s("title", {}, item.name));
    svg.append(text, s("rect", { x: padL, y: y + 2, width: Math.max(1, w), height: row - 6, fill: color }),
      s("text", { x: padL + w + 4, y: y + 13 }, num(item.count, digits)));
  });
  return svg;
}

/** Signed horizontal bars: one per feature contribution, right (red) pushes towards attack, left (green) towards normal. */
function contributionChart(items, { label, width = 520 }) {
  const row = 22, padL = 170, padR = 60, height = 26 + row * Math.max(1, items.length);
  const max = Math.max(1e-9, ...items.map(i => Math.abs(i.contribution)));
  const anyNegative = items.some(i => i.contribution < 0);
  const zero = anyNegative ? padL + (width - padL - padR) / 2 : padL;
  const span = anyNegative ? (width - padL - padR) / 2 : width - padL - padR;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": label, class: "contributions" });
  svg.append(s("text", { x: 0, y: 12 }, label));
  if (items.length === 0) svg.append(s("text", { x: 0, y: 34, class: "muted" }, "every feature has its typical value"));
  items.forEach((item, i) => {
    const y = 22 + i * row;
    const w = span * Math.abs(item.contribution) / max;
    const x = item.contribution >= 0 ? zero : zero - w;
    const name = `${item.feature} = ${item.value}`;
    const text = s("text", { x: padL - 6, y: y + 13, "text-anchor": "end", class: "feature" }, name.length > 26 ? name.slice(0, 25) + "…" : name);
    text.append(s("title", {}, `${item.feature}: ${item.description} Value ${item.value}, typical ${item.baseline}.`));
    const sign = item.contribution >= 0 ? "+" : "−";
    svg.append(text, s("rect", { x, y: y + 3, width: Math.max(1, w), height: row - 8, fill: item.contribution >= 0 ? "#c62828" : "#2e7d32" }),
      s("text", { x: item.contribution >= 0 ? zero + w + 4 : zero + 4, y: y + 13 }, sign + Math.abs(item.contribution).toFixed(4)));
  });
  svg.append(s("line", { x1: zero, x2: zero, y1: 18, y2: height - 2, class: "axis" }));
  return svg;
}

/** The "Why" panel: asks /explain about a record and shows each active model's top contributions and counterfactual. */
function whyPanel(record) {
  const panel = h("div", { class: "card why", id: "why" }, h("h2", {}, "Why"), h("p", { class: "muted" }, "Explaining…"));
  api("/explain", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(record) })
    .then(result => {
      const parts = [["supervised", result.supervised], ["unsupervised", result.unsupervised]].filter(([, e]) => e);
      panel.replaceChildren(h("h2", {}, "Why"),
        h("p", { class: "hint" }, "Each bar: the score minus the score with that feature alone set to its typical value (the median or most frequent value of the model's normal training rows). Features are changed one at a time, so interactions are missed."),
        ...parts.map(([kind, e]) => h("div", { class: "why-model", id: `why-${kind}` },
          h("h3", {}, `${e.model.name}: score ${e.score.toFixed(4)} (threshold ${e.threshold.toFixed(4)})`),
          e.unavailable
            ? h("p", { class: "muted" }, e.unavailable)
            : [contributionChart(e.contributions, { label: `top ${e.contributions.length} contributions` }),
               h("p", { class: "counterfactual" }, e.counterfactual.sentence)])));
    })
    .catch(err => panel.replaceChildren(h("h2", {}, "Why"), errorBox(err)));
  return panel;
}

/** ROC curve with the chance diagonal. */
function rocChart(points, auc, size = 300) {
  const pad = 36, inner = size - 2 * pad;
  const x = v => pad + v * inner, y = v => size - pad - v * inner;
  const svg = s("svg", { viewBox: `0 0 ${size} ${size}`, width: size, role: "img", "aria-label": "ROC curve" });
  svg.append(s("text", { x: pad, y: 14 }, `ROC curve (AUC ${auc.toFixed(4)})`));
  svg.append(s("rect", { x: pad, y: pad, width: inner, height: inner, fill: "none", class: "axis" }));
  svg.append(s("line", { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: "grid-line", "stroke-dasharray": "4 3" }));
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(p.falsePositiveRate).toFixed(1)},${y(p.truePositiveRate).toFixed(1)}`).join("");
  svg.append(s("path", { d: path, fill: "none", stroke: "#2463eb", "stroke-width": 2 }));
  svg.append(s("text", { x: size / 2, y: size - 6, "text-anchor": "middle" }, "false positive rate"),
    s("text", { x: 12, y: size / 2, transform: `rotate(-90 12 ${size / 2})`, "text-anchor": "middle" }, "true positive rate"));
  for (const t of [0, 0.5, 1])
    svg.append(s("text", { x: x(t), y: size - pad + 14, "text-anchor": "middle" }, t), s("text", { x: pad - 4, y: y(t) + 4, "text-anchor": "end" }, t));
  return svg;
}

/** A value against its threshold on a 0..max scale. */
function gauge(value, threshold, max, width = 360) {
  const scale = v => 8 + (width - 16) * Math.min(1, Math.max(0, v / max));
  const over = value >= threshold;
  return s("svg", { viewBox: `0 0 ${width} 46`, width, role: "img", "aria-label": `score ${value} against threshold ${threshold}` },
    s("rect", { x: 8, y: 14, width: width - 16, height: 12, fill: "#e4e9ef", rx: 3 }),
    s("rect", { x: 8, y: 14, width: scale(value) - 8, height: 12, fill: over ? "#c62828" : "#2e7d32", rx: 3 }),
    s("line", { x1: scale(threshold), x2: scale(threshold), y1: 6, y2: 34, stroke: "#1d2430", "stroke-width": 2 }),
    s("text", { x: scale(threshold), y: 44, "text-anchor": scale(threshold) > width / 2 ? "end" : "start" }, `threshold ${threshold.toFixed(4)}`));
}

// ---------- pages ----------

const pages = { overview, score, file, alerts, models };

async function route() {
  const name = (location.hash.match(/^#\/(\w+)/) ?? [])[1] ?? "overview";
  const page = pages[name] ?? overview;
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("current", a.dataset.page === page.name);
  const main = document.getElementById("page");
  main.replaceChildren(h("p", { class: "muted" }, "Loading…"));
  main.dataset.page = page.name;
  main.removeAttribute("data-ready");
  try {
    await page(main);
  } catch (e) {
    main.replaceChildren(errorBox(e));
  }
  main.setAttribute("data-ready", page.name);
}

async function overview(main) {
  const hours = Number(new URLSearchParams(location.hash.split("?")[1]).get("hours") ?? 1);
  const data = await api(`/overview?hours=${hours}`);
  const label = b => new Date(b.start).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  const windowPicker = h("select", { id: "window", onchange: e => { location.hash = `#/overview?hours=${e.target.value}`; } },
    [1, 6, 24].map(v => h("option", { value: v, selected: v === data.hours }, `last ${v} h`)));
  const modelRows = data.models.map(m => {
    const metrics = h("td", { class: "headline" }, m.active ? "measuring…" : "(see Models)");
    if (m.active) api(`/models/${encodeURIComponent(m.name)}/evaluation`).then(e =>
      metrics.replaceChildren(`accuracy ${pct(e.metrics.accuracy)} · ROC-AUC ${fixed(e.metrics.rocAuc)} (${e.data})`))
      .catch(e => metrics.replaceChildren(h("span", { class: "muted" }, e.message.split("\n")[0])));
    return h("tr", {}, h("td", {}, m.name), h("td", {}, m.supervised ? "supervised" : "unsupervised"),
      h("td", {}, m.active ? badge("active") : badge("loaded", "off")), h("td", { class: "num" }, m.threshold.toFixed(4)), metrics);
  });
  main.replaceChildren(
    h("div", { class: "toolbar" }, h("h1", {}, "Overview"), h("label", {}, "window", windowPicker)),
    h("div", { class: "grid" },
      h("div", { class: "card" }, h("div", { class: "muted" }, `records scored (last ${data.hours} h)`), h("div", { class: "stat", id: "scored-total" }, num(data.scoredTotal))),
      h("div", { class: "card" }, h("div", { class: "muted" }, `alerts (last ${data.hours} h)`), h("div", { class: "stat", id: "alerts-total" }, num(data.alertsTotal)))),
    h("div", { class: "grid", style: "margin-top:14px" },
      h("div", { class: "card" }, barChart(data.buckets.map(b => ({ label: label(b), value: b.scored })), { label: `Records scored per ${data.bucketMinutes} min` }),
        data.scoredAvailable ? null : h("p", { class: "hint" }, "Scoring counter unavailable.")),
      h("div", { class: "card" }, barChart(data.buckets.map(b => ({ label: label(b), value: b.alerts })), { label: `Alerts per ${data.bucketMinutes} min`, color: "#c62828" }))),
    h("div", { class: "grid", style: "margin-top:14px" },
      h("div", { class: "card", id: "by-family" }, hbarChart(data.alertsByFamily, { label: "Alerts by attack family" }),
        data.alertsByFamily.some(f => f.name === "unclassified")
          ? h("p", { class: "hint" }, "'unclassified': raised by a normal/attack model, which names no family (docs/service.md: serving a family model).")
          : null),
      h("div", { class: "card", id: "by-service" }, hbarChart(data.alertsByService, { label: "Alerts by service", color: "#b26a00" }))),
    h("div", { class: "card", style: "margin-top:14px" }, h("h2", {}, "Models"),
      h("table", { id: "overview-models" }, h("thead", {}, h("tr", {}, ["model", "kind", "state", "threshold", "on the official test set"].map(t => h("th", {}, t)))),
        h("tbody", {}, modelRows))));
}

async function score(main) {
  const [schema, presets] = await Promise.all([api("/schema"), api("/presets")]);
  const form = h("form", { id: "score-form", novalidate: true });
  const groups = [...new Set(schema.columns.map(c => c.group))];
  const lists = Object.entries(schema.categories).map(([name, values]) =>
    h("datalist", { id: `values-${name}` }, values.map(v => h("option", { value: v }))));
  for (const group of groups) {
    const fields = schema.columns.filter(c => c.group === group).map(c => {
      const input = c.kind === "Categorical"
        ? h("input", { name: c.name, id: `f-${c.name}`, list: `values-${c.name}`, required: true, autocomplete: "off" })
        : h("input", { name: c.name, id: `f-${c.name}`, type: "number", step: "any", min: c.kind === "Number" ? undefined : 0, max: c.kind === "Rate" || c.kind === "Binary" ? 1 : undefined, value: 0, required: true });
      return h("div", { class: "field" }, h("label", { for: `f-${c.name}` }, c.name), input, h("div", { class: "hint" }, c.description));
    });
    form.append(h("fieldset", {}, h("legend", {}, group), h("div", { class: "fields" }, fields)));
  }
  const result = h("div", { id: "score-result" });
  const apply = preset => {
    for (const c of schema.columns) form.elements[c.name].value = preset.record[c.name];
    result.replaceChildren(h("p", { class: "muted" }, `Filled from ${preset.source}: ${preset.description}`));
  };
  const submit = async e => {
    e?.preventDefault();
    const record = {};
    for (const c of schema.columns) {
      const raw = form.elements[c.name].value;
      record[c.name] = c.kind === "Categorical" ? raw : raw.trim() === "" ? null : Number(raw);
    }
    result.replaceChildren(h("p", { class: "muted" }, "Scoring…"));
    try {
      const verdict = await api("/detect", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(record) }, API_V2);
      result.replaceChildren(verdictView(verdict), whyPanel(record));
    } catch (err) {
      result.replaceChildren(errorBox(err));
    }
  };
  form.addEventListener("submit", submit);
  main.replaceChildren(
    h("h1", {}, "Score one connection"),
    h("div", { class: "toolbar" }, presets.length ? h("span", { class: "muted" }, "Presets (real NSL-KDD rows):") : null,
      presets.map(p => h("button", { type: "button", class: "secondary", "data-preset": p.id, title: p.description, onclick: () => apply(p) }, p.name)),
      h("button", { type: "button", id: "score-button", onclick: submit }, "Score with both detectors")),
    result, ...lists, form);
}

function verdictView(v) {
  const sup = v.supervised, uns = v.unsupervised;
  const unseen = [...new Set([...(sup.unseenCategories ?? []), ...(uns?.unseenCategories ?? [])])];
  const verdict = v.attack ? "attack" : "normal";
  // The score is in the model's own units (the hybrid's passes 1); the probability is calibrated to [0, 1], or absent.
  const probability = m => h("p", {}, m.probability === null ? "probability n/a (this model has no calibration)" : `probability of attack ${(100 * m.probability).toFixed(1)}%`);
  return h("div", { class: "grid" },
    h("div", { class: "card", id: "verdict-combined" }, h("h2", {}, "Combined verdict"),
      h("div", { class: "verdict " + verdict }, verdict),
      h("p", { class: "muted" }, v.flaggedBy.length ? `flagged by: ${v.flaggedBy.join(", ")}` : "flagged by neither detector"),
      unseen.length ? h("p", { class: "hint" }, `Values never seen in training (scored anyway): ${unseen.join(", ")}`) : null),
    h("div", { class: "card", id: "verdict-supervised" }, h("h2", {}, `Supervised: ${sup.model.name}`),
      h("div", { class: "verdict " + (sup.attack ? "attack" : "normal") }, sup.attack ? "attack" : "normal"),
      sup.family ? h("p", { class: "family" }, `family ${sup.family}`) : null,
      h("p", {}, `attack score ${sup.score.toFixed(4)} (threshold ${sup.threshold.toFixed(4)})`), probability(sup),
      gauge(sup.score, sup.threshold, Math.max(1, sup.threshold * 1.5, sup.score)),
      h("p", { class: "hint" }, `version ${sup.model.version}`)),
    uns
      ? h("div", { class: "card", id: "verdict-unsupervised" }, h("h2", {}, `Unsupervised: ${uns.model.name}`),
        h("div", { class: "verdict " + (uns.attack ? "attack" : "normal") }, uns.attack ? "anomalous" : "normal"),
        h("p", {}, `anomaly score ${uns.score.toFixed(4)} (threshold ${uns.threshold.toFixed(4)})`), probability(uns),
        gauge(uns.score, uns.threshold, Math.max(1, uns.threshold * 1.5, uns.score)),
        h("p", { class: "hint" }, `version ${uns.model.version}`))
      : h("div", { class: "card", id: "verdict-unsupervised" }, h("h2", {}, "Unsupervised"), h("p", { class: "muted" }, "No unsupervised model is loaded.")));
}

async function file(main) {
  const input = h("input", { type: "file", id: "csv-file", accept: ".csv,.gz,.txt,.pcap,.pcapng,.cap,.log" });
  const status = h("div", { id: "file-status" });
  const output = h("div", { id: "file-output" });
  const go = h("button", { type: "button", id: "upload-button" }, "Score the file");
  go.addEventListener("click", async () => {
    const chosen = input.files[0];
    if (!chosen) { status.replaceChildren(errorBox(new Error("Choose a file first."))); return; }
    go.disabled = true;
    output.replaceChildren();
    try {
      await scoreFile(chosen, status, output);
    } catch (e) {
      status.replaceChildren(errorBox(e));
    } finally {
      go.disabled = false;
    }
  });
  main.replaceChildren(h("h1", {}, "Score a file"),
    h("p", { class: "muted" }, "A CSV in the NSL-KDD layout (41 features, optional attack and lastflag columns, header optional), plain or gzip; " +
      "or a packet capture (pcap, pcapng) or Zeek conn.log, turned into one record per connection. Both detectors score every row; attacks are stored as alerts."),
    h("div", { class: "toolbar" }, input, go), status, output);
}

// pcap (either byte order, micro or nano seconds) and pcapng magic numbers, as the first 4 bytes read little-endian.
const CAPTURE_MAGIC = new Set([0xA1B2C3D4, 0xD4C3B2A1, 0xA1B23C4D, 0x4D3CB2A1, 0x0A0D0D0A]);

async function isCapture(chosen) {
  if (/\.log$/i.test(chosen.name)) return true; // a Zeek conn.log: text, told apart by name only
  const head = new Uint8Array(await chosen.slice(0, 4).arrayBuffer());
  return head.length === 4 && CAPTURE_MAGIC.has(new DataView(head.buffer).getUint32(0, true));
}

async function scoreFile(chosen, status, output) {
  // Captures and conn.logs go to score-capture (one row per connection), CSVs to score-file.
  const capture = await isCapture(chosen);
  const gzip = !capture && chosen.name.endsWith(".gz");
  const unit = capture ? "connections" : "rows";
  // Rows expected: the file's line count (minus a header) when it is plain text; unknown for gzip and captures.
  let expected = null;
  if (!capture && !gzip && chosen.size < 200 * 1024 * 1024) {
    const text = await chosen.text();
    expected = text.split("\n").filter(l => l.trim() !== "").length - (/^duration,/.test(text) ? 1 : 0);
  }
  const bar = h("progress", { id: "file-progress", max: expected ?? 1, value: 0 });
  const counter = h("span", { class: "muted" }, " uploading…");
  status.replaceChildren(bar, counter);
  const [url, type] = capture ? [`${API}/score-capture?format=csv`, "application/octet-stream"] : [`${API}/score-file`, gzip ? "application/gzip" : "text/csv"];
  const response = await fetch(url, { method: "POST", headers: { "content-type": type }, body: chosen });
  if (!response.ok) {
    const type = response.headers.get("content-type") ?? "";
    throw new Error(problemText(type.includes("json") ? await response.json() : await response.text(), response.status));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  // Count lines as chunks arrive (the first line is the header); join the text once at the end.
  const chunks = [];
  let lineEnds = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    for (let i = value.indexOf("\n"); i >= 0; i = value.indexOf("\n", i + 1)) lineEnds++;
    const rows = Math.max(0, lineEnds - 1);
    if (expected) bar.value = rows;
    counter.textContent = ` ${num(rows)}${expected ? " of " + num(expected) : ""} ${unit} scored`;
  }
  const text = chunks.join("");
  const lines = text.split("\n").filter(l => l !== "");
  const header = lines[0].split(",");
  const failure = lines.find(l => l.startsWith("# error"));
  // score-capture ends with its extraction report as comment lines (packets read, skipped by reason, warnings).
  const notes = lines.filter(l => l.startsWith("# ") && !l.startsWith("# error")).map(l => h("li", {}, l.slice(2)));
  const records = lines.slice(1).filter(l => !l.startsWith("#")).map(l => {
    const cells = l.split(",");
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""]));
  });
  bar.max = 1; bar.value = 1;
  const attacks = records.filter(r => r.verdict === "attack").length;
  counter.textContent = ` done: ${num(records.length)} ${unit}, ${num(attacks)} attacks`;
  const download = h("a", { id: "download", href: URL.createObjectURL(new Blob([text], { type: "text/csv" })), download: chosen.name.replace(/(\.csv|\.pcapng|\.pcap|\.log)?(\.gz)?$/, "") + ".scored.csv" }, "Download the scored CSV");
  output.replaceChildren(failure ? errorBox(new Error(failure.slice(2))) : "", notes.length ? h("ul", { id: "extraction-report", class: "muted" }, notes) : "",
    h("p", {}, download), resultsTable(header, records));
}

function resultsTable(header, records) {
  const numeric = new Set(["row", "line", "attack_probability", "anomaly_score", "source_port", "destination_port"]);
  const limit = 1000;
  let sortBy = "row", ascending = true;
  const onlyAttacks = h("input", { type: "checkbox", id: "only-attacks" });
  const search = h("input", { type: "search", id: "results-search", placeholder: "filter text" });
  const info = h("span", { class: "muted", id: "results-info" });
  const head = h("tr", {});
  const body = h("tbody", {});
  const render = () => {
    const needle = search.value.trim().toLowerCase();
    let shown = records.filter(r => (!onlyAttacks.checked || r.verdict === "attack") &&
      (!needle || Object.values(r).some(v => v.toLowerCase().includes(needle))));
    const key = r => numeric.has(sortBy) ? Number(r[sortBy] || -1) : r[sortBy];
    shown = shown.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (ascending ? 1 : -1));
    info.textContent = `${num(shown.length)} of ${num(records.length)} rows${shown.length > limit ? `, first ${num(limit)} shown` : ""}`;
    body.replaceChildren(...shown.slice(0, limit).map(r => h("tr", {}, header.map(name =>
      h("td", { class: numeric.has(name) ? "num" : "" }, name === "verdict" ? badge(r[name]) : r[name])))));
    head.replaceChildren(...header.map(name => h("th", {
      class: "sortable" + (numeric.has(name) ? " num" : ""), "data-column": name,
      onclick: () => { ascending = sortBy === name ? !ascending : true; sortBy = name; render(); },
    }, name + (sortBy === name ? (ascending ? " ▲" : " ▼") : ""))));
  };
  onlyAttacks.addEventListener("change", render);
  search.addEventListener("input", render);
  render();
  return h("div", {}, h("div", { class: "toolbar" }, h("label", {}, h("span", {}, "only attacks"), onlyAttacks), h("label", {}, "search", search), info),
    h("div", { class: "scroll" }, h("table", { id: "results" }, h("thead", {}, head), body)));
}

async function alerts(main) {
  const modelList = await api("/models");
  const form = h("form", { class: "toolbar", id: "alert-filters" },
    h("label", {}, "from", h("input", { type: "datetime-local", name: "from" })),
    h("label", {}, "to", h("input", { type: "datetime-local", name: "to" })),
    h("label", {}, "family", h("select", { name: "family" }, h("option", { value: "" }, "any"), ["DoS", "Probe", "R2L", "U2R", "Unknown"].map(f => h("option", { value: f }, f)))),
    h("label", {}, "label", h("select", { name: "label" }, h("option", { value: "" }, "any"), h("option", { value: "attack" }, "attack"), h("option", { value: "anomaly" }, "anomaly (unsupervised only)"))),
    h("label", {}, "model", h("select", { name: "model" }, h("option", { value: "" }, "any"), modelList.map(m => h("option", { value: m.name }, m.name)))),
    h("button", { type: "submit" }, "Apply"));
  const list = h("div", { id: "alert-list" });
  const detail = h("div", { id: "alert-detail", class: "card" }, h("p", { class: "muted" }, "Open an alert to see its record and scores."));
  const rules = suppressionPanel();
  let page = 1;
  const load = async () => {
    const query = new URLSearchParams({ page, pageSize: 50 });
    for (const name of ["family", "label", "model"]) if (form.elements[name].value) query.set(name, form.elements[name].value);
    for (const name of ["from", "to"]) if (form.elements[name].value) query.set(name, new Date(form.elements[name].value).toISOString());
    list.replaceChildren(h("p", { class: "muted" }, "Loading…"));
    try {
      const result = await api(`/alerts?${query}`);
      list.replaceChildren(alertTable(result, detail, rules), pager(result, p => { page = p; load(); }));
    } catch (e) {
      list.replaceChildren(errorBox(e));
    }
  };
  form.addEventListener("submit", e => { e.preventDefault(); page = 1; load(); });
  main.replaceChildren(h("h1", {}, "Alerts"), form, h("div", { class: "toolbar" }, adminKeyField(rules.load), rules.message),
    h("div", { class: "split" }, list, detail), rules.node);
  await Promise.all([load(), rules.load()]);
}

function alertTable(result, detail, rules) {
  if (result.items.length === 0) return h("p", { class: "muted", id: "no-alerts" }, "No alerts match.");
  const rows = result.items.map(a => {
    const row = h("tr", { class: "clickable", "data-id": a.id }, h("td", { class: "num" }, a.id), h("td", {}, time(a.timeUtc)), h("td", {}, badge(a.label)),
      h("td", {}, a.family ?? "—"), h("td", { class: "service" }, a.record ? a.record.service ?? "—" : "unreadable"),
      // A record of another schema has its own columns: UNSW-NB15's proto and state, CIC-IDS2017's none of these.
      h("td", {}, a.record?.protocoltype ?? a.record?.proto ?? "—"), h("td", {}, a.record?.flag ?? a.record?.state ?? "—"),
      h("td", { class: "num" }, a.attackProbability?.toFixed(4) ?? "—"), h("td", { class: "num" }, a.anomalyScore?.toFixed(4) ?? "—"), h("td", {}, a.endpoint),
      feedbackCell(a, rules));
    row.addEventListener("click", () => {
      for (const r of row.parentNode.children) r.classList.remove("selected");
      row.classList.add("selected");
      detail.replaceChildren(alertDetail(a));
    });
    return row;
  });
  return h("table", { id: "alerts" }, h("thead", {}, h("tr", {}, ["#", "time", "label", "family", "service", "protocol", "flag", "attack prob.", "anomaly score", "endpoint", "feedback"].map(t => h("th", {}, t)))),
    h("tbody", {}, rows));
}

function pager(result, go) {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  return h("div", { class: "toolbar", style: "margin-top:8px" },
    h("button", { type: "button", class: "secondary", disabled: result.page <= 1, onclick: () => go(result.page - 1) }, "‹ newer"),
    h("span", { class: "muted", id: "alert-count" }, `page ${result.page} of ${pages} · ${num(result.total)} alerts`),
    h("button", { type: "button", class: "secondary", disabled: result.page >= pages, onclick: () => go(result.page + 1) }, "older ›"));
}

function alertDetail(a) {
  // A stored record the database could not read comes without it and with recordProblem.
  const fields = a.record ? Object.entries(a.record).map(([name, value]) => h("div", {}, h("b", {}, name), " ", String(value)))
    : [h("div", { class: "muted" }, a.recordProblem ?? "no record")];
  return h("div", {}, h("h2", {}, `Alert ${a.id}`),
    h("p", {}, badge(a.label), " ", time(a.timeUtc), ` via ${a.endpoint}`),
    h("table", {}, h("tbody", {},
      // Alerts from a capture or conn.log (score-capture) name the hosts; records posted as JSON have none.
      a.connection ? h("tr", {}, h("th", {}, "connection"), h("td", { id: "alert-connection" },
        `${a.connection.sourceAddress}:${a.connection.sourcePort} → ${a.connection.destinationAddress}:${a.connection.destinationPort}, started ${time(a.connection.startTime)}`)) : null,
      h("tr", {}, h("th", {}, "supervised"), h("td", {}, a.supervisedModel ? `${a.supervisedModel} (${a.supervisedVersion}): attack score ${a.attackProbability.toFixed(4)}` : "—")),
      h("tr", {}, h("th", {}, "unsupervised"), h("td", {}, a.unsupervisedModel ? `${a.unsupervisedModel} (${a.unsupervisedVersion}): score ${a.anomalyScore.toFixed(4)}` : "—")),
      h("tr", {}, h("th", {}, "family"), h("td", {}, a.family ?? "unclassified")))),
    whyPanel(a.record),
    h("h2", { style: "margin-top:10px" }, "Record"), h("div", { class: "record", id: "alert-record" }, fields));
}

async function models(main) {
  const list = await api("/models");
  const key = h("input", { type: "password", id: "admin-key", placeholder: "admin API key", autocomplete: "off" });
  const message = h("div", { id: "activate-message" });
  const cards = list.map(m => modelCard(m, key, message));
  main.replaceChildren(h("h1", {}, "Models"),
    h("div", { class: "toolbar" }, h("label", {}, "admin key (to switch the active model)", key), message), ...cards);
}

function modelCard(m, key, message) {
  const activate = h("button", { type: "button", "data-activate": m.name, disabled: m.active }, m.active ? "active" : "Make active");
  activate.addEventListener("click", async () => {
    try {
      await api(`/models/${encodeURIComponent(m.name)}/activate`, { method: "POST", headers: { "X-Api-Key": key.value } });
      message.replaceChildren(h("span", { class: "ok" }, `${m.name} is now the active ${m.supervised ? "supervised" : "unsupervised"} model.`));
      const main = document.getElementById("page");
      await models(main);
      document.getElementById("activate-message").replaceChildren(h("span", { class: "ok" }, `${m.name} is now active.`));
    } catch (e) {
      message.replaceChildren(errorBox(e));
    }
  });
  const v = m.validationMetrics;
  const evaluation = h("div", { class: "evaluation" }, h("p", { class: "muted" }, "Measuring on KDDTest+…"));
  const importance = h("div", { class: "importance" }, h("p", { class: "muted" }, "Measuring feature importance…"));
  api(`/models/${encodeURIComponent(m.name)}/evaluation`).then(e => evaluation.replaceChildren(evaluationView(e))).catch(e => evaluation.replaceChildren(errorBox(e)));
  api(`/models/${encodeURIComponent(m.name)}/importance`).then(list => importance.replaceChildren(
    hbarChart(list.slice(0, 10).map(f => ({ name: f.feature, count: f.aucDrop })), { label: "Top features (ROC-AUC lost when shuffled)", color: "#2463eb", digits: 4 })))
    .catch(e => importance.replaceChildren(errorBox(e)));
  return h("div", { class: "card model", "data-model": m.name, style: "margin-bottom:14px" },
    h("div", { class: "toolbar" }, h("h2", {}, m.name), m.active ? badge("active") : badge("loaded", "off"),
      h("span", { class: "muted" }, `${m.supervised ? "supervised" : "unsupervised"} · version ${m.version} · trained ${time(m.createdUtc)} on ${m.trainingData.name} (${num(m.trainingData.rows)} rows)`), activate),
    h("p", { class: "hint" }, `threshold ${m.threshold.toFixed(4)}: ${m.thresholdRule}`),
    v ? h("p", {}, `held-out training rows: accuracy ${pct(v.accuracy)}, precision ${pct(v.precision)}, recall ${pct(v.recall)}, F1 ${fixed(v.f1)}, ROC-AUC ${fixed(v.rocAuc)}`) : null,
    h("div", { class: "grid" }, evaluation, importance));
}

function evaluationView(e) {
  const m = e.metrics, c = m.confusion;
  return h("div", { class: "grid" },
    h("div", {}, h("h2", {}, e.data),
      h("table", { class: "metrics" }, h("tbody", {},
        [["accuracy", pct(m.accuracy)], ["precision", pct(m.precision)], ["recall", pct(m.recall)], ["F1", fixed(m.f1)],
          ["false positive rate", pct(m.falsePositiveRate)], ["ROC-AUC", fixed(m.rocAuc)], ["PR-AUC", fixed(m.prAuc)]]
          .map(([k, val]) => h("tr", {}, h("th", {}, k), h("td", { class: "num" }, val))))),
      h("h2", { style: "margin-top:10px" }, "Confusion matrix"),
      h("table", { class: "matrix" }, h("tbody", {},
        h("tr", {}, h("th", {}, ""), h("th", {}, "predicted attack"), h("th", {}, "predicted normal")),
        h("tr", {}, h("th", {}, "attack"), h("td", {}, num(c.truePositives)), h("td", {}, num(c.falseNegatives))),
        h("tr", {}, h("th", {}, "normal"), h("td", {}, num(c.falsePositives)), h("td", {}, num(c.trueNegatives))))),
      h("h2", { style: "margin-top:10px" }, "Recall per family"),
      h("table", { class: "families" }, h("thead", {}, h("tr", {}, h("th", {}, "family"), h("th", { class: "num" }, "attack rows"), h("th", { class: "num" }, "flagged"))),
        h("tbody", {}, e.families.map(f => h("tr", {}, h("th", {}, f.family), h("td", { class: "num" }, num(f.rows)), h("td", { class: "num" }, pct(f.recall))))))),
    e.roc.length ? h("div", {}, rocChart(e.roc, m.rocAuc)) : null);
}

window.addEventListener("hashchange", route);
route();
