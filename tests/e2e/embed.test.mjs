// The e-paper inside a host app (docs/embedding.md, src/bridge.rs,
// src/web/services/host.rs, src/web/lazy_host.rs): embed mode, messages to a
// simulated Android bridge and iOS message handler, host commands and what is
// refused, commands sent before the second module (which carries the host
// side) is there, a page without a host that never asks for it, the module
// failing, the back button, safe areas, the embed demo page (tools/embed-demo)
// and the CSP of every page loaded. Screenshots: tests/e2e/screenshots/embed-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { BASE_URL, assertNoProblems, launch, open, openContext, screenshot, url, pageReady, placeIs, readerShows, tookOver } from './harness.mjs';

const WAIT = { timeout: 20_000 };
const SOON = { timeout: 5_000 };
const DATE = '2025-05-21';
const LEAD = 'computing-centre';
const LEAD_TITLE = '六院士领衔打造中亚地区“最强大脑”';
const PROJECTS = 'zhundong-projects';
const PROJECTS_TITLE = '百舸争流千帆竞 戈壁煤海启新程';
// The lead headline on the page, in master units (see reading.test.mjs).
const LEAD_TITLE_POINT = [850, 640];
// The test editions are published under /test/ (scripts/test.sh).
const TEST = 'test/';
const IGNORED = /^\[昌吉日报数字报\] ignored/;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// ---------------------------------------------------------------------------
// simulated hosts (run before the app's scripts, in every frame)

/** Android: an object added with addJavascriptInterface under the default name (with when each message came). */
function androidHost() {
  window.CjEpaperHost = {
    postMessage: (m) => {
      (window.__sent ||= []).push(m);
      (window.__sentAt ||= []).push(performance.now());
    },
  };
}
/** A native host that commands the page as soon as it has loaded (before the app's module starts). */
function commandsAtLoad() {
  addEventListener('load', () => {
    window.__atCommand = {
      boot: document.documentElement.dataset.boot,
      lazy: performance.getEntriesByType('resource').some((e) => /changji_epaper_lazy/.test(e.name)),
    };
    const post = (c) => window.postMessage(JSON.stringify(c), location.origin);
    post({ type: 'open', date: '2025-05-21', page: 1, article: 'zhundong-projects' });
    post({ type: 'text-size', scale: 1.3 });
  });
}
/** Notes when the app has taken the published page over (its own page picture shown). */
function watchTakeOver() {
  new MutationObserver((_, observer) => {
    if (!document.querySelector('#app[data-published], .app-twin') && document.querySelector('#app .stage img.page-image')) {
      window.__tookOverAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}
/** Whether the page asked for the second module (its glue or its wasm). */
const lazyFetched = () => performance.getEntriesByType('resource').some((e) => /changji_epaper_lazy/.test(e.name));
/** iOS: a WKScriptMessageHandler registered as "Foo". */
function iosHost() {
  window.webkit = { messageHandlers: { Foo: { postMessage: (m) => (window.__sent ||= []).push(m) } } };
}
/** Counts any use of the web fallbacks for sharing (the host must get it instead). */
function watchWebShare() {
  window.__webShare = [];
  try {
    Object.defineProperty(Navigator.prototype, 'share', {
      configurable: true,
      value: (data) => {
        window.__webShare.push(['share', JSON.stringify(data)]);
        return Promise.resolve();
      },
    });
    if (navigator.clipboard) {
      Object.defineProperty(navigator.clipboard, 'writeText', {
        configurable: true,
        value: (t) => {
          window.__webShare.push(['clipboard', t]);
          return Promise.resolve();
        },
      });
    }
  } catch (e) {
    window.__webShare.push(['setup failed', String(e)]);
  }
}
/** One init script source running each function. */
function both(...fns) {
  return fns.map((f) => `(${f})();`).join('\n');
}

// ---------------------------------------------------------------------------
// helpers

/** The CSP header of a response: strict, with wasm but no eval or inline. */
function assertCsp(response, what) {
  assert.ok(response, `${what}: a response`);
  const csp = response.headers()['content-security-policy'];
  assert.ok(csp, `${what}: Content-Security-Policy header`);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, `${what}: wasm allowed: ${csp}`);
  assert.ok(!/'unsafe-eval'|'unsafe-inline'/.test(csp), `${what}: no unsafe-eval/unsafe-inline: ${csp}`);
  assert.match(csp, /frame-ancestors 'self'/, `${what}: frame-ancestors: ${csp}`);
}

/** open() plus the CSP check and a list of console warnings. */
async function openEmbed(device, relative, initScript) {
  const handle = await open(browser, device, relative, initScript ? { initScript } : {});
  assertCsp(handle.response, relative);
  const warnings = [];
  handle.page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  return { ...handle, warnings };
}



/** Messages the host got so far, parsed. */
async function sent(page) {
  const raw = await page.evaluate(() => window.__sent || []);
  return raw.map((m) => {
    assert.equal(typeof m, 'string', `messages are JSON strings: ${m}`);
    const v = JSON.parse(m);
    assert.equal(v.protocol, 1, `protocol 1: ${m}`);
    assert.equal(v.source, 'changji-epaper', `source: ${m}`);
    return v;
  });
}

/** Waits for the host to have got a message of `type` (after `skip` earlier ones); returns it. */
async function nextMessage(page, type, skip = 0) {
  await page
    .waitForFunction(
      ([type, skip]) => (window.__sent || []).slice(skip).some((m) => JSON.parse(m).type === type),
      [type, skip],
      SOON,
    )
    .catch(() => {});
  const all = (await sent(page)).slice(skip);
  const found = all.find((m) => m.type === type);
  assert.ok(found, `a "${type}" message to the host; got ${JSON.stringify(all)}`);
  return found;
}

/** Taps (phone) the lead headline on the page. */
async function tapLead(page) {
  const box = await page.locator('.stage img.page-image').boundingBox();
  const scale = box.width / 2400;
  await page.touchscreen.tap(box.x + LEAD_TITLE_POINT[0] * scale, box.y + LEAD_TITLE_POINT[1] * scale);
}

/** The place shown: hash, whether a page picture or placeholder is there, and the reader's title. */
function shown(page) {
  return page.evaluate(() => ({
    path: location.pathname,
    page: !!document.querySelector('.stage .page img.page-image, .stage .page .page-missing'),
    regions: document.querySelectorAll('.stage svg.regions a.region').length,
    reader: document.querySelector('section.reader #reader-title')?.textContent ?? null,
    textScale: document.documentElement.style.getPropertyValue('--text-scale'),
    body: document.body.innerText.length,
  }));
}

// ---------------------------------------------------------------------------

for (const kind of ['android', 'ios']) {
  const init = kind === 'android' ? both(androidHost, watchWebShare) : both(iosHost, watchWebShare);
  const bridge = kind === 'ios' ? '&bridge=Foo' : '';
  describe(`embed mode with the ${kind} bridge`, () => {
    test('no masthead; ready; tapping the lead sends article-opened; 分享 goes to the host', async () => {
      const { page, problems, close } = await openEmbed('phone', `?embed=1${bridge}`, init);
      try {
        await pageReady(page);
        assert.equal(await page.locator('.masthead').count(), 0, 'no masthead in embed mode');
        assert.equal(await page.locator('.epaper.embed').count(), 1, 'embed class on the app');
        assert.ok(await page.locator('.page-bar').isVisible(), 'the page bar stays');
        if (kind === 'ios') {
          assert.equal(await page.evaluate(() => typeof window.CjEpaperHost), 'undefined', 'no Android bridge here');
        }
        const ready = await nextMessage(page, 'ready');
        assert.equal(ready.edition, DATE);
        assert.equal(ready.page, 1);
        assert.equal((await sent(page)).filter((m) => m.type === 'ready').length, 1, 'one ready');
        await screenshot(page, `embed-${kind}-1-page`, { fullPage: false });

        const before = (await sent(page)).length;
        await tapLead(page);
        await readerShows(page, LEAD_TITLE);
        const opened = await nextMessage(page, 'article-opened', before);
        assert.equal(opened.id, LEAD);
        assert.equal(opened.title, LEAD_TITLE);
        assert.match(opened.url, new RegExp(`^${BASE_URL.replace(/[.?*+^$[\]\\(){}|-]/g, '\\$&')}${DATE}/1/${LEAD}/$`), `article url: ${opened.url}`);

        const n = (await sent(page)).length;
        await page.locator('section.reader .reader-bar button', { hasText: '分享' }).tap();
        const share = await nextMessage(page, 'share', n);
        assert.equal(share.title, LEAD_TITLE);
        assert.match(share.url, new RegExp(`/${DATE}/1/${LEAD}/$`), `share url: ${share.url}`);
        assert.ok(share.url.startsWith('http'), `an absolute link: ${share.url}`);
        assert.equal(typeof share.summary, 'string');
        assert.ok(share.summary.length > 0 && [...share.summary].length <= 80, `summary of at most 80 characters: ${share.summary}`);
        await page.waitForTimeout(300);
        assert.deepEqual(await page.evaluate(() => window.__webShare), [], 'neither Web Share nor the clipboard is used');
        assert.equal(await page.locator('.toast').count(), 0, 'no toast: the host shows its own sheet');
        await screenshot(page, `embed-${kind}-2-reader`, { fullPage: false });
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });

    test('test edition: 下一版 sends page-changed', async () => {
      const { page, problems, close } = await openEmbed('phone', `${TEST}?embed=1${bridge}`, init);
      try {
        await pageReady(page);
        const ready = await nextMessage(page, 'ready');
        assert.deepEqual([ready.edition, ready.page], ['2000-01-03', 1]);
        const n = (await sent(page)).length;
        await page.locator('.page-bar .button', { hasText: '下一版' }).tap();
        await placeIs(page, '/test/2000-01-03/2/');
        const changed = await nextMessage(page, 'page-changed', n);
        assert.deepEqual([changed.edition, changed.page], ['2000-01-03', 2]);
        assert.equal((await sent(page)).filter((m) => m.type === 'ready').length, 1, 'still one ready');
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  });
}

describe('the shared link', () => {
  test('is the public link to the article (no embed or bridge parameters)', async () => {
    const { page, problems, close } = await openEmbed(
      'phone',
      `${DATE}/1/${LEAD}/?embed=1&bridge=Foo`,
      both(iosHost, watchWebShare),
    );
    try {
      await readerShows(page, LEAD_TITLE);
      await page.locator('section.reader .reader-bar button', { hasText: '分享' }).tap();
      const share = await nextMessage(page, 'share');
      const u = new URL(share.url);
      assert.equal(u.searchParams.get('embed'), null, `a link for people outside the app opens the full paper: ${share.url}`);
      assert.equal(u.searchParams.get('bridge'), null, `no bridge name in a public link: ${share.url}`);
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

describe('host commands', () => {
  test('open and text-size work; malformed commands change nothing and are logged', async () => {
    const { page, problems, warnings, close } = await openEmbed('phone', '?embed=1', androidHost);
    const post = (data) => page.evaluate((d) => window.postMessage(d, location.origin), data);
    try {
      await pageReady(page);
      await nextMessage(page, 'ready');

      // open: the article, as a new history entry.
      const n = (await sent(page)).length;
      await post(JSON.stringify({ type: 'open', date: DATE, page: 1, article: PROJECTS }));
      await readerShows(page, PROJECTS_TITLE);
      await placeIs(page, `/${DATE}/1/${PROJECTS}/`);
      const opened = await nextMessage(page, 'article-opened', n);
      assert.equal(opened.id, PROJECTS);

      // text-size 1.3: the reader's paragraphs grow 1.3×.
      const para = page.locator('section.reader .story-body p').nth(1);
      const size = () => para.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      const base = await size();
      await post(JSON.stringify({ type: 'text-size', scale: 1.3 }));
      await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--text-scale') !== '', null, SOON).catch(() => {});
      const bigger = await size();
      assert.ok(Math.abs(bigger / base - 1.3) < 0.01, `paragraph ${base}px → ${bigger}px (×${(bigger / base).toFixed(3)})`);
      await screenshot(page, 'embed-3-text-size-130', { fullPage: false });

      // The same command as a plain object (read as posted): back to 1×.
      await post({ type: 'text-size', scale: 1 });
      await page.waitForFunction(() => ['', '1'].includes(document.documentElement.style.getPropertyValue('--text-scale').trim()), null, SOON);
      assert.ok(Math.abs((await size()) - base) < 0.01, 'an object command is obeyed');
      await post(JSON.stringify({ type: 'text-size', scale: 1.3 }));
      await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--text-scale').trim() === '1.3', null, SOON);

      // Malformed or unknown: nothing happens, a warning says so.
      const state = await shown(page);
      const bad = [
        JSON.stringify({ type: 'eval', code: 'alert(1)' }),
        JSON.stringify({ type: 'open', date: '2025-13-45', page: 1 }),
        JSON.stringify({ type: 'open', date: 'tomorrow' }),
        JSON.stringify({ type: 'open', date: DATE, page: 1, article: '<img src=x onerror=alert(1)>' }),
        JSON.stringify({ type: 'open', page: 0 }),
        JSON.stringify({ type: 'text-size', scale: 9 }),
        JSON.stringify({ type: 'text-size', scale: 0.1 }),
        'not json {',
        JSON.stringify({ type: 'open', article: 'x'.repeat(5000) }),
      ];
      for (const command of bad) {
        const w = warnings.length;
        const m = (await sent(page)).length;
        await post(command);
        await page.waitForTimeout(150);
        assert.deepEqual(await shown(page), state, `nothing changed after ${command.slice(0, 80)}`);
        assert.deepEqual((await sent(page)).slice(m), [], `nothing sent to the host after ${command.slice(0, 80)}`);
        const logged = warnings.slice(w);
        assert.equal(logged.filter((t) => IGNORED.test(t)).length, 1, `one warning for ${command.slice(0, 80)}: ${JSON.stringify(logged)}`);
      }
      // A bad object is refused alike, with the field named.
      {
        const w = warnings.length;
        await post({ type: 'open', page: '2' });
        await page.waitForTimeout(150);
        assert.deepEqual(await shown(page), state, 'nothing changed after a bad object');
        const logged = warnings.slice(w).filter((t) => IGNORED.test(t));
        assert.equal(logged.length, 1, `one warning: ${JSON.stringify(warnings.slice(w))}`);
        assert.match(logged[0], /\$\.page/, `names the field: ${logged[0]}`);
      }
      assert.equal(await page.locator('img[src="x"]').count(), 0, 'no markup from a command in the page');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('open naming only a page stays in the edition shown', async () => {
    // An older edition is shown; the host asks for page 2 without a date.
    const { page, problems, close } = await openEmbed('phone', `${TEST}2000-01-01/1/?embed=1`, androidHost);
    const post = (data) => page.evaluate((d) => window.postMessage(d, location.origin), data);
    try {
      await pageReady(page);
      await post(JSON.stringify({ type: 'open', page: 2 }));
      await placeIs(page, '/test/2000-01-01/2/');
      await page.locator('.page-bar select.page-picker').evaluate((s) => s.value).then((v) => assert.equal(v, '2'));
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('a message from another origin is ignored', async () => {
    const { page, context, problems, warnings, close } = await openEmbed('desktop', '?embed=1', androidHost);
    try {
      await pageReady(page);
      await nextMessage(page, 'ready');
      // 下载本期 appears once the service worker runs the page: before the snapshot.
      await page.waitForFunction(() => !navigator.serviceWorker || !!navigator.serviceWorker.controller);
      const state = await shown(page);
      // A window of another origin (localhost is not 127.0.0.1) that this page opened.
      const other = new URL(url('embed-demo/'));
      other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
      const [popup] = await Promise.all([
        context.waitForEvent('page'),
        page.evaluate((u) => {
          window.__popup = window.open(u, 'other');
        }, `${other.origin}/embed-demo/empty-no-such-page.html`),
      ]);
      await popup.waitForLoadState('load');
      assert.equal(new URL(popup.url()).origin, other.origin, 'the popup is on the other origin');
      const w = warnings.length;
      await popup.evaluate(
        (cmd) => window.opener.postMessage(cmd, '*'),
        JSON.stringify({ type: 'open', date: DATE, page: 1, article: PROJECTS }),
      );
      await page.waitForTimeout(400);
      assert.deepEqual(await shown(page), state, 'nothing opened');
      const logged = warnings.slice(w);
      assert.ok(
        logged.some((t) => IGNORED.test(t) && t.includes(other.origin)),
        `a warning names the refused origin ${other.origin}: ${JSON.stringify(logged)}`,
      );
      await popup.close();
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('a page of another origin cannot frame the paper (frame-ancestors)', async () => {
    // A host page on another origin (another port), served without any CSP of
    // its own, so that only the paper's frame-ancestors can refuse the frame.
    const target = url('?embed=1');
    const server = http.createServer((req, res) => {
      res.writeHead(req.url === '/' ? 200 : 204, { 'content-type': 'text/html; charset=utf-8' });
      res.end(req.url === '/' ? `<!DOCTYPE html><title>other origin</title><iframe id="f" src="${target}" width="390" height="700"></iframe>` : '');
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const other = `http://127.0.0.1:${server.address().port}/`;
    assert.notEqual(new URL(other).origin, new URL(target).origin, 'really another origin');
    const { page, problems, close } = await openContext(browser, 'desktop');
    try {
      const refused = page
        .waitForEvent('console', { predicate: (m) => /frame-ancestors/.test(m.text()), timeout: 10_000 })
        .catch(() => null);
      const frameResponse = page.waitForResponse((r) => r.url() === target, SOON).catch(() => null);
      await page.goto(other, { waitUntil: 'load' });
      const res = await frameResponse;
      assertCsp(res, 'the framed paper');
      const msg = await refused;
      assert.ok(msg, 'the browser says it refused the frame because of frame-ancestors');
      const frame = page.frames().find((f) => f !== page.mainFrame());
      assert.ok(frame, 'the iframe is there');
      const booted = await frame.evaluate(() => !!document.querySelector('.epaper, #app')).catch(() => false);
      assert.equal(booted, false, `the paper does not load in the refused frame (${frame.url()})`);
      await screenshot(page, 'embed-4-cross-origin-frame-refused', { fullPage: false });
      assertNoProblems(await problems(), { allowConsole: [/frame-ancestors/] });
    } finally {
      await close();
      server.close();
    }
  });
});

describe('the host side comes with the second module', () => {
  test('commands sent at load, before any module runs, are acted on; ready follows', async () => {
    const { page, problems, warnings, close } = await openEmbed('phone', '?embed=1', both(androidHost, commandsAtLoad, watchTakeOver));
    try {
      const at = await page.evaluate(() => window.__atCommand);
      assert.deepEqual(at, { boot: 'loading', lazy: false }, 'sent before the app and its second module ran');
      await readerShows(page, PROJECTS_TITLE);
      await placeIs(page, `/${DATE}/1/${PROJECTS}/`);
      await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--text-scale').trim() === '1.3', null, SOON);
      const ready = await nextMessage(page, 'ready');
      assert.deepEqual([ready.edition, ready.page], [DATE, 1]);
      const opened = await nextMessage(page, 'article-opened');
      assert.equal(opened.id, PROJECTS);
      assert.deepEqual(warnings.filter((t) => IGNORED.test(t)), [], 'nothing refused');
      // How long ready waits for the second module (docs/embedding.md).
      const t = await page.evaluate(() => {
        const end = (re) => performance.getEntriesByType('resource').find((e) => re.test(e.name))?.responseEnd;
        const nav = performance.getEntriesByType('navigation')[0];
        return {
          load: nav.loadEventEnd,
          app: end(/changji_epaper_bg\./),
          lazy: end(/changji_epaper_lazy_bg\./),
          tookOver: window.__tookOverAt,
          ready: window.__sentAt[window.__sent.findIndex((m) => JSON.parse(m).type === 'ready')],
        };
      });
      // Asked for once: the host's start asks before the boot script would (web/boot.js).
      const downloads = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /changji_epaper_lazy_bg\./.test(e.name)).length);
      assert.equal(downloads, 1, 'the second module downloaded once');
      const ms = (v) => `${v.toFixed(0)} ms`;
      console.log(`# ready at ${ms(t.ready)}: ${ms(t.ready - t.tookOver)} after the app took the page over (${ms(t.tookOver)}); load ${ms(t.load)}, first module fetched ${ms(t.app)}, second ${ms(t.lazy)}`);
      await screenshot(page, 'embed-9-commands-at-load', { fullPage: false });
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('without a bridge object or embed=1, an open sent at load is obeyed', async () => {
    const { page, problems, close } = await openEmbed('phone', '', commandsAtLoad);
    try {
      await readerShows(page, PROJECTS_TITLE);
      await placeIs(page, `/${DATE}/1/${PROJECTS}/`);
      assert.equal(await page.locator('.masthead').count(), 1, 'not embed mode');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('a page without a host asks for the second module after its own, not with it', async () => {
    const { page, problems, close } = await openEmbed('phone', '');
    try {
      await pageReady(page);
      await page.waitForFunction(lazyFetched, null, { timeout: 20_000 });
      // The reader is the second module's: it comes once the app runs, so
      // it never competes with the first load.
      const order = await page.evaluate(() => {
        const all = performance.getEntriesByType('resource');
        const first = all.find((e) => /changji_epaper_bg\./.test(e.name));
        const lazy = all.find((e) => /changji_epaper_lazy/.test(e.name));
        return { firstEnd: first.responseEnd, lazyStart: lazy.startTime };
      });
      assert.ok(order.lazyStart >= order.firstEnd, `asked for after the first module came (${JSON.stringify(order)})`);
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('the second module fails: the page works, a story says so and 重试 opens it, the host hears nothing, 分享 uses the web', async () => {
    // No service worker: its own requests would pass the route.
    const lazy = /changji_epaper_lazy_bg\./;
    const { page, problems, close } = await openContext(browser, 'phone', {
      serviceWorkers: 'block', initScript: both(androidHost, watchWebShare), routes: [[lazy, (route) => route.abort('internetdisconnected')]],
    });
    try {
      const noSide = page.waitForEvent('console', { predicate: (m) => /no host side/.test(m.text()), ...WAIT });
      await page.goto(url('?embed=1'), { waitUntil: 'load' });
      await tookOver(page);
      await pageReady(page);
      await noSide;
      await tapLead(page);
      const failed = page.locator('#app section.reader [role=alert]', { hasText: '文章没有打开：请检查网络连接后重试。' });
      await failed.waitFor(WAIT);
      await page.unroute(lazy);
      await failed.getByRole('button', { name: '重试' }).tap();
      await readerShows(page, LEAD_TITLE);
      await page.locator('section.reader .reader-bar button', { hasText: '分享' }).tap();
      await page.waitForFunction(() => window.__webShare.length > 0, null, SOON);
      assert.equal((await page.evaluate(() => window.__webShare))[0][0], 'share', 'Web Share');
      assert.deepEqual(await sent(page), [], 'the host heard nothing');
      assertNoProblems(await problems(), { allowConsole: [/changji_epaper_lazy/, /\[昌吉日报数字报\] (lazy module|no host side)/] });
    } finally {
      await close();
    }
  });
});

describe('back button in embed mode', () => {
  test('back closes the reader, then steps back through pages; never a blank state', async () => {
    const { page, problems, close } = await openEmbed('phone', `${TEST}?embed=1`, androidHost);
    const assertShowsPage = async (when) => {
      if (!page.url().startsWith(BASE_URL)) return; // left the paper: the host's business
      await page.locator('.stage .page img.page-image, .stage .page .page-missing').first().waitFor(SOON).catch(() => {});
      const s = await shown(page);
      assert.ok(s.page && s.regions > 0, `${when}: a page is shown ${JSON.stringify(s)}`);
      assert.match(s.path, /^\/(test\/)?\d{4}-\d\d-\d\d\/\d+\/([\w-]+\/)?$/, `${when}: a place in the path`);
    };
    try {
      await pageReady(page);
      await placeIs(page, '/test/2000-01-03/1/');
      // Open an article from the page, then back: the reader closes.
      await page.locator('svg.regions a.region[data-article="p01-03"]').first().tap();
      await page.locator('section.reader').waitFor(WAIT);
      await placeIs(page, '/test/2000-01-03/1/p01-03/');
      await page.goBack();
      await page.locator('section.reader').waitFor({ state: 'detached', ...SOON });
      await placeIs(page, '/test/2000-01-03/1/');
      await assertShowsPage('reader closed by back');

      // Turn to page 2, then 3; back, back: 2, then 1.
      await page.locator('.page-bar .button', { hasText: '下一版' }).tap();
      await placeIs(page, '/test/2000-01-03/2/');
      await page.locator('.page-bar .button', { hasText: '下一版' }).tap();
      await placeIs(page, '/test/2000-01-03/3/');
      // An article on page 3, and 下一篇 inside the reader: one back still returns to the page.
      await page.locator('svg.regions a.region[aria-label]').first().tap();
      await page.locator('section.reader').waitFor(WAIT);
      const next = page.locator('section.reader .step.next');
      if (await next.count()) await next.tap();
      await page.goBack();
      await page.locator('section.reader').waitFor({ state: 'detached', ...SOON });
      await placeIs(page, '/test/2000-01-03/3/');
      await assertShowsPage('after closing the reader on page 3');
      await page.goBack();
      await placeIs(page, '/test/2000-01-03/2/');
      await assertShowsPage('back to page 2');
      assert.equal(await page.locator('.page-bar select.page-picker').inputValue(), '2');
      await page.goBack();
      await placeIs(page, '/test/2000-01-03/1/');
      await assertShowsPage('back to page 1');
      await pageReady(page);
      await screenshot(page, 'embed-5-back-to-page1', { fullPage: false });
      // One more back leaves the paper (the host closes it); it never shows an empty app.
      await page.goBack().catch(() => {});
      await assertShowsPage('after the last back');
      assert.ok(!page.url().startsWith(BASE_URL), `the first entry was page 1: back leaves the paper (${page.url()})`);
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

describe('safe areas', () => {
  test('embed mode keeps clear of notches and home indicators (env(safe-area-inset-*))', async () => {
    const { page, problems, close } = await openEmbed('phone', `${DATE}/1/${LEAD}/?embed=1`, androidHost);
    try {
      await readerShows(page, LEAD_TITLE);
      const rules = await page.evaluate(() => {
        const out = [];
        const walk = (list, media) => {
          for (const r of list) {
            if (r.cssRules && !r.selectorText) walk(r.cssRules, r.conditionText || media);
            else if (r.selectorText) out.push({ selector: r.selectorText, media, css: r.style.cssText });
          }
        };
        for (const sheet of document.styleSheets) walk(sheet.cssRules, '');
        return out;
      });
      const uses = (selector, inset, prop) =>
        rules.some(
          (r) =>
            r.selector.split(',').map((s) => s.trim()).includes(selector) &&
            new RegExp(`${prop}[^;]*env\\(safe-area-inset-${inset}`).test(r.css),
        );
      assert.ok(uses('.embed .workspace', 'top', 'padding-top'), '.embed .workspace: padding-top from env(safe-area-inset-top)');
      assert.ok(uses('.page-bar', 'bottom', 'padding-bottom'), '.page-bar: padding-bottom from env(safe-area-inset-bottom)');
      assert.ok(uses('.reader', 'top', 'padding-top'), '.reader (phone sheet): padding-top from env(safe-area-inset-top)');
      assert.ok(uses('.reader', 'left', 'padding-left'), '.reader: padding-left from env(safe-area-inset-left)');
      assert.ok(uses('.reader', 'right', 'padding-right'), '.reader: padding-right from env(safe-area-inset-right)');
      assert.ok(uses('.reader-steps', 'bottom', 'padding-bottom'), '.reader-steps: padding-bottom from env(safe-area-inset-bottom)');
      const viewport = await page.locator('meta[name=viewport]').getAttribute('content');
      assert.match(viewport, /viewport-fit=cover/, 'viewport-fit=cover, so the insets apply');
      await screenshot(page, 'embed-6-phone-reader', { fullPage: false });
      await page.locator('section.reader .reader-bar .back').tap();
      await pageReady(page);
      await screenshot(page, 'embed-7-phone-page', { fullPage: false });
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

describe('the embed demo page', () => {
  test('its log shows ready from the framed app, and its button opens 百舸争流千帆竞', async () => {
    const { page, problems, close } = await openContext(browser, 'desktop');
    try {
      const res = await page.goto(url('embed-demo/'), { waitUntil: 'load' });
      assertCsp(res, 'embed-demo/');
      const log = page.locator('#log');
      await log.locator('li', { hasText: '"type":"ready"' }).waitFor(SOON);
      assert.match(await log.innerText(), /"edition":"2025-05-21"/);
      const frame = page.frameLocator('#epaper');
      await frame.locator('.stage img.page-image.sharp').waitFor(WAIT);
      assert.equal(await frame.locator('.masthead').count(), 0, 'embedded: no masthead');

      await page.getByRole('button', { name: '打开《百舸争流千帆竞》' }).click();
      await frame.locator('section.reader #reader-title').filter({ hasText: PROJECTS_TITLE }).waitFor(WAIT);
      await log.locator('li', { hasText: `"id":"${PROJECTS}"` }).waitFor(SOON);
      await page.getByRole('button', { name: '非法命令（应被忽略）' }).click();
      await page.waitForTimeout(200);
      await frame.locator('section.reader #reader-title').filter({ hasText: PROJECTS_TITLE }).waitFor(SOON);
      await screenshot(page, 'embed-8-demo', { fullPage: false });
      const appFrame = page.frames().find((f) => f !== page.mainFrame());
      const violations = await appFrame.evaluate(() => window.__cspViolations || []);
      assert.deepEqual(violations, [], 'no CSP violations in the framed app');
      // (The demo page has no icon of its own: the browser's /favicon.ico request 404s.)
      assertNoProblems(await problems(), { allowConsole: [/favicon\.ico/] });
    } finally {
      await close();
    }
  });

  test('iframe mode: a same-origin parent gets the messages too', async () => {
    const { page, problems, close } = await openContext(browser, 'desktop');
    try {
      await page.goto(url('embed-demo/'), { waitUntil: 'load' });
      await page.locator('#log li', { hasText: '"type":"ready"' }).waitFor(SOON);
      await page.getByLabel('网页 iframe（postMessage）').check();
      const frame = page.frameLocator('#epaper');
      await frame.locator('.stage img.page-image.sharp').waitFor(WAIT);
      await page.locator('#log li', { hasText: '"type":"ready"' }).waitFor(SOON).catch(() => {});
      const log = await page.locator('#log').innerText();
      assert.match(log, /"type":"ready"/, `the framing page got ready by postMessage; log: ${JSON.stringify(log)}`);
      assertNoProblems(await problems(), { allowConsole: [/favicon\.ico/] });
    } finally {
      await close();
    }
  });
});
