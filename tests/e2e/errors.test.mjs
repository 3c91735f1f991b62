// When things go wrong: an edition that does not load (HTTP errors, offline,
// broken JSON, a file that fails validation), links to places that do not
// exist, and a page picture that fails. The reader always gets plain Chinese
// and a way on. Screenshots: tests/e2e/screenshots/errors-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertNoProblems, launch, open, openContext, screenshot, url, pageReady, placeIs, tookOver } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const WAIT = { timeout: 20_000 };
const DATE = '2025-05-21';
const EDITION_GLOB = `**/editions/${DATE}/edition.json`;
const CHINESE = /[\u4e00-\u9fff]/;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});



const FAILURES = [
  {
    name: 'http-404',
    answer: (route) => route.fulfill({ status: 404, contentType: 'text/html', body: '<h1>404</h1>' }),
    message: /这一期报纸暂时找不到/,
    console: /HTTP 404/,
  },
  {
    name: 'http-500',
    answer: (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>500</h1>' }),
    message: /报纸服务器暂时出了问题/,
    console: /HTTP 500/,
  },
  {
    name: 'offline',
    answer: (route) => route.abort('internetdisconnected'),
    message: /网络连接失败/,
    console: /network error/,
  },
  {
    name: 'invalid-json',
    answer: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"format": "changji-epaper/edition", "version": 1,' }),
    message: /数据有误/,
    console: /not a valid edition/,
  },
];

// page.route never sees what a service worker fetches, and once the worker
// claims the page (web/sw.js does at once) it fetches: tests that answer
// requests themselves run without it, as many webviews do.
const NO_WORKER = { serviceWorkers: 'block' };

describe('the edition does not load', () => {
  for (const f of FAILURES) {
    test(`${f.name}: Chinese message and 重试 that works once the edition is back`, async () => {
      const { page, problems, close } = await openContext(browser, 'phone', NO_WORKER);
      try {
        let hits = 0;
        const handler = (route) => {
          hits++;
          return f.answer(route);
        };
        await page.route(EDITION_GLOB, handler);
        await page.goto(url(''), { waitUntil: 'load' });
        await tookOver(page);
        const panel = page.locator('.error-panel[role=alert]');
        await panel.waitFor(WAIT);
        const text = await panel.innerText();
        assert.match(text, CHINESE, 'message in Chinese');
        assert.match(text, f.message, `message for ${f.name}: ${text}`);
        assert.doesNotMatch(text, /HTTP|JSON|error|undefined|null|\$\./i, `no jargon for readers: ${text}`);
        const retry = panel.getByRole('button', { name: '重试' });
        assert.equal(await retry.count(), 1, '重试 button');
        assert.ok(hits >= 1, 'the route answered the edition request');
        assert.equal(await page.locator('.stage').count(), 0, 'no half-drawn page');
        await screenshot(page, `errors-edition-${f.name}`);
        const p = await problems();
        assert.ok(
          p.consoleErrors.some((m) => f.console.test(m)),
          `the console says what failed (${f.console}): ${JSON.stringify(p.consoleErrors)}`,
        );

        // Still failing: 重试 asks again and shows the panel again.
        const before = hits;
        await retry.tap();
        for (let i = 0; i < 100 && hits === before; i++) await page.waitForTimeout(100);
        assert.ok(hits > before, '重试 requested the edition again');
        await panel.waitFor(WAIT);
        assert.match(await panel.innerText(), f.message, 'still failing: the panel again');

        // Back online: 重试 opens the paper.
        await page.unroute(EDITION_GLOB, handler);
        await panel.getByRole('button', { name: '重试' }).tap();
        await pageReady(page);
        assert.equal(await panel.count(), 0, 'error panel gone');
        assert.equal(await page.locator('svg.regions a.region[aria-label]').count(), 5);
        await placeIs(page, `/${DATE}/1/`);
        await screenshot(page, `errors-edition-${f.name}-retried`);
        assertNoProblems(await problems(), { allowConsole: [/\[昌吉日报数字报\]/, /Failed to load resource/] });
      } finally {
        await page.context().close();
      }
    });
  }

  // The app checks what it reads (types, counts, addresses); the other rules
  // are the validator's, before publishing (docs/edition-format.md, 7).
  test('an edition the app refuses (a javascript: picture): message for readers, JSON path in the console', async () => {
    const body = fs.readFileSync(path.join(here, '../fixtures/invalid/url-scheme-image.json'), 'utf8');
    const { page, problems } = await openContext(browser, 'desktop', NO_WORKER);
    try {
      await page.route(EDITION_GLOB, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
      await page.goto(url(''), { waitUntil: 'load' });
      await tookOver(page);
      const panel = page.locator('.error-panel[role=alert]');
      await panel.waitFor(WAIT);
      const text = await panel.innerText();
      assert.match(text, /数据有误/, text);
      assert.doesNotMatch(text, /\$\.pages/, 'the path is not for readers');
      await screenshot(page, 'errors-edition-invalid');
      const p = await problems();
      assert.ok(
        p.consoleErrors.some((m) => m.includes('$.pages[0].images[0].url') && m.includes('[url-scheme]')),
        `console names $.pages[0].images[0].url: ${JSON.stringify(p.consoleErrors)}`,
      );
      assert.deepEqual(p.pageErrors, []);
    } finally {
      await page.context().close();
    }
  });
});

describe('links to places that do not exist', () => {
  const CASES = [
    {
      name: 'page-9',
      hash: `${DATE}/9/`,
      notice: /本期没有第9版，已为您打开第1版/,
      settled: `/${DATE}/1/`,
    },
    {
      name: 'unknown-article',
      hash: `${DATE}/1/no-such-article/`,
      notice: /链接中的文章在本期找不到/,
      settled: `/${DATE}/1/`,
    },
    {
      name: 'unknown-date',
      hash: '2024-03-01/1/computing-centre/',
      notice: /没有找到 2024-03-01 的报纸，已为您打开最新一期/,
      settled: `/${DATE}/1/`,
    },
    {
      name: 'unknown-date-page-2',
      hash: '2019-06-01/2/',
      notice: /没有找到 2019-06-01 的报纸，已为您打开最新一期/,
      settled: `/${DATE}/1/`,
    },
    {
      // Not a date at all: the app reads it as "the latest edition" (no notice).
      name: 'impossible-date',
      hash: '2024-02-30/1/',
      notice: null,
      settled: `/${DATE}/1/`,
    },
  ];
  // Every case on a phone; on a desktop, one (the notice in the wide layout):
  // the app's reading of a link does not depend on the screen.
  const RUNS = [...CASES.map((c) => ['phone', c]), ['desktop', CASES.find((c) => c.name === 'unknown-article')]];
  for (const [device, c] of RUNS) {
    test(`${device}: ${c.name} → notice and a readable page`, async () => {
      const { page, problems, close } = await open(browser, device, c.hash);
      try {
        const notice = page.locator('.notice[role=status]');
        if (c.notice) {
          await notice.waitFor(WAIT);
          assert.match(await notice.innerText(), c.notice);
        }
        await pageReady(page);
        await placeIs(page, c.settled);
        assert.equal(await page.locator('section.reader').count(), 0, 'no reader for a broken link');
        assert.match(await page.locator('.masthead .dateline').innerText(), /2025年5月21日/, 'latest edition shown');
        assert.equal(await page.locator('.page-bar select.page-picker').inputValue(), '1');
        await screenshot(page, `errors-${device}-link-${c.name}`);
        if (c.notice) {
          // The notice can be dismissed.
          await notice.getByRole('button', { name: '知道了' }).click();
          await notice.waitFor({ state: 'detached', ...WAIT });
        }
        // No published page there: the server answers 404 with the app's 404 page.
        assertNoProblems(await problems(), { allowConsole: [/status of 404 \(Not Found\) \(http:[^)]*\/\)$/] });
      } finally {
        await close();
      }
    });
  }
});

describe('a page picture that fails', () => {
  test('phone: placeholder, and the list still opens an article', async () => {
    const { page, problems } = await openContext(browser, 'phone', NO_WORKER);
    try {
      await page.route(`**/editions/${DATE}/page-01-*.jpg`, (route) =>
        route.fulfill({ status: 404, contentType: 'text/html', body: 'not found' }),
      );
      await page.goto(url(''), { waitUntil: 'load' });
      await tookOver(page);
      const missing = page.locator('.stage .page-missing');
      await missing.waitFor(WAIT);
      assert.match(await missing.innerText(), /第01版的版面图片未能加载/);
      assert.match(await missing.innerText(), /本版标题/);
      assert.equal(await page.locator('.stage img.page-image').count(), 0, 'no broken-image icon');
      assert.equal(await page.locator('.error-panel').count(), 0, 'not an error for the whole paper');
      await screenshot(page, 'errors-phone-image-missing');

      await page.locator('.page-bar .list-toggle').tap();
      await page.locator('aside.side.list-open').waitFor(WAIT);
      const item = page.locator('aside.side .article-list a', { hasText: '百舸争流千帆竞' });
      await item.waitFor({ state: 'visible', ...WAIT });
      await page.waitForTimeout(300); // the sheet slides up
      await screenshot(page, 'errors-phone-image-missing-list');
      await item.tap();
      await page.locator('section.reader #reader-title', { hasText: '百舸争流千帆竞 戈壁煤海启新程' }).waitFor(WAIT);
      await placeIs(page, `/${DATE}/1/zhundong-projects/`);
      assert.equal(await page.locator('aside.side.list-open').count(), 0, 'the list sheet closed');
      await screenshot(page, 'errors-phone-image-missing-article');
      const p = await problems();
      assertNoProblems(p, { allowConsole: [/Failed to load resource.*404/] });
    } finally {
      await page.context().close();
    }
  });
});
