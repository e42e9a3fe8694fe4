"use strict";
// The filters every view shares (actor, event type, quad class, dates, undated happenings), kept in the
// page's address after the view (#network?actor=AFG&quad=4), the legend and codebook, "download this
// view", and the page's states: an empty database, a server that stopped answering.

const FILTER_KEYS = ["actor", "type", "quad", "since", "until", "undated"];
const QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const RETRY_MS = 3000;
// The filters a view cannot apply, and why: their controls are switched off there and the reason is shown
// beside them. Every other view applies every filter.
const FILTER_LIMITS = {
  recognition: [
    {keys: ["type", "quad"], why: "the board's claims are rungs of recognition, not PLOVER events"},
    {keys: ["since"], why: "a rung once reached holds, so every claim up to the “to” date counts"},
    {keys: ["undated"], why: "undated claims count only without a “to” date"},
  ],
  bloc: [
    {keys: ["type", "quad"], why: "cohesion weighs cooperation against conflict over all event types"},
    {keys: ["undated"], why: "dates leave undated happenings out (counted beside the cohesion)"},
  ],
};
const FILTER_LABELS = {type: "the event type", quad: "the quad class", since: "the “From” date", undated: "the undated box"};

// What the address says; undated happenings count unless it says undated=0.
function readFilters(query) {
  const params = new URLSearchParams(query);
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) || ""]));
  filters.undated = filters.undated !== "0";
  return filters;
}

function filterQuery(filters) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    if (key === "undated") {
      if (!filters.undated) params.set(key, "0");
    } else if (filters[key]) params.set(key, filters[key]);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

function filtersActive(filters = state.filters) {
  return Boolean(filters.actor || filters.type || filters.quad || filters.since || filters.until || !filters.undated);
}

// Whether a happening passes the filters: dated ones by their first day, undated ones by the checkbox.
function passes(cluster, filters = state.filters) {
  if (filters.actor && cluster.source !== filters.actor && cluster.target !== filters.actor) return false;
  if (filters.type && cluster.type !== filters.type) return false;
  if (filters.quad && String(cluster.quad) !== filters.quad) return false;
  if (!cluster.first_date) return filters.undated;
  // a happening known to its month or year counts where that period meets the range
  const {start, end} = period(cluster.first_date);
  return !(filters.since && end < filters.since) && !(filters.until && start > filters.until);
}

function filtered() {
  return state.clusters.filter((cluster) => passes(cluster));
}

function showFilters() {
  const filters = state.filters;
  $("filter-actor").value = filters.actor;
  $("filter-type").value = filters.type;
  $("filter-quad").value = filters.quad;
  $("filter-since").value = filters.since;
  $("filter-until").value = filters.until;
  $("filter-undated").checked = filters.undated;
  const shown = filtered().length;
  $("filter-note").textContent = filtersActive() ? `${shown} of ${plural(state.clusters.length, "happening")} pass` : "";
  showFilterLimits();
  // folded on a phone, the button still says how many filters are set
  const set = ["actor", "type", "quad", "since", "until"].filter((key) => filters[key]).length + !filters.undated;
  $("filter-toggle").textContent = set ? `Filters (${set} set)` : "Filters";
}

function showFilterLimits() {
  const limits = FILTER_LIMITS[state.view] || [];
  const limited = new Map(limits.flatMap((limit) => limit.keys.map((key) => [key, limit.why])));
  for (const key of Object.keys(FILTER_LABELS)) {
    const control = $(`filter-${key}`);
    control.disabled = limited.has(key);
    control.title = limited.has(key) ? `Not applied in this view: ${limited.get(key)}.` : "";
  }
  $("filter-scope").hidden = !limits.length;
  $("filter-scope").textContent = limits.map((limit) => {
    const named = limit.keys.map((key) => FILTER_LABELS[key]).join(" and ");
    return `${named[0].toUpperCase()}${named.slice(1)} ${limit.keys.length > 1 ? "do" : "does"} not apply here: ${limit.why}.`;
  }).join(" ");
}

function toggleFilters(open = !$("filters").classList.contains("open")) {
  $("filters").classList.toggle("open", open);
  $("filter-toggle").setAttribute("aria-expanded", String(open));
}

// A change of filter keeps the view and its arguments and rewrites the address, which redraws the view.
function setFilters(changes) {
  state.filters = {...state.filters, ...changes};
  const [path] = window.location.hash.slice(1).split("?");
  window.location.hash = `${path || state.view}${filterQuery(state.filters)}`;
}

// "Taliban" or "afghan" becomes the code of the most active actor it names; a code is taken as it is.
async function resolveActor(text) {
  const typed = text.trim();
  if (!typed) return "";
  if (state.actors.includes(typed.toUpperCase())) return typed.toUpperCase();
  const found = await api("/api/actors", {q: typed});
  if (!found.actors.length) throw new Error(`no actor code or name matches ${JSON.stringify(typed)}`);
  const best = found.actors[0];
  $("filter-note").textContent = `"${typed}" is ${best.code} (${best.name || best.code})`;
  return best.code;
}

function nameActors(directory) {
  $("actor-options").replaceChildren(...directory.actors.map((actor) =>
    el("option", {value: actor.code}, `${actor.name || actor.code} (${plural(actor.happenings, "happening")})`)));
}

function setupFilters(overview, codebook) {
  for (const entry of codebook.types) {
    $("filter-type").append(el("option", {value: entry.type}, entry.type));
    $("codebook").tBodies[0].append(el("tr", {}, el("td", {}, entry.type),
      el("td", {}, el("span", {class: `swatch quad-${entry.quad}`}), ` ${entry.quad} ${entry.quad_name}`),
      el("td", {}, signed(entry.goldstein))));
  }
  for (const [quad, name] of Object.entries(QUAD_NAMES)) $("filter-quad").append(el("option", {value: quad}, `${quad} ${name}`));
  for (const id of ["filter-since", "filter-until"]) {
    $(id).min = overview.first_day || "";
    $(id).max = overview.last_day || "";
  }
  $("undated-count").textContent = `(${state.clusters.filter((cluster) => !cluster.first_date).length})`;
  const fail = (error) => showError(error, state.view);
  $("filter-actor").addEventListener("change", () => resolveActor($("filter-actor").value)
    .then((code) => setFilters({actor: code})).catch(fail));
  $("filter-type").addEventListener("change", () => setFilters({type: $("filter-type").value}));
  $("filter-quad").addEventListener("change", () => setFilters({quad: $("filter-quad").value}));
  $("filter-since").addEventListener("change", () => setFilters({since: $("filter-since").value}));
  $("filter-until").addEventListener("change", () => setFilters({until: $("filter-until").value}));
  $("filter-undated").addEventListener("change", () => setFilters({undated: $("filter-undated").checked}));
  $("filter-clear").addEventListener("click", () => setFilters(readFilters("")));
  $("filters").addEventListener("submit", (event) => event.preventDefault());
  $("filter-toggle").addEventListener("click", () => toggleFilters());
  $("legend-toggle").addEventListener("click", () => {
    $("legend").hidden = !$("legend").hidden;
    $("legend-toggle").setAttribute("aria-expanded", String(!$("legend").hidden));
  });
  $("download-csv").addEventListener("click", () => download("csv"));
  $("download-json").addEventListener("click", () => download("json"));
}

// ---- download this view: each view offers the rows it shows

function offer(name, rows) {
  state.offered = {name, rows};
}

function download(format) {
  const {name, rows} = state.offered;
  const flat = (value) => (value !== null && typeof value === "object" ? JSON.stringify(value) : value ?? "");
  const quote = (value) => {
    const text = String(flat(value));
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const columns = rows.length ? Object.keys(rows[0]) : [];
  const body = format === "json" ? JSON.stringify(rows, null, 2)
    : [columns.join(","), ...rows.map((row) => columns.map((column) => quote(row[column])).join(","))].join("\n");
  const link = el("a", {download: `blocwatch-${name}.${format}`,
                        href: URL.createObjectURL(new Blob([body], {type: format === "json" ? "application/json" : "text/csv"}))});
  document.body.append(link);
  link.click();
  link.remove();
}

// ---- states of the page

class ServerDown extends Error {}

function serverDown() {
  if (!$("server-down").hidden) return;
  $("server-down").hidden = false;
  const retry = async () => {
    try {
      await fetch(new URL("/api/overview", window.location.origin));
    } catch (error) {
      state.retry = setTimeout(retry, RETRY_MS);
      return;
    }
    $("server-down").hidden = true;
    if (state.ready) route();
    else start();
  };
  $("retry").onclick = () => {
    clearTimeout(state.retry);
    retry();
  };
  state.retry = setTimeout(retry, RETRY_MS);
}

function showEmpty() {
  $("empty").hidden = false;
  for (const section of document.querySelectorAll(".view")) section.hidden = true;
  $("filters").hidden = true;
}
