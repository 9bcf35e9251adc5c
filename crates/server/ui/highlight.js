// highlight.js — shows an article's text with its report's spans marked.
// Spans in reports are UTF-8 byte offsets; JavaScript strings index UTF-16
// code units, so offsets are converted first. All text goes into the page
// through text nodes only; bidirectional and zero-width control characters
// are shown as visible badges instead of being inserted, so a hostile
// article can neither run script nor reorder what is displayed.

import { el } from './types.js';

/** Highlight kinds, in drawing priority order (later wins the element). */
export const KINDS = [
  ['evidence', 'evidence sentence'],
  ['claim', 'claim'],
  ['date', 'date'],
  ['place', 'place'],
  ['actor', 'actor'],
  ['trigger', 'event trigger'],
];

/**
 * Returns a function mapping a UTF-8 byte offset of `text` to the index of
 * the same position in the JavaScript string (offsets inside a character
 * round down to its start).
 */
export function byteOffsets(text) {
  const total = new TextEncoder().encode(text).length;
  const map = new Int32Array(total + 1);
  let b = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i);
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    const units = cp >= 0x10000 ? 2 : 1;
    for (let k = 0; k < bytes; k++) map[b + k] = i;
    b += bytes;
    i += units;
  }
  map[total] = text.length;
  return (byte) => map[Math.max(0, Math.min(total, byte | 0))];
}

// Characters that change how the text around them is displayed while being
// invisible themselves: bidi embeddings/overrides/isolates and marks,
// zero-width characters and the BOM.
const CONTROL = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Appends `str` as text, turning control characters into visible badges. */
export function appendText(parent, str) {
  let last = 0;
  CONTROL.lastIndex = 0;
  let m;
  while ((m = CONTROL.exec(str)) !== null) {
    if (m.index > last) parent.appendChild(document.createTextNode(str.slice(last, m.index)));
    const code = m[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
    const badge = el('span', 'ctl', `U+${code}`);
    badge.title = 'invisible control character, shown instead of applied';
    badge.dataset.char = code;
    parent.appendChild(badge);
    last = m.index + m[0].length;
  }
  if (last < str.length) parent.appendChild(document.createTextNode(str.slice(last)));
}

/**
 * Renders `text` with `spans` ({start, end, kind, title} in bytes) marked.
 * Overlapping spans are cut into segments, each carrying every kind that
 * covers it as a class `hl-KIND`; trigger segments are <mark> elements.
 */
export function renderHighlighted(text, spans) {
  const toChar = byteOffsets(text);
  const ranges = [];
  for (const s of spans) {
    if (s == null || s.start == null || s.end == null) continue;
    const a = toChar(s.start);
    const b = toChar(s.end);
    if (b > a) ranges.push({ a, b, kind: s.kind, title: s.title || '' });
  }
  const cuts = new Set([0, text.length]);
  for (const r of ranges) {
    cuts.add(r.a);
    cuts.add(r.b);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const root = el('div', 'article-text');
  root.dir = 'auto';
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const covering = ranges.filter((r) => r.a <= a && r.b >= b);
    const piece = text.slice(a, b);
    if (!covering.length) {
      appendText(root, piece);
      continue;
    }
    const kinds = new Set(covering.map((r) => r.kind));
    const node = document.createElement(kinds.has('trigger') ? 'mark' : 'span');
    node.className = [...kinds].map((k) => `hl-${k}`).join(' ');
    node.title = [...new Set(covering.map((r) => r.title).filter(Boolean))].join('\n');
    appendText(node, piece);
    root.appendChild(node);
  }
  return root;
}

/** A legend of the highlight kinds. */
export function legend() {
  const ul = el('ul', 'hl-legend');
  ul.setAttribute('aria-label', 'Highlight legend');
  for (const [kind, label] of [...KINDS].reverse()) {
    const li = el('li');
    const sample = el(kind === 'trigger' ? 'mark' : 'span', `hl-${kind}`, label);
    li.appendChild(sample);
    ul.appendChild(li);
  }
  return ul;
}

const nameOf = (x) => (x == null ? '' : typeof x === 'string' ? x : x.name || x.text || '');

/**
 * The spans of a report to highlight. With `eventIds`, only those events'
 * triggers, evidence and claims; actors, places and dates always all.
 */
export function reportSpans(report, eventIds = null) {
  const spans = [];
  const events = (report.events || []).filter((e) => !eventIds || eventIds.includes(e.id));
  const claimIds = new Set(events.flatMap((e) => e.claims || []));
  for (const e of events) {
    const label = `${e.id}: ${e.event_type} / ${e.sub_event_type}`;
    if (e.evidence) spans.push({ ...e.evidence, kind: 'evidence', title: `evidence of ${label}` });
    if (e.trigger) spans.push({ ...e.trigger, kind: 'trigger', title: `trigger of ${label}` });
  }
  for (const c of report.claims || []) {
    if (eventIds && !claimIds.has(c.id)) continue;
    spans.push({ start: c.start, end: c.end, kind: 'claim', title: `claim ${c.id} by ${nameOf(c.claimant) || 'the article'}` });
  }
  for (const a of report.actors || []) spans.push({ ...a, kind: 'actor', title: `actor: ${a.name} (${a.kind})` });
  for (const p of report.places || []) spans.push({ ...p, kind: 'place', title: `place: ${p.name}${p.country ? `, ${p.country}` : ''}` });
  const meta = (report.article && report.article.spans) || {};
  // The report carries no spans for time expressions inside the text; the
  // publication date is the one date with a span.
  if (meta.published) spans.push({ ...meta.published, kind: 'date', title: 'publication date' });
  return spans;
}

/**
 * A table of claims side by side: claimant, via chain, cue, stance, hedged,
 * text, and the source article when the claims carry one (`source`).
 */
export function claimsTable(claims) {
  const table = el('table', 'claims');
  const head = el('tr');
  const withSource = claims.some((c) => c.source);
  const columns = ['claimant', 'via', 'cue', 'stance', 'hedged', 'statement'];
  if (withSource) columns.unshift('source');
  for (const h of columns) head.appendChild(el('th', null, h));
  const thead = el('thead');
  thead.appendChild(head);
  table.appendChild(thead);
  const body = el('tbody');
  for (const c of claims) {
    const tr = el('tr');
    if (c.stance === 'denies') tr.className = 'denies';
    if (withSource) tr.appendChild(cell(c.source || ''));
    tr.appendChild(cell(nameOf(c.claimant) || '(the article itself)'));
    tr.appendChild(cell((c.via || []).map(nameOf).join(' → ') || '—'));
    tr.appendChild(cell(c.cue || ''));
    tr.appendChild(cell(c.stance || ''));
    tr.appendChild(cell(c.hedged ? 'hedged' : 'no'));
    tr.appendChild(cell(c.text || '', 'claim-text'));
    body.appendChild(tr);
  }
  table.appendChild(body);
  if (!claims.length) {
    const tr = el('tr');
    const td = cell('No attributed claims.');
    td.colSpan = columns.length;
    tr.appendChild(td);
    body.appendChild(tr);
  }
  return table;
}

function cell(text, cls) {
  const td = el('td', cls);
  appendText(td, String(text));
  return td;
}

/** Contradictions as a prominent warning box (or nothing). */
export function contradictionsBox(contradictions) {
  if (!contradictions || !contradictions.length) return document.createDocumentFragment();
  const box = el('div', 'contradictions');
  box.setAttribute('role', 'alert');
  box.appendChild(el('h3', null, `⚠ ${contradictions.length} contradiction${contradictions.length > 1 ? 's' : ''} between sources`));
  const ul = el('ul');
  for (const c of contradictions) {
    const li = el('li');
    li.appendChild(el('strong', null, `${c.about || 'disagreement'}: `));
    appendText(li, c.note || '');
    // Member events are "ARTICLE_SHA256/eN": shown with a short article id.
    const short = (id) => (id.includes('/') ? `${id.slice(0, 10)}…/${id.split('/').pop()}` : id);
    if (c.events && c.events.length) li.appendChild(el('span', 'muted', ` (${c.events.map(short).join(', ')})`));
    ul.appendChild(li);
  }
  box.appendChild(ul);
  return box;
}
