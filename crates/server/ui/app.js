// app.js — entry point: hash routing between the map page (#/), the event
// page (#/event/ID) and the extract page (#/extract); wires the filters,
// the map, the timeline brush and the event list together.
//
// Data flow on the map page: one `format=points` request (up to 10 000
// events as columns, filtered by type/actor/country/q on the server) feeds
// the map and the timeline; the timeline's brush filters the map's markers in the browser
// and the list, which is one page of /api/events with since/until.

import * as api from './api.js';
import { EVENT_TYPES, colourOf, countryName, dateRange, el } from './types.js';
import { fromPathText, buildAdmin1, buildCountries } from './topo.js';
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
  pendingRange: null, // a brushed range from the URL, applied once the events are in
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
  let pts;
  try {
    pts = await api.eventsPoints(state.filters);
  } catch (e) {
    $('load-status').textContent = `Failed: ${e.message}`;
    return;
  }
  if (seq !== state.loadSeq) return;
  if (state.firstDraw) performance.mark('sitrep-events-fetched');
  const shown = pts.id.length;
  const points = new Array(shown);
  const contradicted = new Set();
  // Text columns are positions in `strings` (docs/API.md).
  const str = pts.strings;
  const text = (at) => (at === null || at === undefined ? null : str[at]);
  for (let i = 0; i < shown; i++) {
    const start = text(pts.date_start[i]);
    const loc = text(pts.location[i]);
    const actor = text(pts.actor1[i]);
    points[i] = {
      id: pts.id[i],
      lon: pts.lon[i],
      lat: pts.lat[i],
      type: pts.types[pts.type[i]],
      label: loc && actor ? `${loc} — ${actor}` : (loc || actor || ''),
      date: start,
      country: text(pts.country[i]),
      // Undated events (NaN days) fall outside every brushed range.
      d0: start ? toDay(start) : NaN,
      d1: start ? toDay(text(pts.date_end[i]) || start) : NaN,
    };
    if (pts.contradictions[i] > 0) contradicted.add(pts.id[i]);
  }
  state.points = points;
  state.contradicted = contradicted;
  $('load-status').textContent = `${pts.total} events${pts.total > shown ? `, ${shown} on the map` : ''}`;
  // A new set of events clears the brush, unless the URL gave one.
  state.range = state.pendingRange;
  state.pendingRange = null;
  timeline.brush = state.range ? state.range.map(toDay) : null;
  timeline.setDates(state.points.map((p) => p.date));
  updateBrushLabel();
  fillLegend(state.points);
  // The country names come from Intl.DisplayNames, slow to set up: the
  // first time, after the first draw.
  if (!state.firstDraw) fillCountries(state.points);
  map.setPoints(pointsInRange());
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
  writeUrl();
  updateBrushLabel();
  map.setPoints(pointsInRange());
  loadList();
}

// ---------- the map page's state in its URL ----------
// #/?type=…&actor=…&country=…&q=…&since=…&until=… (a link to a filtered
// map). Filters and the brush write it; opening such a link, or changing
// the address, reads it.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The hash of the map page with the current filters and brushed dates. */
function mapHash() {
  const params = { ...state.filters };
  if (state.range) [params.since, params.until] = state.range;
  return `#/${api.query(params)}`;
}

/** Puts the current filters in the address (no new history entry). */
function writeUrl() {
  const hash = mapHash();
  $('nav-map').setAttribute('href', hash);
  const onMap = !location.hash.startsWith('#/event/') && !location.hash.startsWith('#/extract');
  if (onMap && location.hash !== hash) history.replaceState(null, '', hash);
}

/**
 * Reads filters and dates from the address into the form and the state
 * (the dates wait in `pendingRange` for `loadEvents` or `applyRange`);
 * tells which of the two differ from what is shown.
 */
function readUrl() {
  const hash = location.hash || '#/';
  const at = hash.indexOf('?');
  const params = new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
  const before = JSON.stringify(state.filters);
  $('f-type').value = params.get('type') || '';
  $('f-actor').value = params.get('actor') || '';
  $('f-country').value = params.get('country') || '';
  $('f-q').value = params.get('q') || '';
  readFilters();
  const since = params.get('since');
  const until = params.get('until');
  const range = since && until && ISO_DATE.test(since) && ISO_DATE.test(until) && since <= until
    ? [since, until] : null;
  state.pendingRange = range;
  return {
    filters: before !== JSON.stringify(state.filters),
    range: JSON.stringify(range) !== JSON.stringify(state.range),
  };
}

/** Brushes the timeline to `pendingRange` over the events already loaded. */
function applyRange() {
  state.range = state.pendingRange;
  state.pendingRange = null;
  timeline.brush = state.range ? state.range.map(toDay) : null;
  timeline.draw();
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
    loadDetail: () => api.basemapDetail().then(buildCountries),
  });
  timeline = new Timeline($('timeline'), onBrush);
  $('zoom-in').addEventListener('click', () => map.zoomAt(1.6));
  $('zoom-out').addEventListener('click', () => map.zoomAt(1 / 1.6));
  $('zoom-fit').addEventListener('click', () => map.fit(pointsInRange()));
  $('brush-clear').addEventListener('click', () => timeline.clear());
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    readFilters();
    state.range = null; // new events, new brush
    writeUrl();
    loadEvents();
  });
  $('f-reset').addEventListener('click', () => {
    $('filters').reset();
    readFilters();
    state.range = null;
    writeUrl();
    loadEvents();
  });
  // The first draw with both the basemap and the events marks the time
  // the page took to become useful (read by the browser tests).
  map.onDrawn = null;
  performance.mark('sitrep-start');
  if (!location.hash.startsWith('#/event/') && !location.hash.startsWith('#/extract')) readUrl();
  const base = api.basemap().then((paths) => {
    performance.mark('sitrep-basemap-fetched');
    map.setBasemap(fromPathText(paths));
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
      fillCountries(state.points);
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

function route(initial = false) {
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
    // An address with other filters or dates (a pasted link, the history).
    if (!initial) {
      const changed = readUrl();
      if (changed.filters) loadEvents();
      else if (changed.range) applyRange();
      else state.pendingRange = null;
    }
    $('nav-map').setAttribute('href', mapHash());
  } else {
    document.title = 'sitrep — extract an article';
  }
}

initMapPage();
initExtract();
window.addEventListener('hashchange', () => route());
route(true);
