"use strict";
// The blocwatch dashboard. Every number, name and quote it shows comes from the JSON API under /api;
// text from the store is only ever inserted as text (never as HTML), so an article cannot inject markup.

const GREEN = "#1a9850";
const RED = "#d73027";
const GREY = "#8c8c8c";
const QUAD_COLOURS = {1: "#66bd63", 2: GREEN, 3: "#f46d43", 4: RED};
const PAGE = 500; // the API's largest page
const DEFAULT_BLOC = ["CHN", "RUS", "IRN", "PAK", "AFG"];
const PLOT_CONFIG = {displaylogo: false, responsive: true};
const HALF_MONTH = 14 * 24 * 3600 * 1000; // milliseconds, the unit of widths on a date axis
const NET_COLOURS = [[0, RED], [0.5, "#f7f7f7"], [1, GREEN]];

// `clusters` holds every happening, loaded once: the filters and most views work on it in the page.
const state = {actors: [], clusters: [], documents: null, filters: readFilters(""), view: "network", offered: {name: "", rows: []},
               ready: false};

const $ = (id) => document.getElementById(id);

// Only a view's latest request may draw: quick clicks fire several, and a slow, stale answer must not
// overwrite a newer one. `ticket(view)` returns a check that stays true while no newer request started.
const latest = {};
function ticket(view) {
  viewError(view).hidden = true; // a new request: the last one's error no longer applies
  const mine = (latest[view] || 0) + 1;
  latest[view] = mine;
  return () => latest[view] === mine;
}

async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new ServerDown("the server is not answering");
  }
  const body = await response.json();
  if (!response.ok) throw new Error(body.parameter ? `${body.parameter}: ${body.error}` : body.error);
  return body;
}

// An element with attributes (on* keys become listeners) and children; strings become text nodes.
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function joined(nodes, separator = ", ") {
  return nodes.flatMap((node, index) => (index ? [separator, node] : [node]));
}

function signed(number, digits = 1) {
  return `${number > 0 ? "+" : ""}${Number(number).toFixed(digits)}`;
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function documentLink(doc, label = doc) {
  return el("a", {href: `#documents/${encodeURIComponent(doc)}`}, label);
}

// Links out only to web pages: a stored URL such as javascript:... is shown as text.
function outsideLink(url) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return el("a", {href: parsed.href, target: "_blank", rel: "noopener noreferrer"}, parsed.hostname);
    }
  } catch (error) {
    // not a URL at all: fall through to plain text
  }
  return document.createTextNode(url);
}

function viewError(view) {
  const section = $(`view-${view}`);
  return (section && section.querySelector(".view-error")) || $("error");
}

// An error shows in the view whose request failed, and stays there; a server that stopped answering is said
// once, above every view, until it answers again.
function showError(error, view) {
  if (error instanceof ServerDown) {
    serverDown();
    return;
  }
  const box = view ? viewError(view) : $("error");
  box.textContent = `Error: ${error.message}`;
  box.hidden = false;
}

function fillSelect(select, values, chosen) {
  select.replaceChildren(...values.map((value) => el("option", {value}, value)));
  if (values.includes(chosen)) select.value = chosen;
}

// ---- routing: #view/arg/arg?filters, so every view can be linked to, shared and reloaded as it is shown

const VIEWS = {network: showNetwork, actor: showActor, timeline: showTimeline, recognition: showRecognition,
               bloc: showBloc, map: showMap, documents: showDocuments};

function go(view, ...args) {
  window.location.hash = [view, ...args].map(encodeURIComponent).join("/") + filterQuery(state.filters);
}

function route() {
  const [path, query] = window.location.hash.slice(1).split("?");
  const [view, ...args] = path.split("/").map(decodeURIComponent);
  const name = VIEWS[view] ? view : "network";
  if (query === undefined && filtersActive()) {
    // a plain link (#documents/d04): the filters stay, and the address says so
    window.history.replaceState(null, "", `#${path || name}${filterQuery(state.filters)}`);
  } else {
    state.filters = readFilters(query || "");
  }
  state.view = name;
  showFilters();
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${name}`;
  for (const link of document.querySelectorAll("nav a")) {
    link.classList.toggle("active", link.dataset.view === name);
    link.href = `#${link.dataset.view}${filterQuery(state.filters)}`;
  }
  $("error").hidden = true;
  viewError(name).hidden = true;
  offer(name, []);
  VIEWS[name](args).catch((error) => showError(error, name));
}

// ---- timeline of a pair

async function showTimeline(args) {
  if (args.length === 2) {
    for (const [id, code] of [["timeline-a", args[0]], ["timeline-b", args[1]]]) {
      if (![...$(id).options].some((option) => option.value === code)) $(id).append(el("option", {value: code}, code));
      $(id).value = code;
    }
  }
  const [a, b] = [$("timeline-a").value, $("timeline-b").value];
  if (!a || !b || a === b) {
    $("timeline-count").textContent = "Pick two different actors.";
    $("timeline-list").replaceChildren();
    $("timeline-turns").replaceChildren();
    return;
  }
  const current = ticket("timeline");
  // The change points are the server's (the pair's confidence-weighted net per quarter, as `relations`
  // and `bloc --by` find them), within the filters' dates.
  const {turns, coarser} = await api(`/api/relations/${encodeURIComponent(a)}/${encodeURIComponent(b)}`,
                                     {by: "quarter", since: state.filters.since, until: state.filters.until});
  if (!current()) return;
  $("timeline-turns").replaceChildren(...turnItems(turns, () => `${a}–${b}`));
  const inPair = (cluster) => (cluster.source === a && cluster.target === b) || (cluster.source === b && cluster.target === a);
  const clusters = filtered().filter(inPair);
  const dated = clusters.filter((cluster) => cluster.first_date);
  const plot = $("timeline-plot");
  if (dated.length) {
    // Each month gets its two directions side by side: Plotly would size bars by the gap between the
    // months shown, so a pair active in two distant months would get bars a year wide.
    const bars = [[a, b], [b, a]].map(([source, target], side) => {
      const nets = new Map();
      for (const cluster of dated.filter((found) => found.source === source && !found.negated)) {
        const month = `${period(cluster.first_date).start.slice(0, 7)}-01`;
        nets.set(month, (nets.get(month) || 0) + cluster.goldstein);
      }
      return {type: "bar", name: `${source} → ${target}: net per month`, opacity: 0.5, width: HALF_MONTH,
              offset: side * HALF_MONTH, x: [...nets.keys()], y: [...nets.values()]};
    });
    const exact = dated.filter((cluster) => !period(cluster.first_date).coarse);
    const coarse = dated.filter((cluster) => period(cluster.first_date).coarse);
    const hover = (cluster) => `${cluster.date} ${cluster.source} → ${cluster.target} ${cluster.type}`;
    const points = {
      type: "scatter", mode: "markers", name: "happenings (hollow: did not happen)", hoverinfo: "text",
      x: exact.map((cluster) => cluster.first_date), y: exact.map((cluster) => cluster.goldstein),
      hovertext: exact.map(hover),
      marker: {size: 11, color: exact.map((cluster) => QUAD_COLOURS[cluster.quad]),
               symbol: exact.map((cluster) => (cluster.negated ? "circle-open" : "circle"))},
    };
    // A happening known only to its month or year is a diamond in the middle of that period, on a
    // line spanning it: never a point on the period's first day.
    const spans = {
      type: "scatter", mode: "lines+markers", name: "known to the month or year (line: the period)",
      hoverinfo: "text", line: {width: 3, color: "#888"},
      x: coarse.flatMap((cluster) => [period(cluster.first_date).start, period(cluster.first_date).mid,
                                       period(cluster.first_date).end, null]),
      y: coarse.flatMap((cluster) => [cluster.goldstein, cluster.goldstein, cluster.goldstein, null]),
      hovertext: coarse.flatMap((cluster) => [hover(cluster), hover(cluster), hover(cluster), null]),
      marker: {size: coarse.flatMap(() => [0, 12, 0, 0]), symbol: "diamond",
               color: coarse.flatMap((cluster) => Array(4).fill(QUAD_COLOURS[cluster.quad]))},
    };
    // A turn is marked in the middle of its quarter, on the zero line.
    const marks = {type: "scatter", mode: "markers", name: "turn (by quarter)", hoverinfo: "text",
                   x: turns.map((turn) => quarterMiddle(turn.period)), y: turns.map(() => 0),
                   hovertext: turns.map((turn) => `${turn.period}: turns ${turn.direction}`),
                   marker: {symbol: "x", size: 14, color: RED}};
    plot.hidden = false;
    await Plotly.react(plot, [...bars, points, spans, marks], {
      height: 360, margin: {l: 50, r: 20, t: 20, b: 40}, barmode: "overlay", xaxis: {type: "date"},
      yaxis: {title: {text: "Goldstein score"}, zeroline: true}, legend: {orientation: "h"},
    }, PLOT_CONFIG);
  } else {
    // no dated happening: no chart at all, rather than an empty one on a made-up axis
    Plotly.purge(plot);
    plot.hidden = true;
  }
  const undated = clusters.length - dated.length;
  $("timeline-count").textContent = `${plural(clusters.length, "happening")} between ${a} and ${b} pass the filters`
    + (undated ? ` (${undated} undated, listed last)` : "")
    + coarserLeftOut(coarser.reduce((sum, row) => sum + row.events, 0), "quarter")
    + (dated.length ? "." : "; none is dated, so there is no chart.");
  $("timeline-list").replaceChildren(...clusters.map(clusterItem));
  offer(`timeline-${a}-${b}`, clusters);
}

// Happenings known only to their year fit no month or quarter: the periods leave them out, and say so.
function coarserLeftOut(count, by) {
  return count && by && by !== "year"
    ? `; ${plural(count, "happening")} known only to the year ${count === 1 ? "is" : "are"} in no ${by}` : "";
}

// "2024-Q2" -> "2024-05-15", the middle of the quarter.
function quarterMiddle(label) {
  const [year, quarter] = label.split("-Q").map(Number);
  return `${year}-${String(quarter * 3 - 1).padStart(2, "0")}-15`;
}

// The period a date told at its precision stands for: "2024" a year, "2024-03" a month, "2024-W05" a
// week, "2024-03-05" a day; `coarse` for anything vaguer than a day.
function period(text) {
  const iso = (date) => date.toISOString().slice(0, 10);
  let start, end;
  if (/^\d{4}$/.test(text)) {
    start = new Date(Date.UTC(+text, 0, 1)); end = new Date(Date.UTC(+text, 11, 31));
  } else if (/^\d{4}-\d{2}$/.test(text)) {
    const [year, month] = text.split("-").map(Number);
    start = new Date(Date.UTC(year, month - 1, 1)); end = new Date(Date.UTC(year, month, 0));
  } else if (/^\d{4}-W\d{2}$/.test(text)) {
    const [year, week] = [+text.slice(0, 4), +text.slice(6)];
    const jan4 = new Date(Date.UTC(year, 0, 4));
    start = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (week - 1) * 7 * 86400000);
    end = new Date(start.getTime() + 6 * 86400000);
  } else {
    return {start: text, end: text, mid: text, coarse: false};
  }
  const mid = new Date(start.getTime() + Math.floor((end - start) / 86400000 / 2) * 86400000);
  return {start: iso(start), end: iso(end), mid: iso(mid), coarse: true};
}

function clusterItem(cluster) {
  const span = cluster.first_date && cluster.last_date !== cluster.first_date
    ? `${cluster.first_date} – ${cluster.last_date}` : cluster.first_date || cluster.date || "undated";
  const sources = [...cluster.docs.map((doc) => documentLink(doc)), ...cluster.urls.map(outsideLink)];
  return el("li", {class: `cluster quad-${cluster.quad}${cluster.negated ? " negated" : ""}`},
    el("div", {class: "when"}, span),
    el("div", {class: "what"}, `${cluster.source} → ${cluster.target} · ${cluster.type}`,
       cluster.negated ? el("span", {class: "badge"}, "did not happen") : null,
       el("span", {class: "muted"}, ` · ${plural(cluster.num_mentions, "mention")} in ${plural(cluster.num_articles, "article")}`)),
    el("blockquote", {class: "evidence"}, cluster.evidence),
    el("p", {class: "sources"}, "Sources: ", ...joined(sources)));
}

// ---- recognition board

async function showRecognition(args) {
  if (args[0]) $("recognition-target").value = args[0];
  const current = ticket("recognition");
  const target = $("recognition-target").value;
  // the filters' last day is the board's date unless one is picked here; the actor filter keeps that state's row
  const asOf = $("recognition-as-of").value || state.filters.until;
  const report = await api(`/api/recognition/${encodeURIComponent(target)}`,
                           {as_of: asOf, undated: $("recognition-undated").checked || null});
  if (!current()) return;
  const actor = state.filters.actor;
  if (actor && actor !== report.target) report.statuses = report.statuses.filter((status) => status.actor === actor);
  offer(`recognition-${report.target}`, report.statuses);
  const left = report.undated_left_out;
  $("recognition-caption").textContent = !report.as_of ? "All claims, dated or not."
    : $("recognition-undated").checked
      ? `As of ${report.as_of}: claims dated on or before it (a month or year once over), and undated claims.`
      : `As of ${report.as_of}: only claims dated on or before it (a month or year once over) count`
      + (left ? `; ${plural(left, "undated claim")} left out (tick the box to count them).` : ".");
  $("recognition-board").tBodies[0].replaceChildren(...(report.statuses.length
    ? report.statuses.map(statusRow)
    : [el("tr", {}, el("td", {colspan: 4}, `No claims about recognising ${report.target}.`))]));
  await showRecognitionHistory(target, current);
}

function statusRow(status) {
  const reached = status.level ? status.reached : "";
  const refuses = status.refuses.length ? `refuses ${status.refuses.join(", ")}` : "";
  const claims = status.claims.map((claim) => el("li", {class: `claim role-${claim.role}`},
    el("span", {class: claim.refuses ? "conflict" : "cooperation"},
       `${claim.date} · ${claim.refuses ? "refuses" : "grants"} ${claim.level} · `),
    documentLink(claim.doc), claim.outlet ? ` (${claim.outlet})` : "", " ", el("q", {}, claim.quote),
    claim.role === "decides" ? null : el("span", {class: "muted role"},
      ` — ${claim.role}${claim.by ? ` by ${claim.by.doc} (${claim.by.date})` : ""}${claim.reason ? `: ${claim.reason}` : ""}`)));
  return el("tr", {"data-actor": status.actor},
    el("td", {class: "actor"}, status.actor),
    el("td", {}, el("span", {class: `status status-${status.status.replace(" ", "-")}`}, status.status)),
    el("td", {}, reached, refuses ? el("div", {class: "muted"}, refuses) : null),
    el("td", {}, el("ul", {class: "claims"}, ...claims)));
}

// The years run from the first to the last that holds a dated claim: no empty columns before them.
async function showRecognitionHistory(target, current) {
  const history = await api(`/api/recognition/${encodeURIComponent(target)}/history`);
  if (!current()) return;
  const table = $("recognition-history");
  const cell = (status) => el("td", {}, el("span", {class: `status status-${status.replace(" ", "-")}`}, status));
  table.tHead.replaceChildren(el("tr", {}, el("th", {}, "state"), ...history.years.map((year) => el("th", {}, String(year))),
    el("th", {}, "all claims")));
  table.tBodies[0].replaceChildren(...history.statuses.map((row) => el("tr", {}, el("td", {class: "actor"}, row.actor),
    ...history.years.map((year) => cell(row.by_year[String(year)])), cell(row.all_claims))));
}

// ---- bloc panel

function evidenceText(evidence) {
  const outlets = evidence.outlets ? `from ${plural(evidence.outlets, "outlet")}` : "outlets not recorded";
  return `${plural(evidence.happenings, "happening")} in ${plural(evidence.articles, "article")}, ${outlets}`;
}

async function showBloc() {
  const current = ticket("bloc");
  const members = [...document.querySelectorAll("#bloc-members input:checked")].map((box) => box.value);
  for (const id of ["bloc-frictions", "bloc-adversaries", "bloc-turns"]) $(id).replaceChildren();
  $("bloc-pairs").tBodies[0].replaceChildren();
  $("bloc-periods").tBodies[0].replaceChildren();
  if (members.length < 2) {
    $("bloc-cohesion").textContent = "";
    $("bloc-verdict").textContent = "Tick two or more actors.";
    Plotly.purge("bloc-plot");
    Plotly.purge("bloc-series");
    return;
  }
  // the filters' dates bound the bloc unless a start is typed here; the actor filter keeps that actor's pairs
  const result = await api("/api/bloc", {members: members.join(","), since: $("bloc-since").value.trim()
                                         || state.filters.since, until: state.filters.until, by: $("bloc-by").value});
  if (!current()) return;
  const actor = state.filters.actor;
  if (actor) result.pairs = result.pairs.filter((pair) => pair.a === actor || pair.b === actor);
  offer("bloc", result.pairs);
  $("bloc-cohesion").textContent = `Cohesion ${signed(result.cohesion, 2)} (−1 all conflict, +1 all cooperation; `
    + `${evidenceText(result.evidence.inside)})`
    + (result.undated_left_out ? `; ${plural(result.undated_left_out, "undated happening")} left out by the dates` : "")
    + coarserLeftOut(result.coarser_left_out, result.by);
  $("bloc-verdict").textContent = result.verdict;
  $("bloc-frictions").replaceChildren(...(result.frictions.length ? result.frictions.map((friction) =>
    el("li", {}, `${friction.a}–${friction.b}: ${plural(friction.events, "conflictual happening")}`,
       el("span", {class: "muted"}, ` (${evidenceText(friction.evidence)})`)))
    : [el("li", {class: "muted"}, "none with enough evidence")]));
  $("bloc-adversaries").replaceChildren(...(result.common_adversaries.length ? result.common_adversaries.map((foe) =>
    el("li", {}, `${foe.actor}: ${plural(foe.events, "conflictual act")} by ${Object.keys(foe.members).join(", ")}`,
       el("span", {class: "muted"}, ` (${evidenceText(foe.evidence)})`)))
    : [el("li", {class: "muted"}, "none with enough evidence")]));
  $("bloc-pairs").tBodies[0].replaceChildren(...result.pairs.map((pair) => el("tr", {},
    el("td", {}, `${pair.a}–${pair.b}`), el("td", {}, String(pair.cooperative)), el("td", {}, String(pair.conflictual)),
    el("td", {}, `${pair.evidence.cooperative.articles} / ${pair.evidence.conflictual.articles}`),
    el("td", {class: pair.net < 0 ? "conflict" : "cooperation"}, signed(pair.net)),
    el("td", {}, pair.contexts.binding.join(", ")), el("td", {}, pair.contexts.dividing.join(", ")))));
  const index = new Map(result.members.map((member, position) => [member, position]));
  const grid = result.members.map(() => result.members.map(() => null));
  for (const pair of result.pairs) grid[index.get(pair.a)][index.get(pair.b)] = grid[index.get(pair.b)][index.get(pair.a)] = pair.net;
  Plotly.react("bloc-plot", [{type: "heatmap", z: grid, x: result.members, y: result.members, zmid: 0,
                              colorscale: NET_COLOURS, colorbar: {title: {text: "net"}}}],
               {height: 380, margin: {l: 50, r: 20, t: 20, b: 40}}, PLOT_CONFIG);
  showBlocPeriods(result);
}

// Where a pair's net score changes sign, as the server finds it (`bloc --by`, `relations`), one item each.
function turnItems(turns, pair = (turn) => `${turn.a}–${turn.b}`) {
  if (!turns.length) return [el("li", {class: "muted"}, "no pair's net score changes sign")];
  return turns.map((turn) => el("li", {class: "turn"}, `${pair(turn)} turns ${turn.direction} in ${turn.period} `
    + `(net ${signed(turn.before)} in ${turn.previous}, ${signed(turn.after)} then)`));
}

// Per period: cohesion as a line, each pair's net as bars, and a marker where a pair's net turns.
function showBlocPeriods(result) {
  $("bloc-periods-block").hidden = !result.by;
  if (!result.by) {
    Plotly.purge("bloc-series");
    return;
  }
  const periods = result.periods.map((period) => period.period);
  const active = result.pairs.filter((pair) => pair.cooperative + pair.conflictual > 0);
  const traces = active.map((pair) => ({type: "bar", name: `${pair.a}–${pair.b}`, x: periods, yaxis: "y2",
    y: result.periods.map((period) => period.pairs.find((found) => found.a === pair.a && found.b === pair.b).net)}));
  traces.push({type: "scatter", mode: "lines+markers", name: "cohesion", x: periods,
               y: result.periods.map((period) => period.cohesion), line: {color: "#333"}});
  if (result.turns.length) {
    traces.push({type: "scatter", mode: "markers", name: "turn", x: result.turns.map((turn) => turn.period),
                 y: result.turns.map(() => 0), marker: {symbol: "x", size: 12, color: RED},
                 text: result.turns.map((turn) => `${turn.a}–${turn.b} ${turn.direction}`), hoverinfo: "text+x"});
  }
  Plotly.react("bloc-series", traces, {height: 360, margin: {l: 50, r: 60, t: 20, b: 40}, barmode: "group",
    legend: {orientation: "h", y: -0.15},
    yaxis: {title: {text: "cohesion"}, range: [-1.05, 1.05]},
    yaxis2: {title: {text: "net (weighted)"}, overlaying: "y", side: "right"}}, PLOT_CONFIG);
  $("bloc-turns").replaceChildren(...turnItems(result.turns));
  $("bloc-periods").tBodies[0].replaceChildren(...result.periods.map((period) => el("tr", {},
    el("td", {}, period.period), el("td", {}, signed(period.cohesion, 2)),
    el("td", {}, evidenceText(period.evidence.inside)),
    el("td", {}, period.frictions.map((friction) => `${friction.a}–${friction.b}`).join(", ")),
    el("td", {}, period.common_adversaries.map((foe) => foe.actor).join(", ")))));
}

// ---- documents

// With filters on, the list keeps the documents reporting a happening that passes them.
async function showDocuments(args) {
  if (state.documents === null) state.documents = await allPages("/api/documents");
  let docs = state.documents;
  if (filtersActive()) {
    const reporting = new Set(filtered().flatMap((cluster) => cluster.docs));
    docs = docs.filter((doc) => reporting.has(doc.id));
  }
  $("document-count").textContent = filtersActive()
    ? `${docs.length} of ${plural(state.documents.length, "document")} report happenings that pass the filters.` : "";
  $("document-list").replaceChildren(...docs.map((doc) => el("li", {},
    documentLink(doc.id, doc.title || doc.id),
    el("div", {class: "muted"}, [doc.date, doc.outlet, plural(doc.events, "event")].filter(Boolean).join(" · ")))));
  offer("documents", docs);
  if (args[0]) {
    await showDocument(args[0]);
    // on a phone the document is below the list: bring it into sight
    if (PHONE.matches) $("document").scrollIntoView({block: "start"});
  }
}

// Every item of a paged listing, page by page.
async function allPages(path) {
  const items = [];
  for (let total = Infinity; items.length < total;) {
    const page = await api(path, {limit: PAGE, offset: items.length});
    items.push(...page.items);
    total = page.items.length ? page.total : items.length;
  }
  return items;
}

async function showDocument(id) {
  const current = ticket("documents");
  const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
  if (!current()) return;
  $("document-title").textContent = doc.title || doc.id;
  $("document-meta").replaceChildren(...joined([doc.id, doc.date, doc.outlet, doc.url && outsideLink(doc.url)]
    .filter(Boolean), " · "));
  const describe = (event) => `${event.source} → ${event.target} ${event.type}${event.negated ? " (did not happen)" : ""}`
    + `${event.date ? `, ${event.date}` : ""}`;
  // One mark per sentence that holds events, placed by the sentence's character offsets in the clean text;
  // sentences never overlap, so neither do the marks.
  const sentences = new Map();
  for (const event of doc.events.filter((found) => found.sentence_start !== null && found.sentence_end !== null)) {
    const start = event.sentence_start;
    if (!sentences.has(start)) sentences.set(start, {start, end: event.sentence_end, events: []});
    sentences.get(start).events.push(event);
  }
  const text = $("document-text");
  text.replaceChildren();
  let done = 0;
  for (const sentence of [...sentences.values()].sort((x, y) => x.start - y.start)) {
    if (sentence.start < done) continue;
    text.append(doc.text.slice(done, sentence.start), el("mark", {id: `sentence-${sentence.start}`,
      title: sentence.events.map(describe).join("\n")}, doc.text.slice(sentence.start, sentence.end)));
    done = sentence.end;
  }
  text.append(doc.text.slice(done));
  $("document-events").replaceChildren(...(doc.events.length ? doc.events.map((event) => el("li", {},
    event.sentence_start === null ? describe(event) : el("button", {type: "button", class: "link", onclick: () => {
      const mark = $(`sentence-${event.sentence_start}`);
      mark.scrollIntoView({block: "center"});
      mark.classList.add("flash");
      setTimeout(() => mark.classList.remove("flash"), 1200);
    }}, describe(event))))
    : [el("li", {class: "muted"}, "No events were coded in this document.")]));
}

// ---- start-up: the overview, the codebook, the actors and every happening, then the view in the address

async function init() {
  const overview = await api("/api/overview");
  $("corpus-summary").textContent = `${plural(overview.documents, "document")} · ${plural(overview.events, "event")} · `
    + `${plural(overview.clusters, "happening")}`
    + (overview.clusters_stale ? " · an ingest is writing: happenings as of its last clustering" : "");
  if (!overview.documents) {
    showEmpty();
    return;
  }
  const [codebook, clusters] = await Promise.all([api("/api/codebook"), allPages("/api/events")]);
  state.clusters = clusters;
  state.actors = overview.actors.map((actor) => actor.id);
  setupFilters(overview, codebook);
  // the actors' names load the gazetteer on the server's first call: the page does not wait for them
  api("/api/actors").then(nameActors).catch((error) => showError(error));
  fillSelect($("timeline-a"), state.actors, state.actors[0]);
  fillSelect($("timeline-b"), state.actors, state.actors[1]);
  fillSelect($("recognition-target"), state.actors, "AFG");
  const blocDefault = DEFAULT_BLOC.filter((actor) => state.actors.includes(actor));
  const ticked = blocDefault.length >= 2 ? blocDefault : state.actors.slice(0, 3);
  $("bloc-members").append(...state.actors.map((actor) => el("label", {},
    el("input", {type: "checkbox", value: actor, checked: ticked.includes(actor)}), actor)));
  const goTimeline = () => go("timeline", $("timeline-a").value, $("timeline-b").value);
  $("timeline-a").addEventListener("change", goTimeline);
  $("timeline-b").addEventListener("change", goTimeline);
  $("recognition-target").addEventListener("change", () => go("recognition", $("recognition-target").value));
  const failIn = (view) => (error) => showError(error, view);
  for (const id of ["recognition-as-of", "recognition-undated"]) {
    $(id).addEventListener("change", () => showRecognition([]).catch(failIn("recognition")));
  }
  $("recognition-now").addEventListener("click", () => {
    $("recognition-as-of").value = "";
    showRecognition([]).catch(failIn("recognition"));
  });
  for (const id of ["bloc-members", "bloc-since", "bloc-by"]) {
    $(id).addEventListener("change", () => showBloc().catch(failIn("bloc")));
  }
  window.addEventListener("hashchange", route);
  // the network's layout depends on the width class (labels on a phone): redraw when it changes
  PHONE.addEventListener("change", () => state.view === "network" && route());
  state.ready = true;
  route();
}

function start() {
  init().catch((error) => showError(error));
}

document.addEventListener("DOMContentLoaded", start);
