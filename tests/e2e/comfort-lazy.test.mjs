// The reader and its second actions live in the second WebAssembly module
// (src/web/lazy.rs): the article's text, a photo full-size, 听新闻, the
// 字号/夜间 panel, and 下载本期. At phone size (390×844, touch) and on a
// desktop (1440×900): the module is asked for as soon as the app runs; a
// story tapped before it comes waits in the reader's place with 返回版面, a
// failed download says what failed with 重试, 重试 works, and the next tap is
// at once; the reader's own panels then open at once. The module is not asked
// for again while it loads or just after a failure; the service worker keeps
// it for offline use.
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
const LEAD_PAGE = '2025-05-21/1/';
const LEAD_ID = 'computing-centre';
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
function holdModule() {
  let release;
  const held = new Promise((r) => { release = r; });
  const state = { requests: 0, release };
  state.route = [MODULE, async (route) => {
    state.requests += 1;
    if (await held) await route.continue();
    else await route.abort('internetdisconnected');
  }];
  state.free = (page) => page.unroute(MODULE);
  return state;
}

/** Opens a page with the module held from its first request. */
async function openHeld(device, path, options = {}) {
  const module = holdModule();
  // No service worker: its own requests would pass the route.
  const handle = await openContext(browser, device, { serviceWorkers: 'block', routes: [module.route], ...options });
  await handle.page.goto(url(path), { waitUntil: 'load' });
  await tookOver(handle.page);
  return { ...handle, module };
}

const moduleAsked = () => performance.getEntriesByType('resource').some((e) => /changji_epaper_lazy\./.test(e.name));

/** Taps (phone) or clicks the lead story's region on the page. */
async function tapLead(page, device) {
  const lead = page.locator(`#app svg.regions a.region[data-article="${LEAD_ID}"]`).first();
  if (device === 'phone') await lead.tap();
  else await lead.click();
}

/** The element's box, to check that nothing moved. */
const boxOf = (locator) => locator.boundingBox().then((b) => b && [b.x, b.y, b.width, b.height].map(Math.round));

/**
 * A story tapped while the module is held: the reader's place waits with
 * 返回版面; the download fails: the message in Chinese and 重试; 重试 loads
 * it and the story shows; closed and tapped again, at once.
 */
async function readerWaitsAndFails(device) {
  const { page, problems, close, module } = await openHeld(device, LEAD_PAGE);
  try {
    // The page asks for the module by itself once it is shown.
    await page.waitForFunction(moduleAsked, null, WAIT);
    await tapLead(page, device);
    const waiting = page.locator('#app section.reader.lazy-wait');
    await waiting.locator('[role=status]', { hasText: '正在打开文章…' }).waitFor(WAIT);
    assert.ok(await waiting.getByRole('button', { name: '返回版面' }).isVisible(), 'the way back while it waits');
    assert.ok(new URL(page.url()).pathname.endsWith(`/${LEAD}`), 'the address is the story\'s at once');
    await screenshot(page, `lazy-${device}-reader-loading`, { fullPage: false });
    module.release(false);
    const failed = page.locator('#app section.reader .lazy-failed[role=alert]');
    await failed.filter({ hasText: '文章没有打开：请检查网络连接后重试。' }).waitFor(WAIT);
    await screenshot(page, `lazy-${device}-reader-failed`, { fullPage: false });
    assert.equal(module.requests, 1, 'one download for the early start and the tap together');
    await module.free(page);
    await failed.getByRole('button', { name: '重试' }).click();
    await readerShows(page, LEAD_TITLE);
    assert.equal(await failed.count(), 0, 'the message goes');
    await page.waitForFunction(() => document.activeElement?.id === 'reader-title', null, WAIT);
    await assertAxeClean(page, `${device} reader from the second module`);
    await page.locator('#app .reader-bar .back').click();
    await page.locator('#app section.reader').waitFor({ state: 'detached', ...WAIT });
    await tapLead(page, device);
    await readerShows(page, LEAD_TITLE);
    assert.equal(await page.locator('#app section.reader.lazy-wait').count(), 0, 'no wait the second time');
    const p = await problems();
    p.failedRequests = p.failedRequests.filter((r) => !FAILED.some((re) => re.test(r)));
    assertNoProblems(p, { allowConsole: [/lazy module/, /Failed to load resource/] });
  } finally {
    await close();
  }
}

/**
 * The panels of one story's reader, one after the other: each came with the
 * reader, so it opens at once and works; closed and opened again, the same.
 */
async function opensAtOnce(page, device, group) {
  await page.goto(url(group[0].path), { waitUntil: 'load' });
  await tookOver(page);
  await readerShows(page, group[0].title);
  for (const f of group) {
    await f.open(page);
    await f.works(page);
    await screenshot(page, `lazy-${device}-${f.key}`, { fullPage: false });
    if (f.axe) await assertAxeClean(page, `${device} ${f.key}`);
    await f.close(page);
    await f.open(page);
    await f.works(page);
    await f.close(page);
  }
}

const FEATURES = [
  {
    key: 'photo',
    what: '大图',
    path: PHOTO,
    title: PHOTO_TITLE,
    open: (page) => page.locator('#app .photo-open').first().click(),
    axe: true,
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

// The features of one story share its page load (listen last: it leaves the story and comes back).
const STORIES = [...new Set(FEATURES.map((f) => f.path))].map((p) => FEATURES.filter((f) => f.path === p));

describe('the reader comes with the second module', () => {
  for (const device of DEVICES) {
    test(`${device}: a story tapped before the module waits with 返回版面, a failure says so and 重试 works, then at once`, async () => {
      await readerWaitsAndFails(device);
    });
    for (const group of STORIES) {
      test(`${device}: ${group.map((f) => f.key).join(' and ')}: opens at once with the reader, works, and again`, async () => {
        const scripts = group.filter((f) => f.initScript);
        assert.ok(scripts.length <= 1, 'one init script per story group');
        const initScript = scripts[0]?.initScript;
        const options = { serviceWorkers: 'block', ...(initScript ? { initScript } : {}) };
        const { page, problems, close } = await openContext(browser, device, options);
        try {
          await opensAtOnce(page, device, group);
          assertNoProblems(await problems());
        } finally {
          await close();
        }
      });
    }
  }

  test('phone: back while the story waits for the module closes it; the module coming later opens nothing', async () => {
    const { page, close, module } = await openHeld('phone', LEAD_PAGE);
    try {
      const path = new URL(page.url()).pathname;
      await page.waitForFunction(moduleAsked, null, WAIT);
      await tapLead(page, 'phone');
      await page.locator('#app section.reader.lazy-wait [role=status]', { hasText: '正在打开文章…' }).waitFor(WAIT);
      await page.goBack();
      await page.locator('#app section.reader').waitFor({ state: 'detached', ...WAIT });
      assert.equal(new URL(page.url()).pathname, path, 'back on the page');
      module.release(true);
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /changji_epaper_lazy_bg\./.test(e.name) && e.responseEnd > 0), null, WAIT);
      await page.waitForTimeout(300);
      assert.equal(await page.locator('#app section.reader').count(), 0, 'no story opens once the module is there');
      // Tapped again, at once; 返回版面 goes back to the page.
      await tapLead(page, 'phone');
      await readerShows(page, LEAD_TITLE);
      await page.locator('#app .reader-bar .back').click();
      await page.locator('#app section.reader').waitFor({ state: 'detached', ...WAIT });
      assert.equal(new URL(page.url()).pathname, path);
    } finally {
      await close();
    }
  });

  test('phone: while the module loads, and for a few seconds after a failure, pointing at a control asks for nothing', async () => {
    const { page, close, module } = await openHeld('phone', LEAD_PAGE, { hasTouch: false, isMobile: false });
    try {
      await page.waitForFunction(moduleAsked, null, WAIT);
      const tools = page.locator('#app .masthead .mast-tools a').first();
      const away = page.locator('#app .masthead h1, #app .masthead .dateline').first();
      for (let i = 0; i < 3; i++) {
        await tools.hover();
        await away.hover();
      }
      const failure = page.waitForEvent('console', { predicate: (m) => /lazy module/.test(m.text()), ...WAIT });
      module.release(false);
      await failure;
      for (let i = 0; i < 3; i++) {
        await tools.hover();
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
      // The worker answers the page's requests (a route would not see
      // them): a module address that does not exist makes the failure, from
      // the start (the page asks for the module once it is shown).
      const missing = () => document.addEventListener('DOMContentLoaded', () => {
        // The first load only: offline after a reload, the module must come.
        if (sessionStorage.getItem('lazy-broken')) return;
        sessionStorage.setItem('lazy-broken', '1');
        const s = document.querySelector('script[data-lazy-wasm]');
        window.__realLazyWasm = s.getAttribute('data-lazy-wasm');
        s.setAttribute('data-lazy-wasm', window.__realLazyWasm.replace(/\.wasm$/, '-missing.wasm'));
      });
      const initScript = `(${recordDownloadTexts})(); (${missing})();`;
      const { context, page, problems, close } = await open(browser, device, `test/${DATE}/1/`, { initScript });
      try {
        await pageReady(page);
        await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, WAIT);
        const real = await page.evaluate(() => window.__realLazyWasm);
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
