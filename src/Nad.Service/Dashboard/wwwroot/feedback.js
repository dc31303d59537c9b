// NAD dashboard feedback loop (docs/feedback.md): the alerts page's "true positive" / "false
// positive" / "suppress similar" buttons, the admin key they need, and the suppression rules list.
// Its own module beside app.js; data reaches the page only as text nodes and fixed attribute
// names, never innerHTML (decision 0080).

const API = "/api/v1";
const KEY_STORAGE = "nad.adminKey";
const VERDICT_TEXT = { "true-positive": "true positive", "false-positive": "false positive" };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
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

/** The admin key field: typed once, kept for the browser tab (sessionStorage), sent as X-Api-Key. */
export function adminKeyField(onChange) {
  const input = el("input", { type: "password", id: "admin-key", placeholder: "admin API key", autocomplete: "off" });
  input.value = sessionStorage.getItem(KEY_STORAGE) ?? "";
  input.addEventListener("change", () => { sessionStorage.setItem(KEY_STORAGE, input.value); onChange?.(); });
  return el("label", {}, "admin key (feedback and suppression)", input);
}

// A refused key gets its own message: it is the one mistake an analyst can fix right here.
async function adminApi(path, method, body) {
  const headers = { "X-Api-Key": sessionStorage.getItem(KEY_STORAGE) ?? "" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401)
    throw new Error("The admin key was refused (HTTP 401): type the service's admin API key (Nad:AdminApiKey) in the admin key field.");
  const type = response.headers.get("content-type") ?? "";
  const answer = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) {
    const errors = Object.entries(answer?.errors ?? {}).map(([field, problems]) => `${field}: ${problems.join("; ")}`);
    throw new Error([answer?.title ?? `HTTP ${response.status}`, answer?.detail, ...errors].filter(Boolean).join("\n"));
  }
  return answer;
}

function showMessage(box, text, kind) {
  box.replaceChildren(el("p", { class: kind, role: kind === "error" ? "alert" : "status" }, text));
}

const feedbackText = f => f ? `${VERDICT_TEXT[f.verdict] ?? f.verdict} (${f.analyst})` : "not judged";

/**
 * The feedback cell of one alert row: the stored judgement and the three buttons. Clicks stay in
 * the cell (the row itself opens the alert's detail). "suppress similar" fills the rules panel's form.
 */
export function feedbackCell(alert, panel) {
  const state = el("span", { class: "feedback-state", "data-verdict": alert.feedback?.verdict ?? "none" }, feedbackText(alert.feedback));
  const judge = verdict => async event => {
    event.stopPropagation();
    try {
      const answer = await adminApi(`/alerts/${alert.id}/feedback`, "POST", { verdict });
      state.replaceChildren(feedbackText(answer.feedback));
      state.setAttribute("data-verdict", answer.feedback.verdict);
      showMessage(panel.message, `Alert ${alert.id} marked ${VERDICT_TEXT[verdict]}.`, "ok");
    } catch (e) {
      showMessage(panel.message, e.message ?? String(e), "error");
    }
  };
  return el("td", { class: "feedback" }, state, " ",
    el("button", { type: "button", class: "secondary small", "data-feedback": "true-positive", onclick: judge("true-positive") }, "true positive"),
    el("button", { type: "button", class: "secondary small", "data-feedback": "false-positive", onclick: judge("false-positive") }, "false positive"),
    el("button", { type: "button", class: "secondary small", "data-suppress": alert.id, onclick: e => { e.stopPropagation(); panel.prefill(alert); } }, "suppress similar"));
}

function ruleText(rule) {
  const parts = [["host", rule.host], ["cidr", rule.cidr], ["port", rule.port], ["service", rule.service], ["model", rule.model]]
    .filter(([, value]) => value !== null && value !== undefined).map(([name, value]) => `${name} ${value}`);
  return parts.join(", ");
}

/**
 * The suppression rules card: a form ("suppress similar" fills it from an alert; every field can
 * be cleared before adding) and the rules from GET /api/v1/suppressions with each one's count of
 * suppressed alerts and a delete button. Returns { node, message, prefill, load }.
 */
export function suppressionPanel() {
  const message = el("div", { id: "feedback-message" });
  const field = (name, label) => el("label", {}, label, el("input", { name, id: `rule-${name}`, autocomplete: "off" }));
  const form = el("form", { class: "toolbar", id: "suppress-form" },
    field("host", "host (either end)"), field("port", "destination port"), field("service", "service"), field("model", "model"),
    field("note", "note"), el("button", { type: "submit" }, "Add rule"));
  const list = el("div", { id: "suppression-list" });
  const panel = { message };

  panel.load = async () => {
    if (!sessionStorage.getItem(KEY_STORAGE)) { list.replaceChildren(el("p", { class: "muted" }, "Type the admin key above to see the rules.")); return; }
    try {
      const rules = await adminApi("/suppressions", "GET");
      if (rules.length === 0) { list.replaceChildren(el("p", { class: "muted", id: "no-suppressions" }, "No suppression rules.")); return; }
      list.replaceChildren(el("table", { id: "suppressions" },
        el("thead", {}, el("tr", {}, ["#", "matches", "active", "suppressed", "note", ""].map(t => el("th", {}, t)))),
        el("tbody", {}, rules.map(view => {
          const rule = view.rule;
          const remove = el("button", { type: "button", class: "secondary small", "data-delete-rule": rule.id }, "delete");
          remove.addEventListener("click", async () => {
            try {
              await adminApi(`/suppressions/${rule.id}`, "DELETE");
              showMessage(message, `Rule ${rule.id} deleted.`, "ok");
              await panel.load();
            } catch (e) { showMessage(message, e.message ?? String(e), "error"); }
          });
          return el("tr", { "data-rule": rule.id }, el("td", { class: "num" }, rule.id), el("td", {}, ruleText(rule)),
            el("td", {}, view.active ? "yes" : "expired"), el("td", { class: "num suppressed" }, view.suppressed), el("td", {}, rule.note ?? ""), el("td", {}, remove));
        }))));
    } catch (e) {
      list.replaceChildren(el("p", { class: "muted" }, `Rules not shown: ${e.message ?? e}`));
    }
  };

  panel.prefill = alert => {
    const values = {
      host: alert.connection?.sourceAddress, port: alert.connection?.destinationPort, service: alert.record?.service,
      model: alert.supervisedModel ?? alert.unsupervisedModel, note: `like alert ${alert.id}`,
    };
    for (const [name, value] of Object.entries(values)) form.elements[name].value = value ?? "";
    showMessage(message, `Rule form filled from alert ${alert.id}: clear what should not have to match, then Add rule.`, "ok");
    form.elements.note.focus();
  };

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const text = name => form.elements[name].value.trim() || undefined;
    const port = text("port");
    try {
      const view = await adminApi("/suppressions", "POST",
        { host: text("host"), port: port === undefined ? undefined : /^\d+$/.test(port) ? Number(port) : port, service: text("service"), model: text("model"), note: text("note") });
      showMessage(message, `Rule ${view.rule.id} added: ${ruleText(view.rule)}.`, "ok");
      await panel.load();
    } catch (e) {
      showMessage(message, e.message ?? String(e), "error");
    }
  });

  panel.node = el("div", { class: "card", id: "suppression-panel", style: "margin-top:14px" },
    el("h2", {}, "Suppression rules"),
    el("p", { class: "hint" }, "An alert matching every field a rule names is not stored; it is counted on the rule (and in nad_alerts_suppressed_total at /metrics)."),
    form, list);
  return panel;
}
