// Helpers for the end-to-end tests (node:test + playwright-core).
//
// The tests run against a served site: scripts/test.sh builds dist/, copies it
// into target/e2e-site/ with tests/fixtures/editions/ as test-editions/ and, as a
// second site published under the base path /test/, the same test editions
// (/test/2000-01-03/1/…), and serves that with nginx and the production config on
// E2E_BASE_URL (default http://127.0.0.1:8181/).
//
//   import { test, before, after } from 'node:test';
//   import { launch, open, BASE_URL } from './harness.mjs';
//   let browser;
//   before(async () => { browser = await launch(); });
//   after(async () => { await browser?.close(); });
//   test('…', async () => {
//     const { page, problems, close } = await open(browser, 'phone', '');
//     …
//     await screenshot(page, 'phone-front');
//     assertNoProblems(await problems());
//     await close();
//   });

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = path.dirname(fileURLToPath(import.meta.url));

export const BASE_URL = new URL(process.env.E2E_BASE_URL || 'http://127.0.0.1:8181/').href;
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(here, 'screenshots');
/** The test editions, published under /test/ (scripts/test.sh): the one spelling for every e2e file. */
export const TEST_INDEX = 'test/';

/** Viewports of the two kinds of reader. */
export const DEVICES = {
  phone: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Urumqi',
  },
  desktop: {
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    isMobile: false,
    hasTouch: false,
    locale: 'zh-CN',
    timezoneId: 'Asia/Urumqi',
  },
};

/** Resolves a path (relative, like 'test-editions/index.json') against BASE_URL. */
export function url(relative = '') {
  return new URL(relative, BASE_URL).href;
}

/**
 * Launches headless Chromium (Debian's /usr/bin/chromium). Playwright gives each
 * launch a fresh temporary profile (its own --user-data-dir), removed on close.
 * The flags keep it off the network it cannot reach here and let it run as root.
 */
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS });
}

// Runs in every page before its own scripts: records CSP violations on window.
function recordCspViolations() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({
      directive: e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile,
      line: e.lineNumber,
      sample: e.sample,
    });
  });
}

/**
 * A new context of the given device ('phone' or 'desktop') and a page in it that
 * collects console errors, page errors, failed requests and CSP violations.
 *
 * options: extra Playwright context options (merged over the device), and
 *   initScript: a function or source run before the page's scripts.
 * Returns { context, page, problems, close }; `await problems()` gives
 *   { consoleErrors, pageErrors, failedRequests, cspViolations }.
 */
export async function openContext(browser, device = 'phone', options = {}) {
  // routes: [[pattern, handler]], in place before the first request.
  const { initScript, routes = [], ...contextOptions } = options;
  const preset = DEVICES[device];
  assert.ok(preset, `unknown device ${device}`);
  const context = await browser.newContext({ ...preset, ...contextOptions });
  await context.addInitScript(recordCspViolations);
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  for (const [pattern, handler] of routes) await page.route(pattern, handler);

  const consoleErrors = [];
  const pageErrors = [];
  const failedRequests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${msg.text()} (${msg.location().url || '?'})`);
  });
  page.on('pageerror', (err) => pageErrors.push(String(err && err.stack ? err.stack : err)));
  page.on('requestfailed', (req) => {
    failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText}`);
  });

  async function problems() {
    let cspViolations = [];
    try {
      cspViolations = await page.evaluate(() => window.__cspViolations || []);
    } catch {
      // the page is gone or navigating
    }
    return { consoleErrors, pageErrors, failedRequests, cspViolations };
  }

  return { context, page, problems, close: () => context.close() };
}

/**
 * openContext + goto(relative URL), waiting for the load event and, on a
 * published page, for the app to take it over (or to give up: no WebAssembly).
 */
export async function open(browser, device, relative = '', options = {}) {
  const handle = await openContext(browser, device, options);
  const response = await handle.page.goto(url(relative), { waitUntil: 'load' });
  if (options.javaScriptEnabled !== false) await tookOver(handle.page);
  return { ...handle, response };
}

/** Waits until the reader shows the article titled `title` (in the live app or the published page). */
export async function readerShows(page, title, timeout = 20_000) {
  await page.locator('#app section.reader[role=dialog] #reader-title').filter({ hasText: title }).waitFor({ timeout });
}

/** Waits until the live app has replaced a published page's markup (if any), or gave up (no WebAssembly). */
export async function tookOver(page, timeout = 20_000) {
  await page.waitForFunction(
    () => !document.querySelector('#app[data-published], .app-twin') || ['error', 'fallback'].includes(document.documentElement.dataset.boot),
    null,
    { timeout },
  );
}

/** Fails with the details when a page logged errors or violated the CSP. */
export function assertNoProblems(p, { allowConsole = [] } = {}) {
  const consoleErrors = p.consoleErrors.filter((m) => !allowConsole.some((re) => re.test(m)));
  assert.deepEqual(p.pageErrors, [], 'page errors (uncaught exceptions)');
  assert.deepEqual(p.cspViolations, [], 'Content-Security-Policy violations');
  assert.deepEqual(consoleErrors, [], 'console errors');
}

/**
 * Writes tests/e2e/screenshots/<name>.png (full page) and returns its path.
 * In CSS pixels (a phone's is 390 px wide, not 1170): at DPR 3 Chromium took
 * ~0.5 s to encode each PNG, ~0.1 s at 1×, and the suite takes ~100. The page
 * still renders at DPR 3 (srcset, hairlines); only the picture is smaller.
 */
export async function screenshot(page, name, { fullPage = true } = {}) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage, scale: 'css' });
  return file;
}

/**
 * A raw HTTP GET without automatic decompression (unlike fetch), to check what the
 * server sends: { status, headers, body: Buffer }.
 */
export function rawGet(target, headers = {}) {
  const u = new URL(target, BASE_URL);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.get(u, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(15000, () => req.destroy(new Error(`timeout: GET ${u.href}`)));
  });
}

/** The asset URLs that the built index.html references (see scripts/build.sh). */
export function assetsOf(html) {
  const pick = (re) => [...html.matchAll(re)].map((m) => m[1]);
  return {
    scripts: pick(/<script[^>]*\ssrc="([^"]+)"/g),
    styles: pick(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g),
    wasm: pick(/data-wasm="([^"]+)"/g)[0],
  };
}

/** Waits for the page picture to be loaded, shown sharp, and the page box fitted. */
export async function pageReady(page, timeout = 20_000) {
  // Attached, not visible: on a phone the page is hidden under an open reader.
  await page.locator('#app .stage img.page-image.sharp').waitFor({ state: 'attached', timeout });
  await page.waitForFunction(() => /scale/.test(document.querySelector('.stage .page')?.style.transform || ''), null, { timeout });
}

/** Asserts the address bar's path, e.g. '/2025-05-21/1/computing-centre/' (after waiting a little for it). */
export async function placeIs(page, path, timeout = 5_000) {
  await page.waitForFunction((p) => location.pathname === p, path, { timeout }).catch(() => {});
  assert.equal(new URL(page.url()).pathname, path, 'URL path');
}

/** The WCAG rules every screen is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Runs axe-core on the page (or only inside `include`, a selector) and fails
 * with each violation, its impact and where, when there is any.
 */
export async function assertAxeClean(page, what, { include } = {}) {
  // Legacy mode runs axe.run in the page itself (frames of the same origin
  // included); the default opens a blank page per run for axe.finishRun: the
  // same rules and results here, 2–3× slower (~0.6 s more a run).
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(true);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  assert.ok(result.passes.length > 5, `${what}: axe ran (${result.passes.length} rules passed)`);
  const lines = result.violations.map(
    (v) => `[${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 6).map((n) => `   ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`,
  );
  assert.equal(result.violations.length, 0, `${what}: axe violations:\n${lines.join('\n')}`);
}
