// helpers.mjs — shared set-up of the browser tests: launching Debian's
// headless Chromium through playwright-core, the servers' URLs (given by
// scripts/e2e in the environment), screenshots into e2e/artifacts/, and a
// watch on page errors and CSP violations.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

/** The base URL in environment variable `name` (set by scripts/e2e). */
export function serverUrl(name) {
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: run the tests through scripts/e2e`);
  return url.replace(/\/$/, '');
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * A new 1280x800 page; `page.problems` collects uncaught errors, console
 * errors (CSP violations are reported there) and failed requests.
 */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => page.problems.push(`request failed: ${r.url()}`));
  return page;
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** GETs JSON from the API directly (not through the page). */
export async function apiJson(base, p) {
  const res = await fetch(`${base}${p}`);
  if (!res.ok) throw new Error(`${p}: ${res.status}`);
  return res.json();
}
