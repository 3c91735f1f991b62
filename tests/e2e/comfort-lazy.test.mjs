// The reader's second actions live in the second WebAssembly module
// (src/web/lazy.rs): a photo full-size, 听新闻, the 字号/夜间 panel and
// 下载本期. For each, at phone size (390×844, touch) and on a desktop
// (1440×900): the first use waits for the module with the control busy, a
// failed download says what failed with 重试, 重试 works, and the next use
// is at once. The module comes by itself once the reader is open and idle,
// and is not asked for again while it loads or just after a failure; the
// service worker keeps it for offline use.
// Screenshots: tests/e2e/screenshots/lazy-*.png.
import { recordDownloadTexts, showList } from './offline-helpers.mjs';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAxeClean, assertNoProblems, launch, open, openContext, pageReady, readerShows, screenshot, tookOver, url,
} from './harness.mjs';
import { stubSpeech } from './comfort-stubs.mjs';

const WAIT = { timeout: 20_000 };
const DEVICES = ['phone', 'desktop'];
const LEAD = '2025-05-21/1/computing-centre/';
const LEAD_TITLE = '六院士领衔打造中亚地区“最强大脑”';
const PHOTO = 'test/2000-01-03/1/p01-06/';
const PHOTO_TITLE = '第1版第6篇测试图片新闻';
const MODULE = /\/assets\/changji_epaper_lazy_bg\.[0-9a-f]+\.wasm$/;
// The module's download that the test fails on purpose.
const FAILED = [/changji_epaper_lazy_bg/];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Holds the module's requests until `release(ok)`: then they go through
 * (ok) or fail as a lost network does. `requests` counts them.
 */
async function holdModule(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  const state = { requests: 0, release };
  await page.route(MODULE, async (route) => {
    state.requests += 1;
    if (await held) await route.continue();
    else await route.abort('internetdisconnected');
  });
  state.free = () => page.unroute(MODULE);
  return state;
}

/** The element's box, to check that nothing moved. */
const boxOf = (locator) => locator.boundingBox().then((b) => b && [b.x, b.y, b.width, b.height].map(Math.round));

/**
 * The pattern every feature follows: opened while the module is held, the
 * control is busy; the download fails: the message in Chinese and 重试;
 * 重试 loads it and the feature works; closed and opened again, at once.
 */
async function firstUseAgainAndFailure(page, device, f) {
  // Held before the page loads: the reader asks for the module soon after.
  const module = await holdModule(page);
  await page.goto(url(f.path), { waitUntil: 'load' });
  await tookOver(page);
  await readerShows(page, f.title);
  // The reader asks for the module by itself once it is idle.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /changji_epaper_lazy\./.test(e.name)), null, WAIT);
  await f.open(page);
  await f.busy(page).waitFor(WAIT);
  const waitBox = f.frame && (await boxOf(page.locator(f.frame)));
  await screenshot(page, `lazy-${device}-${f.key}-loading`, { fullPage: false });
  module.release(false);
  const failed = page.locator('#app .lazy-failed[role=alert]');
  await failed.filter({ hasText: `${f.what}没有打开：请检查网络连接后重试。` }).waitFor(WAIT);
  await screenshot(page, `lazy-${device}-${f.key}-failed`, { fullPage: false });
  assert.equal(module.requests, 1, 'one download for the idle start and the tap together');
  await module.free();
  await failed.getByRole('button', { name: '重试' }).click();
  await f.works(page);
  assert.equal(await failed.count(), 0, 'the message goes');
  if (f.frame) assert.deepEqual(await boxOf(page.locator(f.frame)), waitBox, `${f.frame}: the same box while it loads`);
  await screenshot(page, `lazy-${device}-${f.key}`, { fullPage: false });
  if (f.axe) await assertAxeClean(page, `${device} ${f.key}`);
  await f.close(page);
  await f.open(page);
  assert.equal(await f.busy(page).count(), 0, 'no wait the second time');
  await f.works(page);
  await f.close(page);
}

const FEATURES = [
  {
    key: 'photo',
    what: '大图',
    path: PHOTO,
    title: PHOTO_TITLE,
    open: (page) => page.locator('#app .photo-open').first().click(),
    axe: true,
    busy: (page) => page.locator('#app .photo-viewer .photo-hint[role=status]', { hasText: '正在打开大图…' }),
    works: async (page) => {
      await page.waitForFunction(() => /scale/.test(document.querySelector('#app .photo-viewer img')?.style.transform || ''), null, WAIT);
      await page.waitForFunction(() => document.activeElement?.className === 'photo-close', null, WAIT);
    },
    close: async (page) => {
      await page.keyboard.press('Escape');
      await page.locator('#app .photo-viewer').waitFor({ state: 'detached', ...WAIT });
      await readerShows(page, PHOTO_TITLE);
    },
  },
  {
    key: 'settings',
    what: '字号和夜间设置',
    path: LEAD,
    title: LEAD_TITLE,
    open: (page) => page.locator('#app .settings-toggle').click(),
    busy: (page) => page.locator('#app .settings-panel[aria-busy=true] [role=status]', { hasText: '正在打开…' }),
    frame: '#app .settings-panel',
    works: async (page) => {
      const scale = () => page.evaluate(() => document.documentElement.style.getPropertyValue('--text-scale') || '1');
      const was = await scale();
      await page.getByRole('button', { name: '字号增大' }).click();
      await page.waitForFunction((w) => (document.documentElement.style.getPropertyValue('--text-scale') || '1') !== w, was, WAIT);
    },
    close: async (page) => {
      // Escape closes the panel, not the reader.
      await page.keyboard.press('Escape');
      await page.locator('#app .settings-panel').waitFor({ state: 'detached', ...WAIT });
      await readerShows(page, LEAD_TITLE);
    },
    axe: true,
  },
  {
    key: 'listen',
    what: '听新闻',
    path: LEAD,
    title: LEAD_TITLE,
    initScript: { content: `(${stubSpeech})(["zh-CN"])` },
    open: (page) => page.locator('#app .listen-toggle').click(),
    busy: (page) => page.locator('#app .listen-toggle[aria-busy=true]'),
    works: async (page) => {
      await page.waitForFunction(() => /六院士领衔/.test(window.__tts.speaking() || ''), null, WAIT);
      await page.locator('#app .headline.speaking').waitFor(WAIT);
      const floats = await page.evaluate(() => {
        const r = document.querySelector('#app .listen-toggle').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      });
      assert.ok(floats, 'the control floats in view, not at the end of the article');
      await page.evaluate(() => window.__tts.finish());
      await page.waitForFunction(() => document.querySelector('#app .story-body > p')?.classList.contains('speaking'), null, WAIT);
    },
    axe: true,
    // Pausing, then another article and back: nothing is read or marked.
    close: async (page) => {
      await page.locator('#app .listen-toggle[aria-pressed=true]').click();
      await page.waitForFunction(() => !window.__tts.speaking(), null, WAIT);
      await page.locator('#app .reader-steps .next').click();
      await page.locator('#app .reader-steps .prev').click();
      await readerShows(page, LEAD_TITLE);
      await page.locator('#app .listen-toggle[aria-pressed=false]').waitFor(WAIT);
      assert.equal(await page.locator('#app .speaking').count(), 0, 'nothing marked once reading stopped');
    },
  },
];

describe('the reader\'s second actions load with the second module', () => {
  for (const device of DEVICES) {
    for (const f of FEATURES) {
      test(`${device}: ${f.key}: waits for the module, a failure says so and 重试 works, then at once`, async () => {
        // No service worker: its own requests would pass the route.
        const options = { serviceWorkers: 'block', ...(f.initScript ? { initScript: f.initScript } : {}) };
        const { page, problems, close } = await openContext(browser, device, options);
        try {
          await firstUseAgainAndFailure(page, device, f);
          const p = await problems();
          p.failedRequests = p.failedRequests.filter((r) => !FAILED.some((re) => re.test(r)));
          assertNoProblems(p, { allowConsole: [/lazy module/, /Failed to load resource/] });
        } finally {
          await close();
        }
      });
    }
  }

  test('phone: back while the photo viewer loads closes the photo, not the article', async () => {
    const { page, close } = await openContext(browser, 'phone', { serviceWorkers: 'block' });
    try {
      const module = await holdModule(page);
      await page.goto(url(PHOTO), { waitUntil: 'load' });
      await tookOver(page);
      await readerShows(page, PHOTO_TITLE);
      const path = new URL(page.url()).pathname;
      const busy = page.locator('#app .photo-viewer .photo-hint[role=status]', { hasText: '正在打开大图…' });
      // × while it loads takes the photo's history entry away too: no dead back press after.
      await page.locator('#app .photo-open').first().click();
      await busy.waitFor(WAIT);
      await page.locator('#app .photo-viewer .photo-close').click();
      await page.locator('#app .photo-viewer').waitFor({ state: 'detached', ...WAIT });
      // Back on the article's own entry (the photo's is left, not kept under it).
      await page.waitForFunction(() => history.state !== 'epaper-photo', null, WAIT);
      await readerShows(page, PHOTO_TITLE);
      await page.locator('#app .photo-open').first().click();
      await busy.waitFor(WAIT);
      await page.goBack();
      await page.locator('#app .photo-viewer').waitFor({ state: 'detached', ...WAIT });
      await readerShows(page, PHOTO_TITLE);
      assert.equal(new URL(page.url()).pathname, path, 'still at the article');
      // The module arrives after all: nothing opens by itself.
      module.release(true);
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /changji_epaper_lazy_bg\./.test(e.name) && e.responseEnd > 0), null, WAIT);
      await page.waitForTimeout(300);
      assert.equal(await page.locator('#app .photo-viewer').count(), 0, 'no photo opens once the module is there');
      // Opened again, it works, and back still closes only the photo.
      await page.locator('#app .photo-open').first().click();
      await page.waitForFunction(() => document.activeElement?.className === 'photo-close', null, WAIT);
      await page.goBack();
      await page.locator('#app .photo-viewer').waitFor({ state: 'detached', ...WAIT });
      await readerShows(page, PHOTO_TITLE);
      assert.equal(new URL(page.url()).pathname, path);
    } finally {
      await close();
    }
  });

  test('phone: while the module loads, and for a few seconds after a failure, pointing at a control asks for nothing', async () => {
    const { page, close } = await openContext(browser, 'phone', { serviceWorkers: 'block', hasTouch: false, isMobile: false });
    try {
      const module = await holdModule(page);
      await page.goto(url(LEAD), { waitUntil: 'load' });
      await tookOver(page);
      await readerShows(page, LEAD_TITLE);
      const toggle = page.locator('#app .settings-toggle');
      const away = page.locator('#app .reader-where');
      for (let i = 0; i < 3; i++) {
        await toggle.hover();
        await away.hover();
      }
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /changji_epaper_lazy\./.test(e.name)), null, WAIT);
      const failure = page.waitForEvent('console', { predicate: (m) => /lazy module/.test(m.text()), ...WAIT });
      module.release(false);
      await failure;
      for (let i = 0; i < 3; i++) {
        await toggle.hover();
        await away.hover();
      }
      assert.equal(module.requests, 1, 'one request, whatever the pointer did');
    } finally {
      await close();
    }
  });
});

describe('下载本期 (a service worker runs the page)', () => {
  for (const device of DEVICES) {
    test(`${device}: waits for the module, a failure says so and 重试 works, 取消 and again; offline the module is still there`, async () => {
      const DATE = '2000-01-03';
      const { context, page, problems, close } = await open(browser, device, `test/${DATE}/1/`, { initScript: recordDownloadTexts });
      try {
        await pageReady(page);
        await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, WAIT);
        // The worker answers the page's requests (a route would not see
        // them): a module address that does not exist makes the failure.
        const real = await page.evaluate(() => {
          const s = document.querySelector('script[data-lazy-wasm]');
          const was = s.getAttribute('data-lazy-wasm');
          s.setAttribute('data-lazy-wasm', was.replace(/\.wasm$/, '-missing.wasm'));
          return was;
        });
        await showList(page, device);
        const control = page.locator('#app .offline-download');
        await control.getByRole('button', { name: '下载本期' }).click();
        const failed = page.locator('#app .lazy-failed[role=alert]');
        await failed.filter({ hasText: '下载本期没有打开：请检查网络连接后重试。' }).waitFor(WAIT);
        await failed.scrollIntoViewIfNeeded();
        await screenshot(page, `lazy-${device}-download-failed`, { fullPage: false });
        const seen = await page.evaluate(() => window.__downloadTexts);
        assert.ok(seen.includes('正在打开下载本期…'), `busy while loading: ${seen.join(' | ')}`);
        await page.evaluate((u) => document.querySelector('script[data-lazy-wasm]').setAttribute('data-lazy-wasm', u), real);
        await failed.getByRole('button', { name: '重试' }).click();
        await control.getByText(/本期共\d+个文件，约[\d.]+ (KB|MB)/).waitFor(WAIT);
        await control.scrollIntoViewIfNeeded();
        await screenshot(page, `lazy-${device}-download`, { fullPage: false });
        await assertAxeClean(page, `${device} 下载本期 from the second module`);
        const focusIn = () => page.evaluate(() => {
          const a = document.activeElement;
          return a === document.body ? 'body' : `${a.closest('.offline-download') ? 'download ' : ''}${a.tagName.toLowerCase()} ${a.textContent.trim().slice(0, 8)}`;
        });
        assert.match(await focusIn(), /^download section/, 'the pressed button went: the focus is on its panel, not the page');
        await page.keyboard.press('Tab');
        assert.equal(await focusIn(), 'download button 开始下载', 'Tab goes on inside the panel');
        await control.getByRole('button', { name: '取消' }).click();
        await control.getByRole('button', { name: '下载本期' }).waitFor(WAIT);
        await page.waitForFunction(() => document.activeElement?.textContent.trim() === '下载本期', null, WAIT);
        await control.getByRole('button', { name: '下载本期' }).click();
        await control.getByText(/本期共\d+个文件/).waitFor(WAIT);

        // The worker keeps the module (its glue and stylesheet too) it has passed on…
        const files = await page.evaluate(() => {
          const s = document.querySelector('script[data-lazy-wasm]');
          const [wasm, js] = ['data-lazy-wasm', 'data-lazy-js'].map((a) => new URL(s.getAttribute(a), location.href).href);
          return [wasm, js, js.replace(/\.js$/, '.css')];
        });
        const until = Date.now() + WAIT.timeout;
        const kept = (urls) => Promise.all(urls.map((u) => caches.match(u, { ignoreVary: true }))).then((hits) => hits.every(Boolean));
        while (!(await page.evaluate(kept, files))) {
          assert.ok(Date.now() < until, `the worker did not keep ${files.join(', ')}`);
          await page.waitForTimeout(100);
        }
        // …and gives it again offline, after a reload.
        await context.setOffline(true);
        await page.reload({ waitUntil: 'load' });
        await tookOver(page);
        await pageReady(page);
        await showList(page, device);
        await control.getByRole('button', { name: '下载本期' }).click();
        await control.getByText('正在计算本期大小…').or(control.getByText(/本期/)).first().waitFor(WAIT);
        await page.waitForFunction(() => !document.querySelector('#app .offline-download[aria-busy]'), null, WAIT);
        assert.equal(await failed.count(), 0, 'no failure offline');
        const p = await problems();
        p.failedRequests = p.failedRequests.filter((r) => !/-missing\.wasm|probe=/.test(r));
        assertNoProblems(p, { allowConsole: [/lazy module/, /missing\.wasm/, /404/, /WebAssembly/] });
      } finally {
        await close();
      }
    });
  }
});
