// eventpage.js — the page of one fused event (#/event/ID): its fields, any
// contradictions between sources, every source article with the event's
// trigger, evidence, claims, actors, places and date highlighted, and the
// claims of all sources side by side.

import * as api from './api.js';
import { el, colourOf, countryName, dateRange } from './types.js';
import { renderHighlighted, reportSpans, legend, claimsTable, contradictionsBox } from './highlight.js';

function field(dl, name, value) {
  if (value === null || value === undefined || value === '') return;
  dl.appendChild(el('dt', null, name));
  dl.appendChild(el('dd', null, value));
}

/** Renders event `id` into `root`. */
export async function showEvent(root, id) {
  root.replaceChildren(el('p', 'status', 'Loading event…'));
  let ev;
  try {
    ev = await api.event(id);
  } catch (e) {
    root.replaceChildren(el('p', 'error', `Could not load event ${id}: ${e.message}`));
    return;
  }
  const frag = document.createDocumentFragment();
  const back = el('a', 'back', '← back to the map');
  back.href = '#/';
  frag.appendChild(back);
  const h1 = el('h1', 'event-title');
  const swatch = el('span', 'swatch');
  swatch.style.backgroundColor = colourOf(ev.event_type);
  h1.appendChild(swatch);
  h1.appendChild(document.createTextNode(`${ev.event_type} — ${ev.sub_event_type || ''}`));
  frag.appendChild(h1);
  frag.appendChild(contradictionsBox(ev.contradictions));

  const dl = el('dl', 'fields');
  field(dl, 'Date', dateRange(ev.date_start, ev.date_end));
  field(dl, 'Place', [ev.location, ev.admin1, countryName(ev.country)].filter(Boolean).join(', '));
  field(dl, 'Coordinates', ev.lat != null ? `${ev.lat.toFixed(4)}, ${ev.lon.toFixed(4)} (precision ${ev.geo_precision})` : null);
  field(dl, 'Actor 1', ev.actor1 && `${ev.actor1}${ev.actor1_kind ? ` (${ev.actor1_kind})` : ''}`);
  field(dl, 'Actor 2', ev.actor2 && `${ev.actor2}${ev.actor2_kind ? ` (${ev.actor2_kind})` : ''}`);
  field(dl, 'Associated', (ev.assoc_actors || []).join(', '));
  field(dl, 'Fatalities', ev.fatalities);
  field(dl, 'Status', ev.status);
  field(dl, 'Sources', `${ev.sources} (${ev.agree} agreeing)`);
  field(dl, 'Id', ev.id);
  frag.appendChild(dl);

  const members = ev.members || [];
  const allClaims = members.flatMap((m) => (m.claims || []).map((c) => ({ ...c, source: m.outlet || m.title || m.path || '' })));
  frag.appendChild(el('h2', null, 'Claims side by side'));
  frag.appendChild(claimsTable(allClaims));

  frag.appendChild(el('h2', null, `Source articles (${members.length})`));
  frag.appendChild(legend());
  const sources = el('div', 'sources');
  frag.appendChild(sources);
  root.replaceChildren(frag);
  document.title = `sitrep — ${ev.event_type} at ${ev.location || '?'}`;

  // One article at a time, in member order; each fills its own box.
  for (const m of members) {
    const box = el('article', 'source');
    const h3 = el('h3', null, m.title || m.path || m.article);
    box.appendChild(h3);
    box.appendChild(el('p', 'muted', [m.outlet, m.published, `event ${m.event_id}`, m.sub_event_type,
      m.fatalities != null ? `${m.fatalities} killed` : null, m.status].filter(Boolean).join(' · ')));
    sources.appendChild(box);
    try {
      const report = await api.article(m.article);
      const text = (report.article && report.article.text) || '';
      box.appendChild(renderHighlighted(text, reportSpans(report, [m.event_id])));
    } catch (e) {
      box.appendChild(el('p', 'error', `Could not load the article: ${e.message}`));
    }
  }
  root.dataset.loaded = id;
}
