"use strict";
// The map of located happenings: each place the gazetteer puts on the globe (from /api/locations), sized by
// its happenings that pass the filters. Longitude and latitude are drawn on plain axes, scaled for the
// latitude shown, so nothing is fetched from a tile server or a CDN; capitals in grey give bearings.

const MAP_HEIGHT = {desktop: 520, phone: 360};
const MAP_LABELS = {desktop: 12, phone: 6}; // the busiest places are named; the rest on hover and in the table
const MAP_MARGIN = 4; // degrees around the happenings shown

async function showMap() {
  const current = ticket("map");
  if (!state.places) state.places = await api("/api/locations");
  if (!current()) return;
  const places = new Map();
  let unlocated = 0;
  const clusters = filtered();
  for (const cluster of clusters.filter((found) => found.location)) {
    const point = state.places.locations[cluster.location];
    if (!point) {
      unlocated += 1;
      continue;
    }
    const place = places.get(point.place) || {...point, clusters: []};
    place.clusters.push(cluster);
    places.set(point.place, place);
  }
  const shown = [...places.values()].sort((x, y) => y.clusters.length - x.clusters.length);
  const capitals = state.places.landmarks;
  const quadOf = (place) => {
    const counts = [1, 2, 3, 4].map((quad) => place.clusters.filter((cluster) => cluster.quad === quad).length);
    return counts.indexOf(Math.max(...counts)) + 1;
  };
  const lats = shown.length ? shown.map((place) => place.lat) : [25, 45];
  const lons = shown.length ? shown.map((place) => place.lon) : [55, 80];
  const middle = (Math.min(...lats) + Math.max(...lats)) / 2;
  const labels = PHONE.matches ? MAP_LABELS.phone : MAP_LABELS.desktop;
  const traces = [{
    type: "scatter", mode: "markers", name: "places the gazetteer knows", hoverinfo: "text",
    x: capitals.map((point) => point.lon), y: capitals.map((point) => point.lat),
    hovertext: capitals.map((point) => point.place), marker: {size: 5, color: "#c0c4c8"},
  }, {
    type: "scatter", mode: "markers+text", name: "happenings", textposition: "top center", hoverinfo: "text",
    x: shown.map((place) => place.lon), y: shown.map((place) => place.lat), text: shown.map((place, rank) => (rank < labels ? place.place : "")),
    hovertext: shown.map((place) => `${place.place}: ${plural(place.clusters.length, "happening")}`),
    customdata: shown.map((place) => place.place),
    marker: {size: shown.map((place) => 10 + 6 * Math.sqrt(place.clusters.length)), opacity: 0.8,
             color: shown.map((place) => QUAD_COLOURS[quadOf(place)]), line: {color: "#333", width: 1}},
  }];
  await Plotly.react("map-plot", traces, {
    height: PHONE.matches ? MAP_HEIGHT.phone : MAP_HEIGHT.desktop, margin: {l: 40, r: 10, t: 10, b: 30},
    hovermode: "closest", showlegend: false,
    xaxis: {title: {text: "longitude"}, zeroline: false,
            range: [Math.min(...lons) - MAP_MARGIN, Math.max(...lons) + MAP_MARGIN]},
    // a degree of longitude is shorter than one of latitude away from the equator
    yaxis: {title: {text: "latitude"}, zeroline: false, scaleanchor: "x", scaleratio: 1 / Math.cos(middle * Math.PI / 180),
            range: [Math.min(...lats) - MAP_MARGIN, Math.max(...lats) + MAP_MARGIN]},
  }, PLOT_CONFIG);
  const located = shown.reduce((total, place) => total + place.clusters.length, 0);
  $("map-count").textContent = `${plural(located, "happening")} at ${plural(shown.length, "place")}; `
    + `${unlocated} more name a place the gazetteer cannot put on the map, `
    + `${clusters.filter((cluster) => !cluster.location).length} name none.`;
  $("map-places").tBodies[0].replaceChildren(...(shown.length ? shown.map((place) => el("tr", {"data-place": place.place},
    el("td", {class: "actor"}, place.place), el("td", {}, String(place.clusters.length)),
    el("td", {}, [...new Set(place.clusters.map((cluster) => cluster.type))].join(", "))))
    : [el("tr", {}, el("td", {colspan: 3}, "No located happenings pass the filters."))]));
  offer("map", shown.flatMap((place) => place.clusters.map((cluster) => ({place: place.place, lat: place.lat,
                                                                         lon: place.lon, ...cluster}))));
}
