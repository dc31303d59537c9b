// NAD dashboard drift panel: its own module beside app.js, shown above every page. It reads
// GET /api/v1/drift every 15 s and shows a warning when an active model's recent records have
// drifted significantly from its training data (PSI above 0.25). Data reaches the page only as
// text nodes and fixed attributes, never innerHTML (decision 0080).

const REFRESH_MS = 15000;
const TOP_FEATURES = 5;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const psi = x => x === null || x === undefined ? "n/a" : Number(x).toFixed(3);
const count = x => Number(x).toLocaleString("en-US");

function modelRow(m) {
  if (!m.available)
    return el("tr", { "data-drift-model": m.model }, el("th", {}, m.model), el("td", { colspan: 4, class: "muted" }, m.unavailable));
  const name = el("th", {}, m.model, m.active ? "" : " (not active)");
  if (m.records === 0)
    return el("tr", { "data-drift-model": m.model, "data-level": "empty" }, name, el("td", { colspan: 4, class: "muted" }, "no records scored yet"));
  const collecting = m.records < m.minimumSample;
  const top = m.features.slice(0, TOP_FEATURES).map(f => `${f.feature} ${psi(f.psi)}`).join(", ");
  return el("tr", { "data-drift-model": m.model, "data-level": collecting ? "collecting" : m.level },
    name,
    el("td", {}, collecting ? el("span", { class: "drift-level collecting" }, "collecting") : el("span", { class: "drift-level " + m.level }, m.level)),
    el("td", { class: "num" }, `${count(m.records)} / ${count(m.window)}` + (collecting ? ` (a level from ${count(m.minimumSample)})` : "")),
    el("td", { class: "num" }, psi(m.scorePsi)),
    el("td", {}, top));
}

function render(panel, data) {
  const warnings = data.models.filter(m => m.active && m.warning);
  const table = el("table", { class: "drift-table" },
    el("thead", {}, el("tr", {}, ["model", "drift", "records in window", "score PSI", "highest feature PSI"].map(t => el("th", {}, t)))),
    el("tbody", {}, data.models.map(modelRow)));
  const legend = el("p", { class: "hint" },
    `Population stability index of the last scored records against each model's training data: below ${data.moderateFrom} none, ` +
    `${data.moderateFrom} to ${data.significantAbove} moderate, above ${data.significantAbove} significant. Significant drift means the model's threshold and alerts may no longer hold: retrain on recent normal traffic.`);
  const details = el("details", { id: "drift-details" }, el("summary", {}, warnings.length ? "Drift: significant" : "Drift: no warning"), table, legend);
  if (panel.querySelector("#drift-details")?.open) details.open = true;
  panel.replaceChildren(
    ...warnings.map(m => el("div", { class: "drift-warning", role: "alert", "data-drift-warning": m.model }, el("strong", {}, `${m.model}: `), m.warning)),
    details);
  panel.setAttribute("data-ready", String(Date.now()));
}

async function refresh(panel) {
  try {
    const response = await fetch("/api/v1/drift");
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    render(panel, await response.json());
  } catch (e) {
    panel.replaceChildren(el("p", { class: "error" }, `Drift status unavailable: ${e.message ?? e}`));
  }
}

const panel = document.getElementById("drift-panel");
if (panel) {
  refresh(panel);
  setInterval(() => refresh(panel), REFRESH_MS);
}
