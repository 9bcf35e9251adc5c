// api.js — the few calls the UI makes to the sitrep HTTP API (docs/API.md).
// Every function returns parsed JSON or throws an Error carrying the API's
// error message.

async function getJson(url, init) {
  const res = await fetch(url, init);
  let body = null;
  try {
    body = await res.json();
  } catch (_) {
    body = null;
  }
  if (!res.ok) {
    const msg = body && body.error && body.error.message ? body.error.message : res.statusText;
    throw new Error(`${res.status}: ${msg}`);
  }
  return body;
}

/** Builds a query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The events matching `filters` as GeoJSON (one request, up to 10 000). */
export function eventsGeo(filters, limit = 10000) {
  return getJson(`/api/events${query({ ...filters, format: 'geojson', limit })}`);
}

/** The located events matching `filters` as columns (`format=points`, one
 * request, up to 10 000): what the map and the timeline draw. */
export function eventsPoints(filters, limit = 10000) {
  return getJson(`/api/events${query({ ...filters, format: 'points', limit })}`);
}

/** One page of events as plain JSON. */
export function events(filters, limit = 100, offset = 0) {
  return getJson(`/api/events${query({ ...filters, limit, offset })}`);
}

export const event = (id) => getJson(`/api/events/${encodeURIComponent(id)}`);
export const article = (id) => getJson(`/api/articles/${encodeURIComponent(id)}`);
export const stats = () => getJson('/api/stats');

/** Sends an article's text to /api/extract and returns its report. */
export function extract(text, published) {
  const body = JSON.stringify(published ? { text, published } : { text });
  return getJson('/api/extract', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

/** The basemap shipped with the UI: the countries as simplified SVG path
 * text (basemap-paths.json, made from basemap.json) and in full as
 * TopoJSON, the subdivisions as TopoJSON. */
export const basemap = () => getJson('/basemap-paths.json');
export const basemapDetail = () => getJson('/basemap.json');
export const admin1 = () => getJson('/admin1.json');
