// Offline reading (web/sw.js, src/web/components/offline.rs): a visited page
// opens again without a network; the index is fresh the first time it is
// opened after publishing; 下载本期 stores the whole edition with progress and
// sizes; 下载本版PDF where a page has a PDF; without service workers nothing
// changes. Runs on the /test/ site (base /test/), phone and desktop.
// Screenshots: tests/e2e/screenshots/offline-*.png.
import { recordDownloadTexts, showList } from './offline-helpers.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assertNoProblems, launch, open, openContext, pageReady, rawGet, readerShows, screenshot, tookOver, url, assertAxeClean,
} from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// The served test site (scripts/test.sh stages it here).
const SITE = process.env.E2E_SITE || path.join(here, '../../target/e2e-site');
const DATE = '2000-01-03';
const WAIT = { timeout: 20_000 };
// The probe below fails offline, as it should; nothing else may log an error.
const OFFLINE_NOISE = [/index\.json\?probe=\d+/];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Waits until the worker runs the page and has stored each of `urls` (relative to the site). */
async function stored(page, urls) {
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, WAIT);
  const absolute = urls.map((u) => url(u));
  // Polled from here: waitForFunction takes a promise for a truthy value.
  const until = Date.now() + WAIT.timeout;
  const all = (list) => Promise.all(list.map((u) => caches.match(u, { ignoreVary: true }))).then((hits) => hits.every(Boolean));
  while (!(await page.evaluate(all, absolute))) {
    assert.ok(Date.now() < until, `not stored by the worker: ${urls.join(', ')}`);
    await page.waitForTimeout(100);
  }
}

/** Whether a request the page makes (through the worker) reaches the server. */
async function networkReachable(page) {
  return page.evaluate(async (u) => {
    try {
      await fetch(u);
      return true;
    } catch {
      return false;
    }
  }, url(`test/editions/index.json?probe=${Date.now()}`));
}

describe('offline', () => {
  for (const device of ['phone', 'desktop']) {
    test(`${device}: a visited article opens offline; 下载本期 stores the edition for pages never visited`, async () => {
      const article = `test/${DATE}/1/p01-02/`;
      const { context, page, problems, close } = await open(browser, device, article, { initScript: recordDownloadTexts });
      try {
        await readerShows(page, '第1版第2篇测试文章的标题');
        await stored(page, [article, `test/editions/${DATE}/edition.json`, `test/editions/${DATE}/page-01.svg`, 'test/editions/index.json']);

        await context.setOffline(true);
        await page.reload({ waitUntil: 'load' });
        await tookOver(page);
        await readerShows(page, '第1版第2篇测试文章的标题');
        await pageReady(page);
        assert.equal(await page.evaluate(() => document.documentElement.dataset.boot), 'ok', 'the app ran offline');
        assert.equal(await networkReachable(page), false, 'the network is off for the worker too');
        await screenshot(page, `offline-${device}-reload`);

        // 下载本期, online: the size before, progress n/m with bytes, the size after.
        await context.setOffline(false);
        await page.goto(url(`test/${DATE}/1/`), { waitUntil: 'load' });
        await tookOver(page);
        await pageReady(page);
        await showList(page, device);
        const control = page.locator('#app .offline-download');
        await control.getByRole('button', { name: '下载本期' }).click();
        await control.getByText(/本期共\d+个文件，约[\d.]+ (KB|MB)/).waitFor(WAIT);
        const before = await control.innerText();
        const total = Number(before.match(/本期共(\d+)个文件/)[1]);
        // index, edition, 2 edition pages, 8 pages, 7 pictures, 62 articles (one on two pages).
        assert.ok(total > 70, `files to store: ${before}`);
        await control.getByRole('button', { name: '开始下载' }).scrollIntoViewIfNeeded();
        await screenshot(page, `offline-${device}-download-before`, { fullPage: false });
        await assertAxeClean(page, `${device} download size`);
        await control.getByRole('button', { name: '开始下载' }).click();
        await control.getByText(/本期已存到本机/).waitFor({ timeout: 60_000 });
        const done = await control.innerText();
        assert.match(done, new RegExp(`${total}/${total}个文件，共[\\d.]+ (KB|MB)`), 'every file stored, with its size');
        const seen = await page.evaluate(() => window.__downloadTexts);
        assert.ok(seen.some((t) => /正在下载 \d+\/\d+ · [\d.]+ (KB|MB)/.test(t)), `progress shown: ${seen.join(' | ')}`);
        await control.scrollIntoViewIfNeeded();
        await screenshot(page, `offline-${device}-download-done`, { fullPage: false });
        await assertAxeClean(page, `${device} download done`);

        // Offline: a page and an article never visited.
        await context.setOffline(true);
        await page.goto(url(`test/${DATE}/5/p05-03/`), { waitUntil: 'load' });
        await tookOver(page);
        await readerShows(page, '梯形区域测试文章（右）');
        await pageReady(page);
        await screenshot(page, `offline-${device}-unvisited-article`);
        await page.goto(url(`test/${DATE}/7/`), { waitUntil: 'load' });
        await tookOver(page);
        await pageReady(page);
        assert.equal(
          await page.locator('#app .stage img.page-image').evaluate((img) => img.naturalWidth > 0),
          true,
          'page 7 picture shown offline',
        );
        assertNoProblems(await problems(), { allowConsole: OFFLINE_NOISE });
      } finally {
        await close();
      }
    });
  }

  test('the first open after publishing shows the new edition (index.json network-first)', async () => {
    const file = path.join(SITE, 'test/editions/index.json');
    const published = fs.readFileSync(file, 'utf8');
    const index = JSON.parse(published);
    const yesterday = {
      ...index,
      latest: '2000-01-01',
      editions: index.editions.filter((e) => e.date === '2000-01-01'),
    };
    fs.writeFileSync(file, JSON.stringify(yesterday));
    const { context, page, problems, close } = await open(browser, 'phone', 'test/');
    try {
      await page.locator('#app .masthead time[datetime="2000-01-01"]').waitFor(WAIT);
      await stored(page, ['test/editions/index.json', 'test/editions/2000-01-01/edition.json']);
      // The night's edition is published: the index names it.
      fs.writeFileSync(file, published);
      await page.goto(url('test/'), { waitUntil: 'load' });
      await tookOver(page);
      await page.locator('#app .masthead time[datetime="2000-01-03"]').waitFor(WAIT);
      // And offline, the index stored last (the new one) opens it again.
      await context.setOffline(true);
      await page.goto(url('test/'), { waitUntil: 'load' });
      await tookOver(page);
      await page.locator('#app .masthead time[datetime="2000-01-03"]').waitFor(WAIT);
      await pageReady(page);
      await screenshot(page, 'offline-phone-new-index');
      assertNoProblems(await problems(), { allowConsole: OFFLINE_NOISE });
    } finally {
      fs.writeFileSync(file, published);
      await close();
    }
  });

  for (const device of ['phone', 'desktop']) {
    test(`${device}: 下载本版PDF where the page has a PDF (also without scripts), not where it has none`, async () => {
      const { page, problems, close } = await open(browser, device, '2025-05-21/1/');
      try {
        await pageReady(page);
        await showList(page, device);
        const link = page.locator('#app .pdf-link');
        await link.waitFor({ state: 'visible', ...WAIT });
        assert.equal(await link.innerText(), '下载本版PDF');
        const href = await link.getAttribute('href');
        assert.match(href, /\/editions\/2025-05-21\/page-01\.pdf$/);
        const pdf = await rawGet(href);
        assert.equal(pdf.status, 200);
        assert.match(pdf.headers['content-type'], /application\/pdf/);
        assert.equal(pdf.body.subarray(0, 5).toString(), '%PDF-');
        await screenshot(page, `offline-${device}-pdf-link`, { fullPage: false });
        await assertAxeClean(page, `${device} list with the PDF link`);

        await page.goto(url(`test/${DATE}/1/`), { waitUntil: 'load' });
        await tookOver(page);
        await pageReady(page);
        assert.equal(await page.locator('#app .pdf-link').count(), 0, 'no PDF link on a page without a PDF');
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  }

  test('the published page has the PDF link without scripts', async () => {
    const { page, close } = await open(browser, 'desktop', '2025-05-21/1/', { javaScriptEnabled: false });
    try {
      const link = page.locator('#app .pdf-link');
      assert.equal(await link.count(), 1);
      assert.match(await link.getAttribute('href'), /\/editions\/2025-05-21\/page-01\.pdf$/);
    } finally {
      await close();
    }
  });

  for (const device of ['phone', 'desktop']) {
    test(`${device}: without service workers nothing breaks and 下载本期 is not shown`, async () => {
      const { page, problems, close } = await openContext(browser, device, { serviceWorkers: 'block' });
      try {
        // The app asks for the worker (and Playwright refuses it, as a webview without one would).
        const refused = page.waitForEvent('console', { predicate: (m) => /registration blocked/i.test(m.text()), ...WAIT });
        await page.goto(url(`test/${DATE}/1/p01-02/`), { waitUntil: 'load' });
        await tookOver(page);
        await refused;
        await readerShows(page, '第1版第2篇测试文章的标题');
        await pageReady(page);
        await page.goto(url(`test/${DATE}/1/`), { waitUntil: 'load' });
        await tookOver(page);
        await pageReady(page);
        await showList(page, device);
        assert.equal(await page.evaluate(() => !!navigator.serviceWorker?.controller), false);
        assert.equal(await page.locator('#app .offline-download').count(), 0, 'no download control');
        await screenshot(page, `offline-${device}-no-worker`, { fullPage: false });
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  }
});
