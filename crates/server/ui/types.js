// types.js — ACLED's six event types, their marker colours and helpers.

export const EVENT_TYPES = [
  ['Battles', '#d62728'],
  ['Explosions/Remote violence', '#ff7f0e'],
  ['Violence against civilians', '#7b3294'],
  ['Protests', '#1f77b4'],
  ['Riots', '#e6ab02'],
  ['Strategic developments', '#2ca02c'],
];

const COLOURS = new Map(EVENT_TYPES);

/** Colour for an event type; grey for anything unknown. */
export function colourOf(type) {
  return COLOURS.get(type) || '#777777';
}

/** Name of a country from its ISO alpha-2 code, using the browser's data
 * (Intl.DisplayNames, made on first use: it takes tens of milliseconds). */
let regionNames;
export function countryName(cc) {
  if (!cc) return '';
  if (regionNames === undefined) {
    regionNames = typeof Intl.DisplayNames === 'function'
      ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;
  }
  try {
    return (regionNames && regionNames.of(cc)) || cc;
  } catch (_) {
    return cc;
  }
}

/** Creates an element with optional class and text (never HTML). */
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** A date range as text: one day, "first – last", or "date unknown". */
export function dateRange(start, end) {
  if (!start) return 'date unknown';
  return !end || start === end ? start : `${start} – ${end}`;
}
