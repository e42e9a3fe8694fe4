"use strict";
// The map of located happenings: each place the gazetteer puts on the globe (from /api/locations), sized by
// its happenings that pass the filters, on plotly's geo layer. Its country outlines come from this server
// (/static/world_110m.json, installed by scripts/setup.sh), never from a CDN or a tile server; a server without
// them draws the places on a bare graticule. Capitals in grey give bearings.

const MAP_HEIGHT = {desktop: 520, phone: 360};
const MAP_LABELS = {desktop: 12, phone: 6}; // the busiest places are named; the rest on hover and in the table
const MAP_MARGIN = 4; // degrees around the happenings shown
// plotly.js fetches `${topojsonURL}world_110m.json`, the asset of that name
const MAP_OUTLINES_URL = "/static/";
const MAP_GREY = {line: "#9aa0a6", land: "#f4f1ea", water: "#e8f0f7"};

// Mercator's northing of a latitude and back, in radians of longitude
const mercator = (lat) => Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
const unmercator = (y) => (360 / Math.PI) * Math.atan(Math.exp(y)) - 90;

/** The longitude and latitude ranges that hold `points` with a margin and fill a plot of `width` x `height`
 * pixels: plotly keeps a projection's proportions, so a range narrower than the plot would leave it blank. */
function mapView(points, width, height) {
  const lons = points.map((point) => point.lon);
  const lats = points.map((point) => point.lat);
  let [west, east] = [Math.min(...lons) - MAP_MARGIN, Math.max(...lons) + MAP_MARGIN];
  let [south, north] = [Math.max(Math.min(...lats) - MAP_MARGIN, -80), Math.min(Math.max(...lats) + MAP_MARGIN, 80)];
  const across = (east - west) * Math.PI / 180;
  const up = mercator(north) - mercator(south);
  if (across / up < width / height) {
    const wider = (up * width / height) * 90 / Math.PI; // half the longitude span that fills the width
    [west, east] = [(west + east) / 2 - wider, (west + east) / 2 + wider];
  } else {
    const middle = (mercator(north) + mercator(south)) / 2;
    const taller = across * height / width / 2;
    [south, north] = [unmercator(middle - taller), unmercator(middle + taller)];
  }
  return {lon: [west, east], lat: [south, north]};
}

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
  const height = PHONE.matches ? MAP_HEIGHT.phone : MAP_HEIGHT.desktop;
  const view = mapView(shown.length ? shown : [{lat: 25, lon: 55}, {lat: 45, lon: 80}],
                       $("map-plot").clientWidth || 360, height);
  const labels = PHONE.matches ? MAP_LABELS.phone : MAP_LABELS.desktop;
  const traces = [{
    type: "scattergeo", mode: "markers", name: "places the gazetteer knows", hoverinfo: "text",
    lon: capitals.map((point) => point.lon), lat: capitals.map((point) => point.lat),
    hovertext: capitals.map((point) => point.place), marker: {size: 5, color: "#c0c4c8"},
  }, {
    type: "scattergeo", mode: "markers+text", name: "happenings", textposition: "top center", hoverinfo: "text",
    lon: shown.map((place) => place.lon), lat: shown.map((place) => place.lat), text: shown.map((place, rank) => (rank < labels ? place.place : "")),
    hovertext: shown.map((place) => `${place.place}: ${plural(place.clusters.length, "happening")}`),
    customdata: shown.map((place) => place.place),
    marker: {size: shown.map((place) => 10 + 6 * Math.sqrt(place.clusters.length)), opacity: 0.8,
             color: shown.map((place) => QUAD_COLOURS[quadOf(place)]), line: {color: "#333", width: 1}},
  }];
  const outlines = state.places.outlines;
  await Plotly.react("map-plot", traces, {
    height, margin: {l: 0, r: 0, t: 0, b: 0},
    hovermode: "closest", showlegend: false,
    geo: {
      // Mercator keeps the region's shapes as a reader knows them; the view spans the happenings shown.
      projection: {type: "mercator"}, resolution: 110, showframe: false,
      showcountries: outlines, showcoastlines: outlines, showland: outlines, showocean: outlines,
      showlakes: false, showrivers: false, countrycolor: MAP_GREY.line, coastlinecolor: MAP_GREY.line,
      landcolor: MAP_GREY.land, oceancolor: MAP_GREY.water,
      lonaxis: {range: view.lon, showgrid: !outlines}, lataxis: {range: view.lat, showgrid: !outlines},
    },
  }, {...PLOT_CONFIG, topojsonURL: MAP_OUTLINES_URL});
  if (!current()) return; // the first drawing waits for the outlines: a newer one may have finished meanwhile
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
