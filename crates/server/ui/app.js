// app.js — entry point: hash routing between the map page (#/), the event
// page (#/event/ID) and the extract page (#/extract); wires the filters,
// the map, the timeline brush and the event list together.
//
// Data flow on the map page: one GeoJSON request (up to 10 000 events,
// filtered by type/actor/country/q on the server) feeds the map and the
// timeline; the timeline's brush filters the map's markers in the browser
// and the list, which is one page of /api/events with since/until.

import * as api from './api.js';
import { EVENT_TYPES, colourOf, countryName, dateRange, el } from './types.js';
import { buildCountries, buildAdmin1 } from './topo.js';
import { EventMap } from './map.js';
import { Timeline, toDay } from './timeline.js';
import { showEvent } from './eventpage.js';
import { initExtract } from './extract.js';

const LIST_LIMIT = 100;

const state = {
  filters: { type: '', actor: '', country: '', q: '' },
  range: null, // [since, until] from the brush
  points: [], // every loaded event with coordinates
  contradicted: new Set(), // ids of loaded events with contradictions (the list JSON leaves them out)
  loadSeq: 0,
  listSeq: 0,
  firstDraw: true,
};

const $ = (id) => document.getElementById(id);
let map;
let timeline;

// ---------- map page ----------

function fillTypeSelect() {
  const sel = $('f-type');
  for (const [name] of EVENT_TYPES) {
    const o = el('option', null, name);
    o.value = name;
    sel.appendChild(o);
  }
}

function fillLegend(points) {
  const counts = new Map();
  for (const p of points) counts.set(p.type, (counts.get(p.type) || 0) + 1);
  const ul = $('legend');
  ul.replaceChildren();
  for (const [name] of EVENT_TYPES) {
    const li = el('li');
    const sw = el('span', 'swatch');
    sw.style.backgroundColor = colourOf(name);
    li.appendChild(sw);
    li.appendChild(document.createTextNode(`${name} (${counts.get(name) || 0})`));
    ul.appendChild(li);
  }
  const li = el('li', 'muted', 'number = events in a cluster');
  ul.appendChild(li);
}

function fillCountries(points) {
  const codes = [...new Set(points.map((p) => p.country).filter(Boolean))].sort();
  const dl = $('country-list');
  dl.replaceChildren();
  for (const cc of codes) {
    const o = el('option', null, countryName(cc));
    o.value = cc;
    dl.appendChild(o);
  }
}

/** Points whose date range touches the brushed range. */
function pointsInRange() {
  if (!state.range) return state.points;
  const lo = toDay(state.range[0]);
  const hi = toDay(state.range[1]);
  return state.points.filter((p) => p.d1 >= lo && p.d0 <= hi);
}

/** Loads the events for the current filters into the map and timeline. */
async function loadEvents() {
  const seq = ++state.loadSeq;
  $('load-status').textContent = 'Loading…';
  let geo;
  try {
    geo = await api.eventsGeo(state.filters);
  } catch (e) {
    $('load-status').textContent = `Failed: ${e.message}`;
    return;
  }
  if (seq !== state.loadSeq) return;
  if (state.firstDraw) performance.mark('sitrep-events-fetched');
  state.points = geo.features.map((f) => {
    const p = f.properties;
    return {
      id: p.id,
      lon: f.geometry.coordinates[0],
      lat: f.geometry.coordinates[1],
      type: p.event_type,
      label: [p.location, p.actor1].filter(Boolean).join(' — '),
      date: p.date_start,
      country: p.country,
      // Undated events (NaN days) fall outside every brushed range.
      d0: p.date_start ? toDay(p.date_start) : NaN,
      d1: p.date_start ? toDay(p.date_end || p.date_start) : NaN,
    };
  });
  state.contradicted = new Set(geo.features.filter((f) => f.properties.contradictions > 0).map((f) => f.properties.id));
  const shown = geo.features.length;
  $('load-status').textContent = `${geo.total} events${geo.total > shown ? `, ${shown} on the map` : ''}`;
  state.range = null;
  timeline.brush = null;
  timeline.setDates(state.points.map((p) => p.date));
  updateBrushLabel();
  fillLegend(state.points);
  fillCountries(state.points);
  map.setPoints(state.points);
  if (state.firstDraw) map.fit(state.points);
  loadList();
}

/** Loads the list: one page of events for the filters and brushed dates. */
async function loadList() {
  const seq = ++state.listSeq;
  const params = { ...state.filters };
  if (state.range) [params.since, params.until] = state.range;
  const list = $('event-list');
  list.setAttribute('aria-busy', 'true');
  let page;
  try {
    page = await api.events(params, LIST_LIMIT);
  } catch (e) {
    list.replaceChildren(el('li', 'error', `Failed: ${e.message}`));
    return;
  }
  if (seq !== state.listSeq) return;
  list.replaceChildren();
  for (const ev of page.events) list.appendChild(listItem(ev));
  list.dataset.count = String(page.events.length);
  list.dataset.total = String(page.total);
  list.removeAttribute('aria-busy');
  $('list-title').textContent = page.total > page.events.length
    ? `Events (first ${page.events.length} of ${page.total})` : `Events (${page.total})`;
}

function listItem(ev) {
  const li = el('li', 'event-item');
  const a = el('a');
  a.href = `#/event/${encodeURIComponent(ev.id)}`;
  a.dataset.id = ev.id;
  const sw = el('span', 'swatch');
  sw.style.backgroundColor = colourOf(ev.event_type);
  a.appendChild(sw);
  a.appendChild(el('span', 'date', dateRange(ev.date_start, ev.date_end)));
  a.appendChild(el('span', 'what', ev.sub_event_type || ev.event_type));
  a.appendChild(el('span', 'where', [ev.location, ev.country].filter(Boolean).join(', ')));
  if (ev.actor1) a.appendChild(el('span', 'who', ev.actor1));
  if ((ev.contradictions && ev.contradictions.length) || state.contradicted.has(ev.id)) a.appendChild(el('span', 'flag', '⚠ contradiction'));
  if (ev.sources > 1) a.appendChild(el('span', 'sources', `${ev.sources} sources`));
  li.appendChild(a);
  return li;
}

function updateBrushLabel() {
  $('brush-label').textContent = state.range ? `${state.range[0]} to ${state.range[1]}` : 'All dates (drag on the timeline to select)';
}

function onBrush(range) {
  state.range = range;
  updateBrushLabel();
  map.setPoints(pointsInRange());
  loadList();
}

function readFilters() {
  const f = state.filters;
  f.type = $('f-type').value;
  f.actor = $('f-actor').value.trim();
  f.country = $('f-country').value.trim().toUpperCase();
  f.q = $('f-q').value.trim();
}

function initMapPage() {
  fillTypeSelect();
  map = new EventMap($('map'), {
    tooltip: $('tooltip'),
    onOpen: (id) => { location.hash = `#/event/${encodeURIComponent(id)}`; },
    loadAdmin1: () => api.admin1().then(buildAdmin1),
  });
  timeline = new Timeline($('timeline'), onBrush);
  $('zoom-in').addEventListener('click', () => map.zoomAt(1.6));
  $('zoom-out').addEventListener('click', () => map.zoomAt(1 / 1.6));
  $('zoom-fit').addEventListener('click', () => map.fit(pointsInRange()));
  $('brush-clear').addEventListener('click', () => timeline.clear());
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    readFilters();
    loadEvents();
  });
  $('f-reset').addEventListener('click', () => {
    $('filters').reset();
    readFilters();
    loadEvents();
  });
  // The first draw with both the basemap and the events marks the time
  // the page took to become useful (read by the browser tests).
  map.onDrawn = null;
  performance.mark('sitrep-start');
  const base = api.basemap().then((topo) => {
    performance.mark('sitrep-basemap-fetched');
    map.setBasemap(buildCountries(topo));
    performance.mark('sitrep-basemap-built');
  })
    .catch((e) => { $('load-status').textContent = `Basemap failed: ${e.message}`; });
  const events = loadEvents();
  Promise.all([base, events]).then(() => {
    map.onDrawn = (n) => {
      performance.mark('sitrep-drawn');
      const t = performance.getEntriesByName('sitrep-drawn')[0].startTime;
      document.body.dataset.drawnMs = t.toFixed(1);
      document.body.dataset.eventsDrawn = String(n);
      state.firstDraw = false;
      showStats(); // after the first draw, so as not to slow it
    };
    map.requestDraw();
  });
}

async function showStats() {
  try {
    const s = await api.stats();
    $('stats').textContent = `${s.articles} articles · ${s.fused_events} events · ${s.contradictions} contradictions`;
  } catch (_) {
    $('stats').textContent = '';
  }
}

// ---------- routing ----------

function route() {
  const hash = location.hash || '#/';
  const views = { map: $('view-map'), event: $('view-event'), extract: $('view-extract') };
  let current = 'map';
  if (hash.startsWith('#/event/')) current = 'event';
  else if (hash.startsWith('#/extract')) current = 'extract';
  for (const [name, v] of Object.entries(views)) v.hidden = name !== current;
  $('nav-map').setAttribute('aria-current', current === 'map' ? 'page' : 'false');
  $('nav-extract').setAttribute('aria-current', current === 'extract' ? 'page' : 'false');
  if (current === 'event') {
    showEvent(views.event, decodeURIComponent(hash.slice('#/event/'.length)));
    window.scrollTo(0, 0);
  } else if (current === 'map') {
    document.title = 'sitrep — map';
    map.resize();
    timeline.resize();
  } else {
    document.title = 'sitrep — extract an article';
  }
}

initMapPage();
initExtract();
window.addEventListener('hashchange', route);
route();
