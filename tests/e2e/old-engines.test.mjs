// The paper in old Chromium engines (old-engines.mjs: Chrome 69, 70 and 72 from
// npm, driven by puppeteer 1.6.2), at phone size with touch and an Android
// WebView User-Agent, against the production nginx config:
// - Chrome 69 reads the paper as the modern tests do: page picture with hot
//   zones, its masthead and page bar keep their padding and spaces (CSS
//   fallbacks), a tap opens the reader, back closes it, a deep link, ?embed=1
//   (with a host command sent at load).
// - 70 and 72 show the page picture with its hot zones, spaced alike; and
//   modern Chromium does not get the fallbacks' spaces on top of its own.
// - All three, sent the modern policy by mistake ('wasm-unsafe-eval' without
//   'unsafe-eval', which they do not know), show the fallback instead of
//   crashing the renderer (web/boot.js's probe).
// Screenshots: tests/e2e/screenshots/old-*.png.
// Functions passed to page.evaluate run in Chrome 69: no `?.` or `??` there.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SCREENSHOT_DIR, assertNoProblems, launch, open, pageReady as modernPageReady, rawGet, url } from './harness.mjs';
import { ENGINES, launchOld, openPhone, placeIs, placeUrl, webviewUserAgent } from './old-engines.mjs';

const WAIT = { timeout: 20_000 };
const DATE = '2025-05-21';
const LEAD = 'computing-centre';
const LEAD_TITLE = '六院士领衔打造中亚地区“最强大脑”';
const PROJECTS = 'zhundong-projects';
const PROJECTS_TITLE = '百舸争流千帆竞 戈壁煤海启新程';
// The lead headline on the page, in master units (see reading.test.mjs).
const LEAD_TITLE_POINT = [850, 640];
// A webview that reports a modern engine: the server sends the modern policy.
const MODERN_UA = webviewUserAgent('131.0.6778.200');
let edition;
let pageOneArticles; // one labelled hot zone each
before(async () => {
  const res = await rawGet(url(`editions/${DATE}/edition.json`));
  assert.equal(res.status, 200, 'GET the sample edition (is the test server running?)');
  edition = JSON.parse(res.body.toString('utf8'));
  pageOneArticles = edition.articles.filter((a) => a.regions.some((r) => r.page === 1)).length;
  assert.ok(pageOneArticles > 0, 'articles on page 1');
});

function shot(name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `old-${name}.png`);
}

/** Rejects when the renderer crashes: race it against a wait. */
function crashOf(page) {
  return new Promise((_, reject) => page.once('error', (e) => reject(new Error(`renderer crashed: ${e.message}`))));
}

/** Waits for boot.js's outcome (<html data-boot>) and returns it. */
async function bootOutcome(page) {
  await Promise.race([
    page.waitForFunction(
      () => ['ok', 'error', 'fallback'].indexOf(document.documentElement.getAttribute('data-boot')) >= 0,
      WAIT,
    ),
    crashOf(page),
  ]);
  return page.evaluate(() => document.documentElement.getAttribute('data-boot'));
}

/** The app started and shows the page picture, sharp and fitted. */
async function pageReady(page) {
  assert.equal(await bootOutcome(page), 'ok', 'boot.js outcome (data-boot)');
  await page.waitForSelector('.stage img.page-image.sharp', WAIT);
  await page.waitForFunction(() => {
    const box = document.querySelector('.stage .page');
    return box && /scale/.test(box.style.transform);
  }, WAIT);
}

/** The page picture's box and the labelled hot zones drawn on it. */
function pictureAndZones(page) {
  return page.evaluate(() => {
    const img = document.querySelector('.stage img.page-image');
    const r = img.getBoundingClientRect();
    const zones = Array.prototype.map.call(document.querySelectorAll('svg.regions a.region[aria-label]'), (a) => {
      const z = a.getBoundingClientRect();
      return { id: a.getAttribute('data-article'), width: z.width, height: z.height };
    });
    return { image: { left: r.left, top: r.top, width: r.width, height: r.height, natural: img.naturalWidth }, zones };
  });
}

async function readerShows(page, title) {
  await page.waitForFunction(
    (t) => {
      const h = document.querySelector('section.reader #reader-title');
      return h && h.textContent === t;
    },
    WAIT,
    title,
  );
}

/**
 * Horizontal space between neighbouring visible children of `selector` that
 * share a line, and its padding: what the reader sees when words run together.
 */
function spacing(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const style = getComputedStyle(el);
    const boxes = Array.prototype.filter
      .call(el.children, (c) => c.getBoundingClientRect().width > 0)
      .map((c) => c.getBoundingClientRect());
    const spaces = [];
    for (let i = 1; i < boxes.length; i++) {
      if (Math.abs(boxes[i].top - boxes[i - 1].top) < boxes[i].height / 2) spaces.push(boxes[i].left - boxes[i - 1].right);
    }
    const px = (v) => parseFloat(v);
    return {
      spaces,
      padding: [px(style.paddingTop), px(style.paddingRight), px(style.paddingBottom), px(style.paddingLeft)],
    };
  }, selector);
}

/**
 * The masthead's words and the page bar's controls stand apart by the designed
 * spaces, with padding around them: flex gap and max() are newer than Chrome
 * 72, and their fallbacks must not double the spaces where they exist.
 */
async function assertPhoneSpacing(page) {
  const dateline = await spacing(page, 'header.masthead .dateline');
  assert.ok(dateline.spaces.length >= 2, `date line words on one line: ${JSON.stringify(dateline)}`);
  for (const s of dateline.spaces) assert.ok(Math.abs(s - 10) < 1, `date line words 10px apart: ${dateline.spaces}`);
  const masthead = await spacing(page, 'header.masthead');
  assert.deepEqual(masthead.padding, [6, 16, 6, 16], 'masthead padding');
  // Parts at least the 12px gap apart (往期 is pushed to its row's end by margin-left: auto).
  assert.ok(masthead.spaces.length >= 1, `masthead parts side by side: ${JSON.stringify(masthead)}`);
  for (const s of masthead.spaces) assert.ok(s > 11, `masthead parts at least 12px apart: ${masthead.spaces}`);
  const bar = await spacing(page, 'nav.page-bar');
  assert.deepEqual(bar.padding, [8, 8, 8, 8], 'page bar padding');
  assert.equal(bar.spaces.length, 3, `four controls on one line: ${JSON.stringify(bar)}`);
  for (const s of bar.spaces) assert.ok(Math.abs(s - 6) < 1, `page bar controls 6px apart: ${bar.spaces}`);
}

/** Fails with the details on a crash, an uncaught exception, a console error or a CSP violation. */
function assertClean(p, { allowConsole = [], allowCsp = () => false } = {}) {
  assert.deepEqual(p.crashes, [], 'renderer crashes');
  assert.deepEqual(p.pageErrors, [], 'page errors (uncaught exceptions)');
  assert.deepEqual(p.consoleErrors.filter((m) => !allowConsole.some((re) => re.test(m))), [], 'console errors');
  assert.deepEqual(p.cspViolations.filter((v) => !allowCsp(v)), [], 'Content-Security-Policy violations');
  assert.deepEqual(p.failedRequests, [], 'failed requests');
}

// Chrome 72 and older report a `script-src` violation for every WebAssembly
// compile, even one the policy allows with 'unsafe-eval' (the compile works).
const allowedCompileReport = (v) => v.directive === 'script-src' && v.blocked === 'eval';

for (const engine of ENGINES) {
  const full = engine === ENGINES[0];
  describe(`${engine.name} (phone, Android WebView User-Agent)`, () => {
    let browser;
    let ua;
    before(async () => {
      const launched = await launchOld(engine);
      browser = launched.browser;
      ua = webviewUserAgent(launched.version);
    });
    after(async () => {
      await browser?.close();
    });

    test('the page picture with its hot zones', async () => {
      const { page, problems, close } = await openPhone(browser, ua);
      try {
        const response = await page.goto(url(placeUrl()), { waitUntil: 'load' });
        assert.match(response.headers()['content-security-policy'], /script-src 'self' 'unsafe-eval'/, 'the old-engine policy');
        await pageReady(page);
        await placeIs(page, { date: DATE, page: 1 });
        const { image, zones } = await pictureAndZones(page);
        assert.ok(image.natural > 0 && image.width > 300 && image.height > 300, `page picture shown: ${JSON.stringify(image)}`);
        assert.equal(zones.length, pageOneArticles, 'one labelled hot zone per article of page 1');
        for (const z of zones) assert.ok(z.width >= 24 && z.height >= 24, `hot zone ${z.id} drawn: ${JSON.stringify(z)}`);
        await page.screenshot({ path: shot(`${engine.name}-page`) });
        await assertPhoneSpacing(page);
        await (await page.$('header.masthead')).screenshot({ path: shot(`${engine.name}-masthead`) });
        await (await page.$('nav.page-bar')).screenshot({ path: shot(`${engine.name}-page-bar`) });
        assertClean(await problems(), { allowCsp: allowedCompileReport });
      } finally {
        await close();
      }
    });

    if (full) {
      test('tap the lead story → reader; back → the page', async () => {
        const { page, problems, close } = await openPhone(browser, ua);
        try {
          await page.goto(url(placeUrl()), { waitUntil: 'load' });
          await pageReady(page);
          const { image } = await pictureAndZones(page);
          const scale = image.width / edition.pages[0].width;
          await page.touchscreen.tap(image.left + LEAD_TITLE_POINT[0] * scale, image.top + LEAD_TITLE_POINT[1] * scale);
          await readerShows(page, LEAD_TITLE);
          await placeIs(page, { date: DATE, page: 1, article: LEAD });
          await page.screenshot({ path: shot(`${engine.name}-reader`) });
          // Back, as a host app's goBack() does: the reader closes, the page stays.
          await page.evaluate(() => history.back());
          await page.waitForFunction(() => !document.querySelector('section.reader'), WAIT);
          await placeIs(page, { date: DATE, page: 1 });
          assert.equal((await pictureAndZones(page)).zones.length, pageOneArticles, 'the page is still there');
          assertClean(await problems(), { allowCsp: allowedCompileReport });
        } finally {
          await close();
        }
      });

      // Search is the second module (lazy/): the oldest engine must load and
      // run it too, not only the app's own.
      test('检索: the second module loads and finds 算力', async () => {
        const { page, problems, close } = await openPhone(browser, ua);
        try {
          await page.goto(url(placeUrl()), { waitUntil: 'load' });
          await pageReady(page);
          await page.tap('#app .masthead a.search-link');
          await page.waitForSelector('#app #search-input:not([disabled])', WAIT);
          await page.type('#app #search-input', '算力');
          await page.keyboard.press('Enter');
          await page.waitForFunction(
            (title) => [...document.querySelectorAll('#app ol.search-results > li')].some((li) => li.textContent.includes(title)),
            WAIT,
            LEAD_TITLE.slice(0, 6),
          );
          await page.screenshot({ path: shot(`${engine.name}-search`) });
          assertClean(await problems(), { allowCsp: allowedCompileReport });
        } finally {
          await close();
        }
      });

      test('a deep link opens its story', async () => {
        const { page, problems, close } = await openPhone(browser, ua);
        try {
          await page.goto(url(placeUrl({ date: DATE, page: 1, article: PROJECTS })), { waitUntil: 'load' });
          assert.equal(await bootOutcome(page), 'ok', 'boot.js outcome (data-boot)');
          await readerShows(page, PROJECTS_TITLE);
          const byline = await page.$eval('section.reader .byline', (b) => b.textContent);
          assert.match(byline, /余再兴/);
          assertClean(await problems(), { allowCsp: allowedCompileReport });
        } finally {
          await close();
        }
      });

      test('?embed=1: no masthead, the page, `ready` to the Android bridge, a command sent at load', async () => {
        // The host side is the second module's; a command sent before it (and
        // before the app) is kept by boot.js (docs/embedding.md).
        const androidHost = () => {
          window.CjEpaperHost = { postMessage: (m) => (window.__sent = window.__sent || []).push(m) };
          addEventListener('load', () => window.postMessage('{"type":"text-size","scale":1.3}', location.origin));
        };
        const { page, problems, close } = await openPhone(browser, ua, androidHost);
        try {
          await page.goto(url(placeUrl({ query: 'embed=1' })), { waitUntil: 'load' });
          await pageReady(page);
          assert.equal(await page.$$eval('.epaper.embed', (e) => e.length), 1, 'embed class on the app');
          assert.equal(await page.$$eval('.masthead', (e) => e.length), 0, 'no masthead in embed mode');
          assert.equal(await page.$$eval('nav.page-bar', (e) => e.length), 1, 'the page bar stays');
          assert.equal((await pictureAndZones(page)).zones.length, pageOneArticles, 'hot zones');
          await page.waitForFunction(() => (window.__sent || []).some((m) => JSON.parse(m).type === 'ready'), WAIT);
          const ready = JSON.parse((await page.evaluate(() => window.__sent)).find((m) => JSON.parse(m).type === 'ready'));
          assert.deepEqual([ready.edition, ready.page, ready.source], [DATE, 1, 'changji-epaper']);
          await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--text-scale').trim() === '1.3', WAIT);
          await page.screenshot({ path: shot(`${engine.name}-embed`) });
          assertClean(await problems(), { allowCsp: allowedCompileReport });
        } finally {
          await close();
        }
      });
    }

    test('the modern policy by mistake: the fallback, no renderer crash', async () => {
      const { page, problems, close } = await openPhone(browser, MODERN_UA);
      try {
        const response = await page.goto(url(placeUrl()), { waitUntil: 'load' });
        const csp = response.headers()['content-security-policy'];
        assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, 'the modern policy');
        assert.ok(!/'unsafe-eval'/.test(csp), `no 'unsafe-eval', which this engine would need: ${csp}`);
        assert.equal(await bootOutcome(page), 'fallback', 'boot.js outcome (data-boot)');
        // A way to the pages: the page pictures' links (or the static page).
        await page.waitForFunction(() => document.querySelectorAll('a[href]').length > 0, WAIT);
        const text = await page.evaluate(() => document.body.innerText);
        assert.match(text, /昌吉日报/, 'the fallback names the paper');
        // Still alive a moment later: nothing compiles the module behind the fallback.
        await new Promise((r) => setTimeout(r, 1000));
        assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-boot')), 'fallback');
        await page.screenshot({ path: shot(`${engine.name}-misjudged-fallback`) });
        assertClean(await problems(), {
          // The engine's own report of the refused compile (the probe's).
          allowConsole: [/WebAssembly|unsafe-eval/],
          allowCsp: (v) => v.directive === 'script-src' && v.blocked === 'eval',
        });
      } finally {
        await close();
      }
    });
  });
}

describe('modern Chromium (harness.mjs)', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('the old-engine fallbacks do not double the spaces', async () => {
    const { page, problems, close } = await open(browser, 'phone', placeUrl());
    try {
      await modernPageReady(page);
      await assertPhoneSpacing(page);
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});
