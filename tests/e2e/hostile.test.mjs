// Hostile editions and hosts (issue 14), against the served build: a file in
// GBK, a UTF-8 BOM, an edition on another origin (blocked by the CSP), a
// title at its length limit with no break point, and a burst of 500 host
// commands. Screenshots: tests/e2e/screenshots/hostile-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, openContext, screenshot, url, pageReady, tookOver } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..', '..');
const WAIT = { timeout: 20_000 };
const DATE = '2025-05-21';
const EDITION_GLOB = `**/editions/${DATE}/edition.json`;
const INDEX_GLOB = '**/editions/index.json';
const edition = () => fs.readFileSync(path.join(root, `editions/${DATE}/edition.json`));
const index = () => JSON.parse(fs.readFileSync(path.join(root, 'editions/index.json'), 'utf8'));
const json = (body) => ({ status: 200, contentType: 'application/json', body });

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the paper with `routes` ([glob, handler]) in place; returns the page and its problems. */
async function openWith(routes, device = 'phone', relative = '', options = {}) {
  const ctx = await openContext(browser, device, options);
  for (const [glob, handler] of routes) await ctx.page.route(glob, handler);
  await ctx.page.goto(url(relative), { waitUntil: 'load' });
  await tookOver(ctx.page);
  return ctx;
}

describe('encoding', () => {
  test('an edition saved in GBK is refused with a message about its encoding', async () => {
    const gbk = fs.readFileSync(path.join(root, 'tests/fixtures/invalid/encoding-gbk.json'));
    const { page, problems, close } = await openWith([[EDITION_GLOB, (r) => r.fulfill(json(gbk))]]);
    try {
      const panel = page.locator('.error-panel[role=alert]');
      await panel.waitFor(WAIT);
      const text = await panel.innerText();
      assert.match(text, /编码/, `readers are told it is the encoding: ${text}`);
      assert.equal(await page.locator('.stage').count(), 0, 'no mojibake page drawn');
      const p = await problems();
      assert.ok(
        p.consoleErrors.some((m) => m.includes('[encoding]') && m.includes('UTF-8')),
        `the console tells the web team to save as UTF-8: ${JSON.stringify(p.consoleErrors)}`,
      );
      await screenshot(page, 'hostile-gbk');
    } finally {
      await close();
    }
  });

  test('an edition with a UTF-8 byte-order mark is read', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), edition()]);
    const { page, close } = await openWith([[EDITION_GLOB, (r) => r.fulfill(json(withBom))]]);
    try {
      await pageReady(page);
      assert.equal(await page.locator('svg.regions a.region[aria-label]').count(), 5);
    } finally {
      await close();
    }
  });
});

test('an edition on another origin is named as blocked, with no 重试', async () => {
  const foreign = index();
  for (const entry of foreign.editions) entry.url = `https://other.example/${entry.date}/edition.json`;
  let reached = 0;
  const { page, problems, close } = await openWith([
    [INDEX_GLOB, (r) => r.fulfill(json(JSON.stringify(foreign)))],
    ['https://other.example/**', (r) => (reached++, r.abort())],
  ]);
  try {
    const panel = page.locator('.error-panel[role=alert]');
    await panel.waitFor(WAIT);
    const text = await panel.innerText();
    assert.match(text, /拦截/, `the reader is told the request was blocked: ${text}`);
    assert.doesNotMatch(text, /网络连接失败/, 'not called a network failure');
    assert.equal(await panel.getByRole('button', { name: '重试' }).count(), 0, 'no 重试 that cannot work');
    const p = await problems();
    assert.ok(
      p.consoleErrors.some((m) => m.includes('Content-Security-Policy') && m.includes('other.example')),
      `the console names the policy and the address: ${JSON.stringify(p.consoleErrors)}`,
    );
    assert.equal(reached, 0, 'the request never left the browser');
    await screenshot(page, 'hostile-blocked');
  } finally {
    await close();
  }
});

test('a title at its length limit without a break point wraps inside the reader', async () => {
  const long = JSON.parse(edition().toString('utf8'));
  long.articles[0].title = 'W'.repeat(200);
  long.articles[0].kicker = 'K'.repeat(200);
  long.weekday = 'W'.repeat(10);
  for (const device of ['phone', 'desktop']) {
    const { page, problems, close } = await openWith([[EDITION_GLOB, (r) => r.fulfill(json(JSON.stringify(long)))]], device);
    try {
      await pageReady(page);
      await page.evaluate(() => {
        window.__longest = 0;
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
        }).observe({ entryTypes: ['longtask'] });
      });
      await page.locator('svg.regions a.region').first().click();
      const title = page.locator('.story .headline h1');
      await title.waitFor(WAIT);
      const box = await title.evaluate((h) => ({
        text: h.textContent.length,
        overflow: h.scrollWidth - h.clientWidth,
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      }));
      assert.ok(box.text >= 200, `the long title is shown (${box.text} characters)`);
      assert.ok(box.overflow <= 1, `the title wraps inside its box (overflow ${box.overflow} px)`);
      assert.ok(box.page <= 1, `the page does not get wider (${box.page} px)`);
      if (device === 'desktop') {
        // The list of the page's articles beside the reader shows the title too.
        const item = page.locator('.article-list a', { hasText: 'WWWW' }).first();
        const spill = await item.evaluate((a) => a.scrollWidth - a.clientWidth);
        assert.ok(spill <= 1, `the list entry wraps the title (overflow ${spill} px)`);
      }
      const longest = await page.evaluate(() => window.__longest);
      console.log(`# ${device}: longest task while opening the long title: ${longest.toFixed(0)} ms`);
      assert.deepEqual((await problems()).pageErrors, []);
      await screenshot(page, `hostile-long-title-${device}`);
    } finally {
      await close();
    }
  }
});

test('a burst of 500 host commands is one navigation, without a long stall', async () => {
  function androidHost() {
    window.CjEpaperHost = { postMessage: (m) => (window.__sent ||= []).push(m) };
  }
  const { page, close } = await openWith([], 'phone', '?embed=1&index=test-editions/index.json', {
    initScript: androidHost,
  });
  try {
    await pageReady(page);
    const before = await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ entryTypes: ['longtask'] });
      return history.length;
    });
    const started = Date.now();
    await page.evaluate(() => {
      for (let i = 0; i < 500; i++) {
        const page = i === 499 ? 3 : (i % 8) + 1;
        window.postMessage(JSON.stringify({ type: 'open', page }), location.origin);
      }
    });
    const picker = page.locator('.page-bar select.page-picker');
    for (let i = 0; i < 100 && (await picker.evaluate((s) => s.value)) !== '3'; i++) await page.waitForTimeout(50);
    assert.equal(await picker.evaluate((s) => s.value), '3', 'the last command wins');
    await page.waitForTimeout(300);
    const after = await page.evaluate(() => ({ history: history.length, longest: window.__longest }));
    console.log(`# 500 commands: settled in ${Date.now() - started} ms, longest task ${after.longest.toFixed(0)} ms, history +${after.history - before}`);
    assert.ok(after.history - before <= 2, `one history entry per burst, not 500 (+${after.history - before})`);
    assert.ok(after.longest < 500, `no long stall (longest task ${after.longest} ms; 2 s before merging)`);
  } finally {
    await close();
  }
});
