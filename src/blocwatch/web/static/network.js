"use strict";
// The actor network (drawn from the filtered happenings, laid out so that nodes spread apart) and the page
// of one actor, which a click on its node opens; a click on an edge opens the pair's timeline.

const NETWORK_HEIGHT = {desktop: 520, phone: 380};
const PHONE = window.matchMedia("(max-width: 800px)");
const PHONE_LABELS = 10; // on a phone only the most active actors are named; the rest show on touch

// Both directions of a pair make one line: its colour is their summed score, its width their volume.
// Negated happenings (denials, refusals) are left out, as in the API's graph.
function pairsOf(clusters) {
  const pairs = new Map();
  for (const cluster of clusters.filter((found) => !found.negated && found.source !== found.target)) {
    const [a, b] = [cluster.source, cluster.target].sort();
    const pair = pairs.get(`${a}|${b}`) || {a, b, events: 0, cooperative: 0, conflictual: 0, net: 0};
    pair.events += 1;
    pair.cooperative += cluster.quad <= 2 ? 1 : 0;
    pair.conflictual += cluster.quad >= 3 ? 1 : 0;
    pair.net += cluster.goldstein;
    pairs.set(`${a}|${b}`, pair);
  }
  return [...pairs.values()].sort((x, y) => y.events - x.events || `${x.a}${x.b}`.localeCompare(`${y.a}${y.b}`));
}

// A force-directed layout (Fruchterman and Reingold): linked actors attract, all repel, so labels spread
// instead of piling on one circle. It starts from a circle in a fixed order, so the same data always gives
// the same picture.
function spread(ids, pairs) {
  const count = ids.length;
  const at = ids.map((id, index) => {
    const angle = (2 * Math.PI * index) / Math.max(count, 1);
    return [Math.cos(angle), Math.sin(angle)];
  });
  const index = new Map(ids.map((id, position) => [id, position]));
  const k = Math.sqrt(4 / Math.max(count, 1));
  const rounds = 300;
  for (let round = 0; round < rounds; round += 1) {
    const move = at.map(() => [0, 0]);
    for (let i = 0; i < count; i += 1) {
      for (let j = i + 1; j < count; j += 1) {
        const dx = at[i][0] - at[j][0];
        const dy = at[i][1] - at[j][1];
        const distance = Math.max(Math.hypot(dx, dy), 0.01);
        const push = (k * k) / distance / distance;
        move[i][0] += dx * push; move[i][1] += dy * push;
        move[j][0] -= dx * push; move[j][1] -= dy * push;
      }
    }
    for (const pair of pairs) {
      const [i, j] = [index.get(pair.a), index.get(pair.b)];
      const dx = at[i][0] - at[j][0];
      const dy = at[i][1] - at[j][1];
      const pull = Math.hypot(dx, dy) / k;
      move[i][0] -= dx * pull; move[i][1] -= dy * pull;
      move[j][0] += dx * pull; move[j][1] += dy * pull;
    }
    const step = 0.1 * (1 - round / rounds);
    at.forEach((point, i) => {
      const [mx, my] = move[i];
      const length = Math.max(Math.hypot(mx, my), 1e-9);
      // the frame keeps actors without partners from drifting off and squeezing the rest into a corner
      point[0] = Math.max(-1, Math.min(1, point[0] + (mx / length) * Math.min(length, step)));
      point[1] = Math.max(-1, Math.min(1, point[1] + (my / length) * Math.min(length, step)));
    });
  }
  return new Map(ids.map((id, position) => [id, at[position]]));
}

async function showNetwork() {
  const clusters = filtered();
  const pairs = pairsOf(clusters);
  const events = new Map();
  for (const cluster of clusters) {
    for (const actor of new Set([cluster.source, cluster.target])) events.set(actor, (events.get(actor) || 0) + 1);
  }
  const nodes = [...events.entries()].map(([id, count]) => ({id, events: count}))
    .sort((x, y) => y.events - x.events || x.id.localeCompare(y.id));
  const at = spread(nodes.map((node) => node.id), pairs);
  const phone = PHONE.matches;
  const named = new Set(nodes.slice(0, phone ? PHONE_LABELS : nodes.length).map((node) => node.id));
  const colour = (pair) => (pair.net > 0 ? GREEN : pair.net < 0 ? RED : GREY);
  const describe = (pair) => `${pair.a}–${pair.b}: ${plural(pair.events, "happening")}, net ${signed(pair.net)}`;
  const lines = pairs.map((pair) => ({
    type: "scatter", mode: "lines", hoverinfo: "skip", showlegend: false,
    x: [at.get(pair.a)[0], at.get(pair.b)[0]], y: [at.get(pair.a)[1], at.get(pair.b)[1]],
    line: {color: colour(pair), width: 1 + 2 * Math.sqrt(pair.events)},
  }));
  // Plotly shows hover text and takes clicks on points, not along lines: an invisible point mid-edge does.
  const middles = {
    type: "scatter", mode: "markers", hoverinfo: "text", showlegend: false, marker: {size: 16, opacity: 0},
    x: pairs.map((pair) => (at.get(pair.a)[0] + at.get(pair.b)[0]) / 2),
    y: pairs.map((pair) => (at.get(pair.a)[1] + at.get(pair.b)[1]) / 2),
    hovertext: pairs.map(describe), customdata: pairs.map((pair) => ["pair", pair.a, pair.b]),
  };
  const actors = {
    type: "scatter", mode: "markers+text", hoverinfo: "text", showlegend: false, textposition: "top center",
    x: nodes.map((node) => at.get(node.id)[0]), y: nodes.map((node) => at.get(node.id)[1]),
    text: nodes.map((node) => (named.has(node.id) ? node.id : "")),
    hovertext: nodes.map((node) => `${node.id}: ${plural(node.events, "happening")}`),
    customdata: nodes.map((node) => ["actor", node.id]),
    marker: {size: nodes.map((node) => 8 + 3 * Math.sqrt(node.events)), color: "#3b6ea5"},
  };
  const plot = $("network-plot");
  await Plotly.react(plot, [...lines, middles, actors], {
    height: phone ? NETWORK_HEIGHT.phone : NETWORK_HEIGHT.desktop, margin: {l: 10, r: 10, t: 10, b: 10},
    hovermode: "closest", xaxis: {visible: false}, yaxis: {visible: false, scaleanchor: "x"},
  }, PLOT_CONFIG);
  if (!plot.dataset.clicks) {
    plot.dataset.clicks = "on";
    plot.on("plotly_click", (event) => {
      const [kind, a, b] = event.points[0].customdata || [];
      if (kind === "actor") go("actor", a);
      if (kind === "pair") go("timeline", a, b);
    });
  }
  const rows = pairs.map((pair) => ({...pair, net: Number(pair.net.toFixed(2))}));
  offer("network", rows);
  $("network-edges").tBodies[0].replaceChildren(...(pairs.length ? pairs.map((pair) => el("tr", {},
    el("td", {}, el("a", {href: `#timeline/${pair.a}/${pair.b}`}, `${pair.a}–${pair.b}`)), el("td", {}, String(pair.events)),
    el("td", {}, String(pair.cooperative)), el("td", {}, String(pair.conflictual)),
    el("td", {class: pair.net < 0 ? "conflict" : "cooperation"}, signed(pair.net)),
  )) : [el("tr", {}, el("td", {colspan: 5}, "No happenings pass the filters."))]));
}

// ---- one actor: its names, its partners and its happenings

async function showActor(args) {
  const code = (args[0] || state.filters.actor || state.actors[0] || "").toUpperCase();
  const current = ticket("actor");
  const found = await api("/api/actors", {q: code});
  if (!current()) return;
  const entry = found.actors.find((actor) => actor.code === code);
  $("actor-title").textContent = entry && entry.name ? `${code} · ${entry.name}` : code;
  $("actor-names").textContent = entry ? `${plural(entry.happenings, "happening")} in the database`
    + (entry.first_day ? `, ${entry.first_day} to ${entry.last_day}` : "") : "Not in the database.";
  const clusters = filtered().filter((cluster) => cluster.source === code || cluster.target === code);
  const partners = pairsOf(clusters).map((pair) => ({partner: pair.a === code ? pair.b : pair.a, ...pair}));
  $("actor-partners").tBodies[0].replaceChildren(...(partners.length ? partners.map((pair) => el("tr", {},
    el("td", {class: "actor"}, el("a", {href: `#actor/${pair.partner}`}, pair.partner)), el("td", {}, String(pair.events)),
    el("td", {class: pair.net < 0 ? "conflict" : "cooperation"}, signed(pair.net)),
    el("td", {}, el("a", {href: `#timeline/${code}/${pair.partner}`}, "timeline")))) :
    [el("tr", {}, el("td", {colspan: 4}, "No partners in the happenings that pass the filters."))]));
  $("actor-count").textContent = `${plural(clusters.length, "happening")} pass the filters.`;
  $("actor-list").replaceChildren(...clusters.map(clusterItem));
  offer(`actor-${code}`, clusters);
}
