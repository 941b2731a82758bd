// The Tidings page: a list of fused events with filters and a timeline, an event page with its
// evidence highlighted and its sources, an actor page. Plain JS, no library: the binary serves
// this file as it is. Routes live in the hash (#/, #/event/ID, #/actor/KEY, #/actors) so the
// server needs only one page.
"use strict";

const TYPES = ["AGREE", "ACCUSE", "ASSAULT", "AID", "COERCE", "CONSULT", "COOPERATE", "DEMAND",
  "DISAPPROVE", "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "THREATEN"];
const STATUSES = ["happened", "ongoing", "planned", "expected", "possible", "hypothetical",
  "negated", "denied"];
const FILTERS = ["actor", "country", "type", "status", "from", "to", "outlet", "near", "text"];
// 16 colours, one per PLOVER type, distinguishable side by side in a stacked bar.
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
  "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#ad494a", "#637939", "#b5cf6b", "#e7ba52",
  "#843c39"];
const PER_PAGE = 25;

const view = document.getElementById("view");

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    // Styles through the CSSOM: the server's Content-Security-Policy refuses style attributes.
    else if (k === "style") Object.assign(node.style, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  let body;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : response.statusText;
    throw new Error(`${response.status}: ${message}`);
  }
  return body;
}

function showError(err) {
  view.replaceChildren(el("p", { class: "error", role: "alert", text: String(err.message || err) }));
}

function color(type) {
  const i = TYPES.indexOf(type);
  return PALETTE[(i < 0 ? TYPES.length + hash(type) : i) % PALETTE.length];
}

function hash(s) {
  let h = 0;
  for (const c of String(s)) h = (h * 31 + c.codePointAt(0)) >>> 0;
  return h;
}

function statusTag(status) {
  return el("span", { class: `tag status-${status}`, text: status });
}

// --- routes -------------------------------------------------------------------------------

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "event" && parts[1]) return showEvent(parts[1]).catch(showError);
  if (parts[0] === "actor" && parts[1]) return showActor(parts[1]).catch(showError);
  if (parts[0] === "actors") return showActors(params).catch(showError);
  return showList(params).catch(showError);
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", route);

// --- the event list -------------------------------------------------------------------------

function filterQuery(params) {
  const q = new URLSearchParams();
  for (const name of FILTERS) {
    const v = params.get(name);
    if (v) q.set(name, v);
  }
  return q;
}

async function showList(params) {
  const fragment = document.getElementById("list-view").content.cloneNode(true);
  view.replaceChildren(fragment);
  document.title = "Tidings: events";
  const form = document.getElementById("filters");
  for (const t of TYPES) form.elements.type.append(el("option", { value: t, text: t }));
  for (const s of STATUSES) form.elements.status.append(el("option", { value: s, text: s }));
  for (const name of FILTERS) form.elements[name].value = params.get(name) || "";
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const name of FILTERS) {
      const v = form.elements[name].value.trim();
      if (v) q.set(name, v);
    }
    location.hash = "#/?" + q.toString();
  });
  form.addEventListener("reset", (e) => { e.preventDefault(); location.hash = "#/"; });

  const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  const filters = filterQuery(params);
  const listQuery = new URLSearchParams(filters);
  listQuery.set("page", page);
  listQuery.set("per_page", PER_PAGE);
  const [list, counts] = await Promise.all([
    api("/api/events?" + listQuery),
    api("/api/counts/daily?" + filters),
  ]);
  drawTimeline(document.getElementById("timeline"), counts.counts);
  // Types the store holds beyond the known list (a newer lexicon) are offered too.
  const known = new Set(TYPES);
  for (const t of [...new Set(counts.counts.map((c) => c.type))].sort()) {
    if (!known.has(t)) form.elements.type.append(el("option", { value: t, text: t }));
  }
  form.elements.type.value = params.get("type") || "";

  const body = document.querySelector("#events tbody");
  for (const ev of list.events) {
    const row = el("tr", { "data-id": ev.id },
      el("td", {}, el("a", { href: `#/event/${ev.id}`, class: "event-link", text: ev.id })),
      el("td", { text: ev.day || dateRange(ev.date_start, ev.date_end) }),
      el("td", {}, el("span", { class: "tag", style: { borderLeft: `4px solid ${color(ev.type)}` }, text: ev.type }), ev.mode ? ` ${ev.mode}` : ""),
      el("td", {}, statusTag(ev.status)),
      el("td", {}, partyLinks(ev.actors)),
      el("td", {}, partyLinks(ev.recipients)),
      el("td", { text: placeName(ev.place) }),
      el("td", { text: ev.article_count }),
      el("td", { text: ev.outlet_count }));
    row.addEventListener("click", (e) => {
      if (e.target.tagName !== "A") location.hash = `#/event/${ev.id}`;
    });
    body.append(row);
  }
  const shown = list.events.length;
  document.getElementById("summary").textContent = shown === 0
    ? "No event matches these filters."
    : `Events ${(page - 1) * PER_PAGE + 1}–${(page - 1) * PER_PAGE + shown} of ${list.total}, newest first.`;
  document.getElementById("page").textContent = `page ${page}`;
  const go = (p) => { const q = new URLSearchParams(filters); if (p > 1) q.set("page", p); location.hash = "#/?" + q; };
  const prev = document.getElementById("prev");
  const next = document.getElementById("next");
  prev.disabled = page <= 1;
  next.disabled = !list.next_page;
  prev.addEventListener("click", () => go(page - 1));
  next.addEventListener("click", () => go(list.next_page));
}

function dateRange(start, end) {
  if (!start) return "—";
  return !end || end === start ? start : `${start} – ${end}`;
}

// A party as the store keys it; the read API may give a bare key or {key, name}.
function partyKey(p) { return typeof p === "string" ? p : (p.key || p.kb_id || p.code || p.name); }
function partyName(p) { return typeof p === "string" ? p : (p.name || p.key); }

function partyLinks(parties) {
  const list = parties || [];
  if (list.length === 0) return "—";
  const out = [];
  list.forEach((p, i) => {
    if (i > 0) out.push(", ");
    out.push(el("a", { href: `#/actor/${encodeURIComponent(partyKey(p))}`, class: "actor-link", text: partyName(p) }));
  });
  return out;
}

function placeName(place) {
  if (!place) return "—";
  return typeof place === "string" ? place : (place.name || place.key || "—");
}

// --- the timeline: events per day, stacked by type, drawn as inline SVG ----------------------

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function dayNumber(date) { return Math.round(Date.parse(date + "T00:00:00Z") / 86400000); }
function dayString(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }

function drawTimeline(box, counts) {
  box.replaceChildren();
  let rows = (counts || []).filter((c) => c.date);
  if (rows.length === 0) {
    box.append(el("p", { class: "note", text: "No dated events to chart." }));
    return;
  }
  // A few stray dates years away (a dateline's old story, a wrong year) would squash the news
  // into one bar: a span over a year is drawn as the 180 days holding the most events, and
  // says so; From/To show any other stretch.
  const days = rows.map((c) => dayNumber(c.date));
  let first = Math.min(...days);
  let last = Math.max(...days);
  const total = rows.reduce((a, c) => a + c.count, 0);
  let note = null;
  if (last - first + 1 > 366) {
    const byDay = [...rows].sort((a, b) => dayNumber(a.date) - dayNumber(b.date));
    let best = { start: first, n: -1 };
    let lo = 0, n = 0;
    for (let hi = 0; hi < byDay.length; hi++) {
      n += byDay[hi].count;
      while (dayNumber(byDay[hi].date) - dayNumber(byDay[lo].date) >= 180) { n -= byDay[lo].count; lo++; }
      if (n > best.n) best = { start: dayNumber(byDay[lo].date), n };
    }
    first = best.start;
    last = Math.min(last, first + 179);
    rows = rows.filter((c) => dayNumber(c.date) >= first && dayNumber(c.date) <= last);
    last = Math.max(...rows.map((c) => dayNumber(c.date)));
    note = `Showing ${dayString(first)} – ${dayString(last)}: ${best.n} of ${total} dated events. Set From and To to see another stretch.`;
  }
  // At most ~120 bars: a long span is drawn in bins of several days.
  const bin = Math.max(1, Math.ceil((last - first + 1) / 120));
  const bins = Math.floor((last - first) / bin) + 1;
  const stacks = Array.from({ length: bins }, () => new Map());
  const types = new Set();
  for (const c of rows) {
    const b = Math.floor((dayNumber(c.date) - first) / bin);
    stacks[b].set(c.type, (stacks[b].get(c.type) || 0) + c.count);
    types.add(c.type);
  }
  const totals = stacks.map((s) => [...s.values()].reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const width = Math.max(320, Math.min(box.clientWidth || 900, 1160));
  const height = 170, left = 34, bottom = 22, top = 8;
  const plotW = width - left - 8, plotH = height - top - bottom;
  const barW = plotW / bins;
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": `Events per ${bin === 1 ? "day" : bin + " days"} by type` });
  // y axis: 0 and the maximum.
  for (const v of [0, max]) {
    const y = top + plotH - (v / max) * plotH;
    chart.append(svg("line", { x1: left, x2: width - 8, y1: y, y2: y, stroke: "#d7dde2" }));
    chart.append(svg("text", { x: left - 4, y: y + 4, "text-anchor": "end", "font-size": 10, fill: "#5b6770" }, v));
  }
  const order = TYPES.filter((t) => types.has(t)).concat([...types].filter((t) => !TYPES.includes(t)).sort());
  stacks.forEach((stack, i) => {
    let y = top + plotH;
    const x = left + i * barW;
    for (const type of order) {
      const n = stack.get(type);
      if (!n) continue;
      const h = (n / max) * plotH;
      y -= h;
      const day = dayString(first + i * bin);
      const rect = svg("rect", { x: x + 0.5, y, width: Math.max(1, barW - 1), height: h,
        fill: color(type), "data-type": type, "data-date": day, class: "bar" },
        svg("title", {}, `${day}${bin > 1 ? ` (+${bin - 1} days)` : ""}: ${n} ${type}`));
      chart.append(rect);
    }
  });
  // x axis: first and last day, and one in the middle when there is room.
  const ticks = bins > 2 ? [0, Math.floor(bins / 2), bins - 1] : [...Array(bins).keys()];
  for (const i of ticks) {
    const anchor = i === 0 ? "start" : i === bins - 1 ? "end" : "middle";
    const x = i === 0 ? left : i === bins - 1 ? left + plotW : left + i * barW + barW / 2;
    chart.append(svg("text", { x, y: height - 6, "text-anchor": anchor,
      "font-size": 10, fill: "#5b6770" }, dayString(first + i * bin)));
  }
  box.append(chart);
  if (note) box.append(el("p", { class: "note", id: "timeline-note", text: note }));
  box.append(el("div", { class: "legend" }, order.map((t) =>
    el("span", {}, el("span", { class: "swatch", style: { background: color(t) } }), t))));
}

// --- highlighting: spans are character (code point) offsets, JS strings are UTF-16 ----------

// `text` with each span ({start, end, kind, title}) wrapped in <mark class=kind>. Offsets count
// code points from the start of `text`. Overlapping spans: the earlier (or, at one start, the
// longer) wins, so the sentence always reads whole.
function highlight(text, spans) {
  const chars = Array.from(text);
  const sorted = (spans || [])
    .filter((s) => s && s.end > s.start && s.start >= 0 && s.end <= chars.length)
    .sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const out = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    if (s.start > at) out.push(chars.slice(at, s.start).join(""));
    out.push(el("mark", { class: s.kind, title: s.title || s.kind }, chars.slice(s.start, s.end).join("")));
    at = s.end;
  }
  if (at < chars.length) out.push(chars.slice(at).join(""));
  return out;
}

// --- the event page ---------------------------------------------------------------------------

const ROLE_TITLES = { trigger: "trigger", actor: "actor", recipient: "recipient", place: "place",
  time: "time", source: "source" };

function facts(pairs) {
  return el("dl", { class: "facts" }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => [el("dt", { text: k }), el("dd", {}, v)]));
}

function articleLine(a) {
  return el("span", { class: "article-line" },
    el("span", { class: "outlet", text: a.outlet || "unknown outlet" }), " · ",
    a.url ? el("a", { href: a.url, rel: "noreferrer", text: a.title || a.id }) : (a.title || a.id),
    a.published ? ` · ${a.published}` : "");
}

// The chain of sources, nearest first: "ERR (according to) ← the ministry (said)".
function sourceChain(sources) {
  if (!sources || sources.length === 0) return el("p", { class: "meta", text: "No source named: the outlet's own report." });
  return el("ol", { class: "sources" }, sources.map((s) =>
    el("li", {}, el("mark", { class: "source", text: s.text }), ` — ${s.cue}`,
      s.entity && s.entity !== s.text ? ` (${s.entity})` : "")));
}

async function showEvent(id) {
  const detail = await api(`/api/events/${encodeURIComponent(id)}`);
  const ev = detail.event;
  document.title = `Tidings: event ${ev.id} ${ev.type}`;
  const box = el("section", { id: "event" });
  box.append(
    el("p", {}, el("a", { href: "#/", text: "← all events" })),
    el("h1", {}, `${ev.type}${ev.mode ? ` (${ev.mode})` : ""} `, statusTag(ev.status)),
    el("p", { class: "lead", text: ev.sentence }),
    facts([
      ["Event", `#${ev.id}`],
      ["Day", ev.day],
      ["Dates", ev.date_start ? dateRange(ev.date_start, ev.date_end) : null],
      ["Actors", ev.actors.length ? partyLinks(ev.actors) : null],
      ["Recipients", ev.recipients.length ? partyLinks(ev.recipients) : null],
      ["Place", ev.place ? placeName(ev.place) : null],
      ["CAMEO", ev.cameo],
      ["Told by", `${ev.article_count} article${ev.article_count === 1 ? "" : "s"}, ${ev.outlet_count} outlet${ev.outlet_count === 1 ? "" : "s"} (${detail.outlets.join(", ")})`],
      ["Seen", ev.first_seen ? dateRange(ev.first_seen, ev.last_seen) : null],
    ]));

  box.append(el("h2", { text: "Status history" }),
    el("ol", { class: "history" }, detail.status_history.map((h) =>
      el("li", {}, statusTag(h.status), ` ${h.seen || "undated"} · ${h.outlet || h.article}: `,
        el("q", { text: h.evidence })))));

  box.append(el("h2", { text: "Evidence and sources" }),
    el("p", { class: "legend-marks meta" }, ["trigger", "actor", "recipient", "time", "place", "source"]
      .map((r) => el("mark", { class: r, text: r }))));
  const list = el("ol", { class: "evidence" });
  for (const m of detail.mentions) {
    const item = el("li", { class: "article" },
      el("div", { class: "meta" }, articleLine(m.article),
        ` · ${m.event_id} ${m.type}${m.mode ? ` (${m.mode})` : ""} `, statusTag(m.status),
        m.date ? ` · dated ${m.date}` : "", ` · confidence ${Number(m.confidence).toFixed(2)}`));
    for (const s of m.evidence) {
      item.append(el("p", { class: "sentence", "data-sentence": s.sentence },
        highlight(s.text, s.highlights.map((h) => ({ start: h.start, end: h.end, kind: h.role, title: ROLE_TITLES[h.role] || h.role })))));
    }
    if (m.quote) item.append(el("blockquote", { text: m.quote }));
    item.append(el("div", { class: "meta", text: "Attribution chain, nearest first:" }), sourceChain(m.sources));
    list.append(item);
  }
  box.append(list);
  view.replaceChildren(box);
  window.scrollTo(0, 0);
}

// --- actors -----------------------------------------------------------------------------------

function eventTable(events) {
  const table = el("table", { class: "events" },
    el("thead", {}, el("tr", {}, ["#", "Day", "Type", "Status", "Actors", "Recipients", "Articles"].map((h) => el("th", { text: h })))));
  const body = el("tbody");
  for (const ev of events) {
    body.append(el("tr", {},
      el("td", {}, el("a", { href: `#/event/${ev.id}`, class: "event-link", text: ev.id })),
      el("td", { text: ev.day || "—" }),
      el("td", {}, el("span", { class: "tag", style: { borderLeft: `4px solid ${color(ev.type)}` }, text: ev.type })),
      el("td", {}, statusTag(ev.status)),
      el("td", {}, partyLinks(ev.actors)),
      el("td", {}, partyLinks(ev.recipients)),
      el("td", { text: ev.article_count })));
  }
  table.append(body);
  return table;
}

async function showActor(key) {
  const detail = await api(`/api/actors/${encodeURIComponent(key)}`);
  const a = detail.actor;
  document.title = `Tidings: ${a.name}`;
  const box = el("section", { id: "actor" });
  box.append(
    el("p", {}, el("a", { href: "#/actors", text: "← all actors" })),
    el("h1", { text: a.name }),
    facts([
      ["Key", a.key],
      ["Type", a.type],
      ["Country", a.country],
      ["CAMEO code", a.code],
      ["Knowledge base", a.kb_id],
      ["Events", `${a.events} (${a.as_actor} as actor, ${a.as_recipient} as recipient)`],
      ["Also named", detail.names.length ? detail.names.map((n) => `${n.name} (${n.count})`).join(", ") : null],
    ]),
    el("h2", {}, "Events ", el("a", { href: `#/?actor=${encodeURIComponent(a.key)}`, class: "meta", text: "(filter the list)" })),
    eventTable(detail.events));
  view.replaceChildren(box);
  window.scrollTo(0, 0);
}

async function showActors(params) {
  const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  const q = new URLSearchParams({ page, per_page: 50 });
  const name = params.get("name") || "";
  if (name) q.set("name", name);
  const list = await api("/api/actors?" + q);
  document.title = "Tidings: actors";
  const form = el("form", { id: "actor-filter" },
    el("label", {}, "Name ", el("input", { name: "name", value: name })), " ",
    el("button", { type: "submit", text: "Find" }));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const v = form.elements.name.value.trim();
    location.hash = v ? `#/actors?name=${encodeURIComponent(v)}` : "#/actors";
  });
  const table = el("table", { id: "actors" },
    el("thead", {}, el("tr", {}, ["Actor", "Type", "Country", "Code", "Events", "As actor", "As recipient"].map((h) => el("th", { text: h })))),
    el("tbody", {}, list.actors.map((a) => el("tr", {},
      el("td", {}, el("a", { href: `#/actor/${encodeURIComponent(a.key)}`, class: "actor-link", text: a.name })),
      el("td", { text: a.type || "—" }), el("td", { text: a.country || "—" }), el("td", { text: a.code || "—" }),
      el("td", { text: a.events }), el("td", { text: a.as_actor }), el("td", { text: a.as_recipient })))));
  const go = (p) => { const n = new URLSearchParams(); if (name) n.set("name", name); if (p > 1) n.set("page", p); location.hash = "#/actors?" + n; };
  const prev = el("button", { type: "button", text: "← Previous" });
  const next = el("button", { type: "button", text: "Next →" });
  prev.disabled = page <= 1;
  next.disabled = !list.next_page;
  prev.addEventListener("click", () => go(page - 1));
  next.addEventListener("click", () => go(page + 1));
  view.replaceChildren(el("section", { id: "actor-list" }, el("h1", { text: "Actors" }), form, table,
    el("nav", { class: "pager" }, prev, ` page ${page} `, next)));
}
