#!/usr/bin/env node
// The e-paper against the Founder-style baseline (make-baseline.mjs), on the
// served site (BENCH_BASE_URL), with playwright-core and CDP. See README.md for
// what each figure measures. Writes the "measure" part of results/latest.json.
//
// Environment: BENCH_BASE_URL, RUNS (default 5), CONDITIONS (default "mobile,none").
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { CONDITIONS, PHONE, launch, log, saveResult, sleep, stats, throttle, url } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '../..');
const RUNS = Number(process.env.RUNS || 5);
const WANT = (process.env.CONDITIONS || 'mobile,none').split(',');
const WAIT = 60_000;

const LEAD = 'computing-centre';
// A point inside the lead story's region, in page master pixels (2400 wide):
// the middle of its big title line (as in tests/e2e/reading.test.mjs).
const LEAD_POINT = [850, 640];
/** How long a reader looks at the page before tapping (TAP_PAUSE_MS). */
const TAP_PAUSE_MS = Number(process.env.TAP_PAUSE_MS ?? 1000);
/** TAP_ONLY=1: loads and taps only (no page turns, no memory), for A/B runs of the tap. */
const TAP_ONLY = !!process.env.TAP_ONLY;
/** TAP_NOW=0: skip the immediate tap (the earlier figure, a context of its own per run). */
const TAP_NOW = process.env.TAP_NOW !== '0';

const SITES = {
  epaper: {
    name: 'e-paper',
    front: '',
    test: 'test/',
    image: 'img.page-image',
  },
  baseline: {
    name: 'baseline',
    front: 'baseline/editions/2025-05-21/node_01.html',
    test: 'baseline/test-editions/2000-01-03/node_01.html',
    image: 'img[usemap]',
  },
};

// ---------------------------------------------------------------------------
// Runs in every document before its own scripts (CSP does not apply to it).
function instrument() {
  const B = (window.__bench = { lcp: [], paints: {}, imgShown: [], taps: [], marks: {} });
  const afterPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        // The task after the frame's rAF callbacks runs once the frame is produced.
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now());
        ch.port2.postMessage(0);
      }),
    );
  B.afterPaint = afterPaint;
  // Resolves (with the time after the next paint) once test() holds, checking on
  // every DOM change.
  B.whenPainted = (test) =>
    new Promise((resolve) => {
      let done = false;
      const check = () => {
        if (done || !test()) return;
        done = true;
        mo.disconnect();
        document.removeEventListener('load', check, true);
        afterPaint().then(resolve);
      };
      const mo = new MutationObserver(check);
      mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      // Image loads change no DOM: listen for them too (capture: load does not bubble).
      document.addEventListener('load', check, true);
      check();
    });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const el = e.element;
        B.lcp.push({
          time: e.renderTime || e.loadTime || e.startTime,
          renderTime: e.renderTime,
          loadTime: e.loadTime,
          tag: el ? el.tagName : null,
          cls: el && typeof el.className === 'string' ? el.className : null,
          url: e.url || null,
          size: e.size,
        });
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.paints[e.name] = e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch {
    // old engine
  }
  // The article's text painted, as the browser reports it: Element Timing
  // (the presentation time of the frame that first painted an element with
  // an `elementtiming` attribute). The attribute is set here, by the bench,
  // on the title and the first paragraph as soon as they are in the DOM (a
  // mutation observer runs before the next paint), the same way for both
  // sites. Unlike a rAF + message after the mutation, this does not count
  // whatever other tasks the page had queued behind the frame.
  B.elements = {};
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!(e.identifier in B.elements)) B.elements[e.identifier] = e.renderTime || e.loadTime;
      }
    }).observe({ type: 'element', buffered: true });
  } catch {
    // no Element Timing: the frame-based figure stands alone
  }
  const TEXT = [
    ['#reader-title, #title', 'article-title'],
    ['.story-body p, article > p:not([class])', 'article-text'],
  ];
  new MutationObserver(() => {
    for (const [sel, id] of TEXT) {
      const el = document.querySelector(sel);
      if (el && el.getAttribute('elementtiming') !== id) el.setAttribute('elementtiming', id);
    }
  }).observe(document, { subtree: true, childList: true });
  // Both pieces of text painted: the later of the two, or null (not yet).
  B.textPainted = () => {
    const t = B.elements['article-title'];
    const p = B.elements['article-text'];
    return t != null && p != null ? Math.max(t, p) : null;
  };
  // Taps: the first touchstart/pointerdown of each tap, kept across documents.
  const onDown = (e) => {
    const now = e.timeStamp;
    const last = B.taps[B.taps.length - 1];
    if (last && now - last < 50) return;
    B.taps.push(now);
    try {
      sessionStorage.setItem('bench-tap', String(performance.timeOrigin + now));
    } catch {
      // storage off
    }
  };
  addEventListener('touchstart', onDown, { capture: true, passive: true });
  addEventListener('pointerdown', onDown, { capture: true, passive: true });
  // A page image of the baseline (one document per page): when it is shown.
  const visible = (img) => img.complete && img.naturalWidth > 0;
  document.addEventListener('DOMContentLoaded', () => {
    const img = document.querySelector('img[usemap]');
    if (img) {
      B.whenPainted(() => visible(img)).then((t) => {
        B.marks.imageShown = t;
        B.marks.imageShownAbs = performance.timeOrigin + t;
      });
    }
    if (/content_[^/]*\.html$/.test(location.pathname)) {
      B.whenPainted(() => {
        const title = document.querySelector('#title');
        return title && title.textContent.trim() && document.querySelector('article p:not(.column):not(.kicker)');
      }).then((t) => {
        B.marks.articleShown = t;
        B.marks.articleShownAbs = performance.timeOrigin + t;
      });
    }
  });
  // The e-paper: when its page picture is loaded and shown, on the published
  // page itself (before the app takes over) or, where there is none, the app's.
  B.whenPainted(() => {
    const img = document.querySelector('#app img.page-image');
    return img && visible(img) && (img.classList.contains('sharp') || img.closest('[data-published]'));
  }).then((t) => {
    B.marks.imageShown = t;
    B.marks.imageShownAbs = performance.timeOrigin + t;
  });
}

// ---------------------------------------------------------------------------
// Network bookkeeping on the page's CDP session.
function recordNetwork(cdp) {
  const reqs = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    const r = reqs.get(e.requestId) || {};
    reqs.set(e.requestId, { ...r, url: e.request.url, type: e.type, start: e.timestamp });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = reqs.get(e.requestId);
    if (r) Object.assign(r, { status: e.response.status, mime: e.response.mimeType, encoding: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '' });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = reqs.get(e.requestId);
    if (r) Object.assign(r, { bytes: e.encodedDataLength, end: e.timestamp });
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = reqs.get(e.requestId);
    if (r) Object.assign(r, { failed: e.errorText, end: e.timestamp, bytes: 0 });
  });
  return {
    reset: () => reqs.clear(),
    list: () => [...reqs.values()],
  };
}

function kindOf(r) {
  const u = r.url.split('?')[0];
  if (/\.wasm$/.test(u)) return 'wasm';
  if (/\.js$/.test(u)) return 'js';
  if (/\.css$/.test(u)) return 'css';
  if (/\.json$/.test(u)) return 'json';
  if (/\.(jpe?g|png|svg|webp|avif)$/.test(u)) return 'image';
  return 'html';
}

/** Bytes received (encodedDataLength: headers + body as sent) up to the page image's loadingFinished. */
function bytesUntil(net, imageUrl) {
  const all = net.list();
  const image = all.find((r) => r.url === imageUrl && r.end != null);
  if (!image) return { total: null, note: `no finished request for ${imageUrl}` };
  const by = {};
  let total = 0;
  const counted = [];
  const t0 = Math.min(...all.filter((r) => r.start != null).map((r) => r.start));
  const ms = (t) => Math.round((t - t0) * 1000);
  for (const r of all) {
    if (r.end == null || r.end > image.end || !r.bytes) continue;
    total += r.bytes;
    by[kindOf(r)] = (by[kindOf(r)] || 0) + r.bytes;
    counted.push(`${ms(r.start)}→${ms(r.end)} ms ${r.status || '-'} ${r.bytes} B ${r.encoding || 'identity'} ${r.url.replace(/^https?:\/\/[^/]+\//, '/')}`);
  }
  return { total, by, counted };
}

// ---------------------------------------------------------------------------
async function newPage(browser, condition) {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const cdp = await throttle(context, page, condition);
  const net = recordNetwork(cdp);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, cdp, net, errors };
}

/** Navigates and waits until the page image is shown; returns facsimile timings. */
async function loadFront(h, site, relative) {
  h.net.reset();
  await h.page.goto(url(relative), { waitUntil: 'commit', timeout: WAIT });
  await h.page.waitForFunction(() => window.__bench?.marks.imageShown != null, null, { timeout: WAIT, polling: 100 });
  // LCP entries are reported asynchronously after the paint: give them a moment.
  await h.page
    .waitForFunction(
      (sel) => window.__bench.lcp.some((e) => e.tag === 'IMG' && document.querySelector(sel)?.currentSrc === e.url),
      site.image,
      { timeout: 1500, polling: 100 },
    )
    .catch(() => {});
  const info = await h.page.evaluate((sel) => {
    const B = window.__bench;
    const img = document.querySelector(sel);
    const src = img?.currentSrc;
    const lcp = B.lcp.filter((e) => e.tag === 'IMG' && e.url === src);
    const last = B.lcp[B.lcp.length - 1];
    return {
      src,
      lcpImage: lcp.length ? lcp[0].time : null,
      lcpAny: last ? last.time : null,
      lcpAnyWhat: last ? `${last.tag}.${last.cls || ''} ${last.url || ''}`.trim() : null,
      shown: B.marks.imageShown,
      fcp: B.paints['first-contentful-paint'] ?? null,
      natural: img ? `${img.naturalWidth}×${img.naturalHeight}` : null,
    };
  }, site.image);
  const bytes = bytesUntil(h.net, info.src);
  return {
    ...info,
    // Facsimile painted: the LCP entry of the page image when there is one, else
    // the frame after the image was loaded and shown.
    painted: info.lcpImage ?? info.shown,
    method: info.lcpImage != null ? 'lcp' : 'load+frame',
    bytes,
  };
}

/** Tap at a point of the page given in master pixels; returns client coordinates. */
async function pointOnPage(page, sel, master, masterWidth) {
  return page.evaluate(
    ({ sel, master, masterWidth }) => {
      const img = document.querySelector(sel);
      const r = img.getBoundingClientRect();
      const s = r.width / masterWidth;
      return { x: r.left + master[0] * s, y: r.top + master[1] * s };
    },
    { sel, master, masterWidth },
  );
}

async function tapArticle(h, siteKey, site, pauseMs) {
  const { page } = h;
  if (siteKey === 'epaper') {
    // Tap → text of the app (a tap before it takes over is a page load, as the baseline's).
    await page.waitForFunction(() => !document.querySelector('#app[data-published], .app-twin'), null, { timeout: WAIT });
  }
  // A reader looks at the page before tapping a story: the same pause on both
  // sites, counted from the moment the app has taken over (e-paper) and the
  // sharp picture is shown.
  if (pauseMs) {
    await waitShown(page, '');
    await sleep(pauseMs);
  }
  const p = await pointOnPage(page, site.image, LEAD_POINT, 2400);
  if (siteKey === 'epaper') {
    const done = page.evaluate(() =>
      window.__bench.whenPainted(() => {
        const t = document.querySelector('#reader-title');
        return t && t.textContent.trim() && document.querySelector('.story-body p');
      }),
    );
    await page.evaluate(() => (window.__bench.taps = []));
    await page.touchscreen.tap(p.x, p.y);
    const end = await done;
    await page.waitForFunction(() => window.__bench.textPainted() != null, null, { timeout: 3000, polling: 50 }).catch(() => {});
    const r = await page.evaluate(() => ({
      tap: window.__bench.taps[0],
      painted: window.__bench.textPainted(),
      title: document.querySelector('#reader-title')?.textContent,
      article: location.pathname,
    }));
    if (!r.article.includes(LEAD)) throw new Error(`tap opened ${r.article}, not ${LEAD}`);
    const frameMs = end - r.tap;
    return { ms: r.painted != null ? r.painted - r.tap : frameMs, frameMs, method: r.painted != null ? 'element' : 'frame', title: r.title };
  }
  await page.touchscreen.tap(p.x, p.y);
  await page.waitForURL(/content_computing-centre\.html$/, { timeout: WAIT, waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench?.marks.articleShownAbs != null, null, { timeout: WAIT, polling: 50 });
  await page.waitForFunction(() => window.__bench.textPainted() != null, null, { timeout: 3000, polling: 50 }).catch(() => {});
  const r = await page.evaluate(() => ({
    tap: Number(sessionStorage.getItem('bench-tap')),
    end: window.__bench.marks.articleShownAbs,
    painted: window.__bench.textPainted() == null ? null : performance.timeOrigin + window.__bench.textPainted(),
    fcpAbs: performance.timeOrigin + (window.__bench.paints['first-contentful-paint'] ?? NaN),
    title: document.querySelector('#title')?.textContent,
  }));
  const frameMs = r.end - r.tap;
  return {
    ms: r.painted != null ? r.painted - r.tap : frameMs,
    frameMs,
    method: r.painted != null ? 'element' : 'frame',
    fcpMs: r.fcpAbs - r.tap,
    title: r.title,
  };
}

/** Taps 下一版 (or 上一版) and waits until page `to`'s image is shown. */
async function turn(h, siteKey, to, label = '下一版') {
  const { page } = h;
  const file = `page-0${to}.svg`;
  if (siteKey === 'epaper') {
    const button = page.locator('.page-bar .button', { hasText: label });
    const box = await button.boundingBox();
    const done = page.evaluate(
      (file) =>
        window.__bench.whenPainted(() => {
          const img = document.querySelector('img.page-image.sharp');
          return img && img.complete && img.naturalWidth > 0 && img.currentSrc.endsWith(file);
        }),
      file,
    );
    await page.evaluate(() => (window.__bench.taps = []));
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    const end = await done;
    const tap = await page.evaluate(() => window.__bench.taps[0]);
    return end - tap;
  }
  const link = page.locator('nav.pager a', { hasText: label }).first();
  const box = await link.boundingBox();
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForURL(new RegExp(`node_0${to}\\.html$`), { timeout: WAIT, waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench?.marks.imageShownAbs != null, null, { timeout: WAIT, polling: 50 });
  const r = await page.evaluate(() => ({
    tap: Number(sessionStorage.getItem('bench-tap')),
    end: window.__bench.marks.imageShownAbs,
    src: document.querySelector('img[usemap]')?.currentSrc,
  }));
  if (!r.src.endsWith(file)) throw new Error(`baseline turned to ${r.src}`);
  return r.end - r.tap;
}

async function waitShown(page, file) {
  await page.waitForFunction(
    (file) => {
      const img = document.querySelector('img.page-image.sharp, img[usemap]');
      return img && img.complete && img.naturalWidth > 0 && img.currentSrc.endsWith(file);
    },
    file,
    { timeout: WAIT, polling: 100 },
  );
}

/** JS heap after GC, DOM nodes, and WebAssembly memories (Runtime.queryObjects). */
async function memory(h) {
  await h.cdp.send('HeapProfiler.enable');
  await h.cdp.send('HeapProfiler.collectGarbage');
  await h.cdp.send('Performance.enable');
  const { metrics } = await h.cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  let wasm = 0;
  try {
    const proto = await h.cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const { objects } = await h.cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
    const sum = await h.cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: 'function () { return this.reduce((s, m) => s + m.buffer.byteLength, 0); }',
      returnByValue: true,
    });
    wasm = sum.result.value;
  } catch (e) {
    log('wasm memory query failed:', e.message);
  }
  return { jsHeapUsed: m.JSHeapUsedSize, jsHeapTotal: m.JSHeapTotalSize, nodes: m.Nodes, wasm, total: m.JSHeapUsedSize + wasm };
}

async function memoryRun(browser, siteKey, site) {
  const h = await newPage(browser, CONDITIONS.none);
  try {
    const { page } = h;
    await page.goto(url(site.test), { waitUntil: 'load', timeout: WAIT });
    await waitShown(page, 'page-01.svg');
    for (let to = 2; to <= 5; to++) {
      if (siteKey === 'epaper') {
        await page.locator('.page-bar .button', { hasText: '下一版' }).click();
      } else {
        await page.locator('nav.pager a', { hasText: '下一版' }).first().click();
      }
      await waitShown(page, `page-0${to}.svg`);
    }
    for (const id of ['p05-01', 'p05-02', 'p05-03']) {
      if (siteKey === 'epaper') {
        await page.locator(`.regions a[data-article="${id}"]`).first().dispatchEvent('click');
        await page.locator('#reader-title').waitFor({ timeout: WAIT });
        await page.waitForFunction((id) => location.pathname.endsWith(`/${id}/`), id, { timeout: WAIT });
        await page.locator('.reader .back').click();
        await page.locator('section.reader').waitFor({ state: 'detached', timeout: WAIT });
      } else {
        await page.goto(url(site.test.replace('node_01.html', `content_${id}.html`)), { waitUntil: 'load' });
        await page.goBack({ waitUntil: 'load' });
      }
    }
    await sleep(300);
    return await memory(h);
  } finally {
    await h.context.close();
  }
}

// ---------------------------------------------------------------------------
async function frontRun(browser, condition, siteKey, site) {
  const h = await newPage(browser, condition);
  try {
    const cold = await loadFront(h, site, site.front);
    const warm = await loadFront(h, site, site.front);
    const tap = await tapArticle(h, siteKey, site, TAP_PAUSE_MS);
    if (h.errors.length) log(`${site.name}: page errors:`, h.errors.join(' | '));
    return { cold, warm, tap };
  } finally {
    await h.context.close();
  }
}

/**
 * The earlier figure: the same tap as soon as the app has taken over, in a
 * context of its own with the same history (a cold and a warm load): in the
 * context above the story was opened already, and its text, its page (the
 * baseline's) and the code caches would be warm.
 */
async function tapNowRun(browser, condition, siteKey, site) {
  const h = await newPage(browser, condition);
  try {
    await loadFront(h, site, site.front);
    await loadFront(h, site, site.front);
    return await tapArticle(h, siteKey, site, 0);
  } finally {
    await h.context.close();
  }
}

async function turnRun(browser, condition, siteKey, site) {
  const h = await newPage(browser, condition);
  try {
    await h.page.goto(url(site.test), { waitUntil: 'commit', timeout: WAIT });
    await waitShown(h.page, 'page-01.svg');
    await sleep(200);
    const first = await turn(h, siteKey, 2); // page 2 never seen: its image comes over the network
    await sleep(200);
    await turn(h, siteKey, 1, '上一版');
    await sleep(200);
    const warm = await turn(h, siteKey, 2); // everything cached
    return { first, warm };
  } finally {
    await h.context.close();
  }
}

/**
 * App code of the first load as the server sends it, counted as
 * scripts/size-report.sh counts it: the precompressed .gz (zopfli) and .br
 * (brotli -q 11) beside each hashed asset, nginx's on-the-fly level 6 for
 * index.html.
 */
function appCodeSize() {
  // The staged site (run.sh) is what was measured; dist/ may have been rebuilt since.
  const dist = process.env.BENCH_SITE || path.join(ROOT, 'dist');
  // What the shell itself loads (href, src, data-wasm), not the second module
  // it names in data-lazy-* and loads only when search or 往期 is opened.
  const shell = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...shell.matchAll(/\s(?:href|src|data-wasm)="[^"]*?assets\/([^"]+\.(?:wasm|js|css))"/g)]
    .map((m) => path.join(dist, 'assets', m[1]))
    .filter((f, i, all) => all.indexOf(f) === i);
  if (!files.some((f) => f.endsWith('.wasm'))) throw new Error(`no module referenced by ${dist}/index.html`);
  files.push(path.join(dist, 'index.html'));
  const FLY_LEVEL = 6; // gzip_comp_level / brotli_comp_level in deploy/nginx/epaper.conf
  const sent = (f, ext, compress) => (fs.existsSync(`${f}.${ext}`) ? fs.statSync(`${f}.${ext}`).size : compress().length);
  const parts = files.map((f) => {
    const raw = fs.readFileSync(f);
    return {
      file: path.relative(dist, f),
      raw: raw.length,
      gzip: sent(f, 'gz', () => zlib.gzipSync(raw, { level: FLY_LEVEL })),
      brotli: sent(f, 'br', () => zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: FLY_LEVEL } })),
    };
  });
  const sum = (k) => parts.reduce((s, p) => s + p[k], 0);
  return { parts, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}

async function main() {
  const browser = await launch();
  const out = { runs: RUNS, device: PHONE, conditions: {}, appCode: appCodeSize() };
  const started = Date.now();
  try {
    for (const condKey of WANT) {
      const condition = CONDITIONS[condKey];
      const raw = { epaper: [], baseline: [] };
      const turns = { epaper: [], baseline: [] };
      for (let i = 0; i < RUNS; i++) {
        // Alternate which site goes first, so neither always runs on a cooler machine.
        const order = i % 2 ? ['baseline', 'epaper'] : ['epaper', 'baseline'];
        for (const key of order) {
          try {
            raw[key].push(await frontRun(browser, condition, key, SITES[key]));
          } catch (e) {
            log(`${condKey} ${key} front run ${i + 1} failed: ${e.message.split('\n')[0]}`);
            raw[key].push(null);
          }
          if (TAP_NOW) {
            try {
              const now = await tapNowRun(browser, condition, key, SITES[key]);
              if (raw[key].at(-1)) raw[key].at(-1).tapNow = now;
            } catch (e) {
              log(`${condKey} ${key} immediate tap run ${i + 1} failed: ${e.message.split('\n')[0]}`);
            }
          }
          if (TAP_ONLY) continue;
          try {
            turns[key].push(await turnRun(browser, condition, key, SITES[key]));
          } catch (e) {
            log(`${condKey} ${key} turn run ${i + 1} failed: ${e.message.split('\n')[0]}`);
            turns[key].push(null);
          }
        }
        log(`${condKey}: run ${i + 1}/${RUNS} done (${Math.round((Date.now() - started) / 1000)} s)`);
      }
      const summary = {};
      for (const key of ['epaper', 'baseline']) {
        const r = raw[key];
        const t = turns[key];
        const first = r.find(Boolean);
        summary[key] = {
          bytesCold: stats(r.map((x) => x?.cold.bytes.total)),
          bytesWarm: stats(r.map((x) => x?.warm.bytes.total)),
          paintedCold: stats(r.map((x) => x?.cold.painted)),
          paintedWarm: stats(r.map((x) => x?.warm.painted)),
          fcpCold: stats(r.map((x) => x?.cold.fcp)),
          tap: stats(r.map((x) => x?.tap.ms)),
          // The earlier method, kept beside it: the frame after the text is in
          // the DOM, seen from a rAF + message (includes tasks queued behind it).
          tapFrame: stats(r.map((x) => x?.tap.frameMs)),
          tapMethods: [...new Set(r.map((x) => x?.tap.method))],
          tapPauseMs: TAP_PAUSE_MS,
          // Tapped as soon as the app had taken over (the figure before session 5).
          tapNow: stats(r.map((x) => x?.tapNow?.ms)),
          turnFirst: stats(t.map((x) => x?.first)),
          turnWarm: stats(t.map((x) => x?.warm)),
          methods: {
            cold: [...new Set(r.map((x) => x?.cold.method))],
            warm: [...new Set(r.map((x) => x?.warm.method))],
          },
          detail: first && {
            image: first.cold.src,
            natural: first.cold.natural,
            lcpAnyCold: first.cold.lcpAnyWhat,
            bytesByKindCold: first.cold.bytes.by,
            requestsCold: first.cold.bytes.counted,
            requestsWarm: first.warm.bytes.counted,
            tapTitle: first.tap.title,
            tapFcpMs: first.tap.fcpMs ?? null,
          },
        };
      }
      out.conditions[condKey] = { label: condition.label, ...summary };
    }
    const mem = { epaper: [], baseline: [] };
    for (let i = 0; i < (TAP_ONLY ? 0 : RUNS); i++) {
      for (const key of ['epaper', 'baseline']) {
        try {
          mem[key].push(await memoryRun(browser, key, SITES[key]));
        } catch (e) {
          log(`memory ${key} run ${i + 1} failed: ${e.message.split('\n')[0]}`);
          mem[key].push(null);
        }
      }
    }
    out.memory = {};
    for (const key of ['epaper', 'baseline']) {
      out.memory[key] = {
        total: stats(mem[key].map((x) => x?.total)),
        jsHeapUsed: stats(mem[key].map((x) => x?.jsHeapUsed)),
        wasm: stats(mem[key].map((x) => x?.wasm)),
        nodes: stats(mem[key].map((x) => x?.nodes)),
      };
    }
    out.memory.note =
      'performance.measureUserAgentSpecificMemory needs cross-origin isolation, which the production headers do not give: ' +
      'JSHeapUsedSize (Performance.getMetrics, after a forced GC) + the byteLength of every WebAssembly.Memory (Runtime.queryObjects). ' +
      'The baseline keeps only the current document (each page is a new document).';
  } finally {
    await browser.close();
  }
  out.seconds = Math.round((Date.now() - started) / 1000);
  saveResult('measure', out);
  log(`measure: done in ${out.seconds} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
