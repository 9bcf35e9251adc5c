// extract.js — the #/extract page: paste an article, POST it to
// /api/extract, and show its report with the same highlighting as the
// event page, plus tables of its events and claims.

import * as api from './api.js';
import { el, dateRange } from './types.js';
import { renderHighlighted, reportSpans, legend, claimsTable, contradictionsBox, appendText } from './highlight.js';

function eventsTable(events) {
  const table = el('table', 'events');
  const head = el('tr');
  for (const h of ['id', 'type', 'sub-event', 'actor 1', 'actor 2', 'place', 'date', 'fatalities', 'status']) {
    head.appendChild(el('th', null, h));
  }
  table.appendChild(head);
  for (const e of events) {
    const tr = el('tr');
    const date = e.date ? dateRange(e.date.start, e.date.end) : 'date unknown';
    for (const v of [e.id, e.event_type, e.sub_event_type, e.actor1 && e.actor1.name, e.actor2 && e.actor2.name,
      e.location && e.location.name, date, e.fatalities, e.status]) {
      const td = el('td');
      appendText(td, v == null ? '' : String(v));
      tr.appendChild(td);
    }
    table.appendChild(tr);
  }
  return table;
}

/** Renders a report (with article.text) into `root`. */
export function showReport(root, report) {
  const a = report.article || {};
  const frag = document.createDocumentFragment();
  const title = el('h2', 'report-title');
  appendText(title, a.title || '(no title found)');
  frag.appendChild(title);
  frag.appendChild(el('p', 'muted', [a.outlet, a.published, a.byline, a.language].filter(Boolean).join(' · ')));
  frag.appendChild(contradictionsBox(report.contradictions));
  frag.appendChild(el('h3', null, `Events (${(report.events || []).length})`));
  frag.appendChild(eventsTable(report.events || []));
  frag.appendChild(el('h3', null, `Claims (${(report.claims || []).length})`));
  frag.appendChild(claimsTable(report.claims || []));
  frag.appendChild(el('h3', null, 'Text'));
  frag.appendChild(legend());
  frag.appendChild(renderHighlighted(a.text || '', reportSpans(report)));
  root.replaceChildren(frag);
}

/** Wires the extract form once. */
export function initExtract() {
  const form = document.getElementById('extract-form');
  const status = document.getElementById('extract-status');
  const out = document.getElementById('extract-result');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = document.getElementById('extract-text').value;
    const published = document.getElementById('extract-published').value;
    if (!text.trim()) {
      status.textContent = 'Paste an article first.';
      return;
    }
    status.textContent = 'Extracting…';
    out.replaceChildren();
    try {
      const report = await api.extract(text, published || undefined);
      showReport(out, report);
      status.textContent = `${(report.events || []).length} events, ${(report.claims || []).length} claims`;
      out.dataset.done = String(Date.now());
    } catch (err) {
      status.textContent = `Failed: ${err.message}`;
    }
  });
}
