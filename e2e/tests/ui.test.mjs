// ui.test.mjs — the web UI over the example articles: map and basemap
// drawn, the timeline brush filtering the list, the event page's
// highlighted evidence, and the extract page with a hostile article.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, screenshot, serverUrl, apiJson } from './helpers.mjs';

const BASE = serverUrl('SITREP_URL');
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the map page and waits for the first complete draw. */
async function openMap() {
  const page = await newPage(browser);
  await page.goto(`${BASE}/`);
  await page.waitForSelector('body[data-drawn-ms]', { timeout: 15000 });
  await page.waitForSelector('#event-list[data-total]');
  return page;
}

test('the map draws the basemap and one marker per located event', async () => {
  const page = await openMap();
  const geo = await apiJson(BASE, '/api/events?format=geojson&limit=10000');
  assert.ok(geo.features.length > 0, 'the example store has located events');
  const map = await page.$eval('#map', (c) => ({ ...c.dataset }));
  assert.ok(Number(map.basemap) > 100, `basemap countries drawn: ${map.basemap}`);
  assert.equal(Number(map.eventsDrawn), geo.features.length);
  // The canvas shows land, sea and marker colours, not a blank surface.
  const colours = await page.$eval('#map', (c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const seen = new Map();
    for (let i = 0; i < data.length; i += 16) {
      const k = `${data[i]},${data[i + 1]},${data[i + 2]}`;
      seen.set(k, (seen.get(k) || 0) + 1);
    }
    return { distinct: seen.size, land: seen.get('247,245,239') || 0, sea: seen.get('221,232,240') || 0 };
  });
  assert.ok(colours.land > 1000, `land pixels: ${colours.land}`);
  assert.ok(colours.sea > 1000, `sea pixels: ${colours.sea}`);
  assert.ok(colours.distinct > 20, `distinct colours: ${colours.distinct}`);
  // The legend names the six event types.
  const legend = await page.$$eval('#legend li', (lis) => lis.map((li) => li.textContent));
  for (const t of ['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments']) {
    assert.ok(legend.some((l) => l.startsWith(t)), `legend has ${t}`);
  }
  await screenshot(page, 'map');
  // Zooming in with the wheel changes what is drawn (clusters split or leave the view).
  const before = await page.$eval('#map', (c) => c.dataset.clusters);
  const box = await page.locator('#map').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -400);
  await page.waitForFunction((b) => document.querySelector('#map').dataset.clusters !== b, before);
  // Zoomed in this far, the full-detail countries replace the simplified ones.
  await page.waitForFunction(() => document.querySelector('#map').dataset.detail === 'drawn');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('dragging the timeline brush filters the list by date', async () => {
  const page = await openMap();
  const total0 = Number(await page.$eval('#event-list', (l) => l.dataset.total));
  const drawn0 = Number(await page.$eval('#map', (c) => c.dataset.eventsDrawn));
  assert.ok(total0 > 3);
  const box = await page.locator('#timeline').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.45, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.75, y, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction((t) => document.querySelector('#event-list').dataset.total !== String(t), total0);
  const range = (await page.$eval('#timeline', (c) => c.dataset.brush)).split('/');
  assert.equal(range.length, 2, 'the brush range is exposed');
  const total1 = Number(await page.$eval('#event-list', (l) => l.dataset.total));
  assert.ok(total1 < total0, `list shrank from ${total0} to ${total1}`);
  // Every listed event touches the brushed range.
  const ids = await page.$$eval('#event-list a', (as) => as.map((a) => a.dataset.id));
  const page1 = await apiJson(BASE, `/api/events?since=${range[0]}&until=${range[1]}&limit=100`);
  assert.deepEqual(ids, page1.events.map((e) => e.id));
  for (const e of page1.events) assert.ok(e.date_end >= range[0] && e.date_start <= range[1]);
  const drawn1 = Number(await page.$eval('#map', (c) => c.dataset.eventsDrawn));
  assert.ok(drawn1 <= drawn0, 'the map shows no more markers than before');
  await screenshot(page, 'brushed');
  // Clearing the brush brings every event back.
  await page.click('#brush-clear');
  await page.waitForFunction((t) => document.querySelector('#event-list').dataset.total === String(t), total0);
  // The keyboard does the same: an arrow selects the last bar, Shift+Left
  // cannot shrink it below one bar, Escape clears.
  await page.focus('#timeline');
  await page.keyboard.press('ArrowRight');
  const keyRange = await page.$eval('#timeline', (c) => c.dataset.brush);
  assert.match(keyRange, /^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/);
  await page.waitForFunction((t) => document.querySelector('#event-list').dataset.total !== String(t), total0);
  await page.keyboard.press('Escape');
  assert.equal(await page.$eval('#timeline', (c) => c.dataset.brush), '');
  await page.waitForFunction((t) => document.querySelector('#event-list').dataset.total === String(t), total0);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a link with filters and dates opens the map filtered; filtering rewrites the link', async () => {
  const stats = await apiJson(BASE, '/api/stats');
  const [type] = stats.by_type.find(([, n]) => n > 1) || stats.by_type[0];
  const first = await apiJson(BASE, `/api/events?type=${encodeURIComponent(type)}&limit=1`);
  const day = first.events[0].date_start;
  assert.ok(day, 'the first event of the type has a date');
  const page = await newPage(browser);
  await page.goto(`${BASE}/#/?type=${encodeURIComponent(type)}&since=${day}&until=${day}`);
  await page.waitForSelector('body[data-drawn-ms]', { timeout: 15000 });
  await page.waitForSelector('#event-list[data-total]');
  assert.equal(await page.$eval('#f-type', (s) => s.value), type);
  assert.equal(await page.$eval('#timeline', (c) => c.dataset.brush), `${day}/${day}`);
  const expected = await apiJson(BASE, `/api/events?type=${encodeURIComponent(type)}&since=${day}&until=${day}&limit=100`);
  assert.ok(expected.total >= 1);
  const ids = await page.$$eval('#event-list a', (as) => as.map((a) => a.dataset.id));
  assert.deepEqual(ids, expected.events.map((e) => e.id));
  // Another filter replaces the address (new events clear the brush).
  await page.selectOption('#f-type', '');
  await page.fill('#f-q', 'Kupiansk');
  await page.click('#filters button[type=submit]');
  await page.waitForFunction(() => location.hash === '#/?q=Kupiansk');
  const searched = await apiJson(BASE, '/api/events?q=Kupiansk&limit=1');
  await page.waitForFunction((t) => document.querySelector('#event-list').dataset.total === String(t), searched.total);
  // Going back to the plain address shows everything again.
  await page.evaluate(() => { location.hash = '#/'; });
  await page.waitForFunction((t) => document.querySelector('#event-list').dataset.total === String(t), stats.fused_events);
  assert.equal(await page.$eval('#f-q', (i) => i.value), '');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the filters go into the API query and narrow map and list', async () => {
  const page = await openMap();
  const total0 = Number(await page.$eval('#event-list', (l) => l.dataset.total));
  const stats = await apiJson(BASE, '/api/stats');
  const [type, count] = stats.by_type.find(([, n]) => n > 0 && n < stats.fused_events) || stats.by_type[0];
  await page.selectOption('#f-type', type);
  const geoRequest = page.waitForRequest((r) => r.url().includes('format=points') && r.url().includes('type='));
  await page.click('#filters button[type=submit]');
  const url = new URL((await geoRequest).url());
  assert.equal(url.searchParams.get('type'), type);
  await page.waitForFunction((t) => document.querySelector('#event-list').dataset.total !== String(t), total0);
  const expected = await apiJson(BASE, `/api/events?type=${encodeURIComponent(type)}&limit=1`);
  assert.equal(Number(await page.$eval('#event-list', (l) => l.dataset.total)), expected.total);
  const types = await page.$$eval('#event-list a .what', (w) => w.length);
  assert.ok(types > 0 && count > 0);
  // A text search nobody matches empties the list.
  await page.fill('#f-q', 'zzqxnotaword');
  await page.click('#filters button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#event-list').dataset.total === '0');
  assert.equal(await page.$eval('#map', (c) => c.dataset.eventsDrawn), '0');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('an event page highlights each source article\'s trigger at the right place', async () => {
  const page = await openMap();
  // Keyboard: the first list item is focusable and Enter opens it.
  const firstId = await page.$eval('#event-list a', (a) => a.dataset.id);
  await page.focus('#event-list a');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.querySelector('#view-event').dataset.loaded === id, firstId);

  // Then every event of the store (the examples include UTF-8 non-ASCII and
  // windows-1251 articles, so byte offsets must be converted right).
  const all = await apiJson(BASE, '/api/events?limit=10000');
  let checkedMarks = 0;
  for (const summary of all.events) {
    await page.goto(`${BASE}/#/event/${summary.id}`);
    await page.waitForFunction((id) => document.querySelector('#view-event').dataset.loaded === id, summary.id);
    const ev = await apiJson(BASE, `/api/events/${summary.id}`);
    const boxes = await page.$$eval('#view-event article.source', (arts) => arts.map((a) => ({
      trigger: [...a.querySelectorAll('mark.hl-trigger')].map((m) => m.textContent).join(''),
      marks: [...a.querySelectorAll('mark.hl-trigger')].map((m) => m.textContent),
      claims: a.querySelectorAll('.hl-claim').length,
    })));
    assert.equal(boxes.length, ev.members.length);
    for (let i = 0; i < ev.members.length; i++) {
      const m = ev.members[i];
      const report = await apiJson(BASE, `/api/articles/${m.article}`);
      const rev = report.events.find((e) => e.id === m.event_id);
      assert.ok(rev, `article ${m.article} has event ${m.event_id}`);
      assert.equal(boxes[i].trigger, rev.trigger.text, `trigger of ${summary.id} in ${m.path}`);
      for (const t of boxes[i].marks) assert.ok(m.evidence.includes(t), `"${t}" is in the evidence`);
      checkedMarks += boxes[i].marks.length;
      if (m.claims.length) assert.ok(boxes[i].claims > 0, 'claim spans are highlighted');
    }
    const rows = await page.$$eval('#view-event table.claims tbody tr', (r) => r.length);
    const nClaims = ev.members.reduce((n, m) => n + m.claims.length, 0);
    assert.equal(rows, Math.max(1, nClaims));
    if (ev.contradictions.length) {
      const note = await page.$eval('#view-event .contradictions', (d) => d.textContent);
      assert.ok(note.includes(ev.contradictions[0].note));
    }
  }
  assert.ok(checkedMarks > 0);
  await page.goto(`${BASE}/#/event/${all.events[0].id}`);
  await page.waitForFunction((id) => document.querySelector('#view-event').dataset.loaded === id, all.events[0].id);
  await screenshot(page, 'event');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a two-source event flags its contradiction and shows both articles', async () => {
  const geo = await apiJson(BASE, '/api/events?format=geojson&limit=10000');
  const found = geo.features.find((f) => f.properties.sources > 1 && f.properties.contradictions > 0);
  assert.ok(found, 'the store has a multi-source event with a contradiction (e2e/articles)');
  const ev = await apiJson(BASE, `/api/events/${found.properties.id}`);
  assert.ok(ev.contradictions.length > 0);
  const page = await openMap();
  const flagged = await page.$$eval('#event-list a', (as) => as.filter((a) => a.querySelector('.flag')).map((a) => a.dataset.id));
  assert.ok(flagged.includes(ev.id), 'the list flags it');
  await page.click(`#event-list a[data-id="${ev.id}"]`);
  await page.waitForFunction((id) => document.querySelector('#view-event').dataset.loaded === id, ev.id);
  const shown = await page.$eval('#view-event', (v) => ({
    alert: v.querySelector('.contradictions[role=alert]')?.textContent || '',
    sources: v.querySelectorAll('article.source').length,
    triggers: [...v.querySelectorAll('article.source')].map((a) => a.querySelectorAll('mark.hl-trigger').length),
  }));
  for (const c of ev.contradictions) assert.ok(shown.alert.includes(c.note), `note shown: ${c.note}`);
  assert.equal(shown.sources, ev.members.length);
  assert.ok(ev.members.length >= 2);
  assert.ok(shown.triggers.every((n) => n > 0), 'each article has its trigger marked');
  await screenshot(page, 'event-contradiction');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the extract page shows a hostile article as inert text', async () => {
  const page = await newPage(browser);
  await page.goto(`${BASE}/#/extract`);
  const hostile = [
    'Rebels shelled Kharkiv on March 3, 2024, killing 2 people, officials said.',
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">click me</a>',
    'The mayor said \u202Ethis is reversed\u202C and zero\u200Bwidth\u200Dtricks.',
  ].join('\n\n');
  await page.fill('#extract-text', hostile);
  await page.click('#extract-form button[type=submit]');
  await page.waitForSelector('#extract-result[data-done]');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const shown = await page.$eval('#extract-result .article-text', (d) => ({
    text: d.textContent,
    imgs: document.querySelectorAll('#extract-result img, #extract-result script, #extract-result a').length,
    badges: [...d.querySelectorAll('.ctl')].map((b) => b.dataset.char),
    marks: [...d.querySelectorAll('mark.hl-trigger')].map((m) => m.textContent),
  }));
  assert.equal(shown.imgs, 0, 'no element was made from the article');
  assert.ok(shown.text.includes('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'));
  assert.ok(shown.text.includes('<a href="javascript:window.__pwned=1">click me</a>'));
  assert.deepEqual(shown.badges, ['202E', '202C', '200B', '200D']);
  assert.ok(!shown.text.includes('\u202E'), 'the override is shown, not applied');
  assert.ok(shown.marks.length > 0, 'the extracted event is highlighted');
  await screenshot(page, 'extract-hostile');
  assert.deepEqual(page.problems, []);
  await page.close();
});
