#!/usr/bin/env node
// The warm open with the service worker (web/sw.js) against the same open
// without it and against the baseline: the facsimile painted on the second
// open of the front page in the same browser context, and the bytes that
// crossed the network for it; plus the open with no network at all.
//
// Throttling: CDP's network emulation on a page does not reach the requests a
// service worker makes, so this part sends every request (page and worker,
// e-paper and baseline) through a small proxy that adds the latency and shares
// one link of the given bandwidth; the CPU is slowed with CDP on the page as
// in measure.mjs (the worker's own JavaScript is not slowed: it is small).
//
// Run: tools/bench/run.sh offline (or with BENCH_BASE_URL set: node tools/bench/offline.mjs).
// Environment: RUNS (default 5), CONDITIONS (default "mobile,none").
// Writes results/offline.json and results/offline.md (its own files: the other
// parts share latest.json) and prints the table.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CONDITIONS, PHONE, RESULTS_DIR, launch, log, stats } from './lib.mjs';

const RUNS = Number(process.env.RUNS || 5);
const WANT = (process.env.CONDITIONS || 'mobile,none').split(',');
const TARGET = new URL(process.env.BENCH_BASE_URL || 'http://127.0.0.1:8282/');
const WAIT = 60_000;
const FRONT = { epaper: '', baseline: 'baseline/editions/2025-05-21/node_01.html' };
const IMAGE = { epaper: '#app img.page-image', baseline: 'img[usemap]' };

/**
 * A TCP proxy to TARGET: each chunk waits half the round trip, then the one
 * shared link of each direction carries it at `bytesPerSecond`. Counts the
 * bytes sent down to the browser.
 */
function proxy(network) {
  const half = network ? network.latency / 2 : 0;
  const links = { down: { free: 0, rate: network?.downloadThroughput }, up: { free: 0, rate: network?.uploadThroughput } };
  const counter = { down: 0 };
  const pipe = (from, to, link, count) => {
    let pending = 0;
    let ended = false;
    from.on('data', (chunk) => {
      if (count) counter.down += chunk.length;
      if (!network) return void to.write(chunk);
      const start = Math.max(Date.now() + half, link.free);
      link.free = start + (chunk.length / link.rate) * 1000;
      pending++;
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
        if (--pending === 0 && ended) to.end();
      }, link.free - Date.now());
    });
    from.on('end', () => {
      ended = true;
      if (pending === 0) to.end();
    });
    from.on('error', () => to.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(TARGET.port), TARGET.hostname);
    pipe(client, upstream, links.up, false);
    pipe(upstream, client, links.down, true);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, counter, links, origin: `http://127.0.0.1:${server.address().port}/` })),
  );
}

// Runs in every document: when the page picture is painted (its LCP entry, else
// the frame after it is loaded and shown).
function instrument() {
  const B = (window.__bench = { lcp: [], shown: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.lcp.push({ time: e.renderTime || e.loadTime || e.startTime, url: e.url, tag: e.element?.tagName });
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {
    // old engine
  }
  const check = () => {
    const img = document.querySelector('#app img.page-image, img[usemap]');
    if (B.shown == null && img && img.complete && img.naturalWidth > 0) {
      requestAnimationFrame(() => setTimeout(() => { B.shown ??= performance.now(); }, 0));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('load', check, true);
}

async function painted(page, site) {
  await page.waitForFunction(() => window.__bench?.shown != null, null, { timeout: WAIT, polling: 50 });
  await page
    .waitForFunction((sel) => window.__bench.lcp.some((e) => e.tag === 'IMG' && e.url === document.querySelector(sel)?.currentSrc), IMAGE[site], { timeout: 1500, polling: 100 })
    .catch(() => {});
  return page.evaluate((sel) => {
    const src = document.querySelector(sel)?.currentSrc;
    const lcp = window.__bench.lcp.find((e) => e.tag === 'IMG' && e.url === src);
    return lcp ? lcp.time : window.__bench.shown;
  }, IMAGE[site]);
}

/** One run of a variant: cold open, (the worker settles,) warm open, offline open. */
async function run(browser, link, condition, variant) {
  const site = variant === 'baseline' ? 'baseline' : 'epaper';
  // Every variant in the same kind of context (Playwright's serviceWorkers:
  // 'block' intercepts requests, which slows them): without the worker, the
  // page sees no navigator.serviceWorker, as in a webview without one.
  const context = await browser.newContext(PHONE);
  await context.addInitScript(instrument);
  if (variant === 'block') {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined }));
  }
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpu });
    const open = async () => {
      const before = link.counter.down;
      await page.goto(new URL(FRONT[site], link.origin).href, { waitUntil: 'commit', timeout: WAIT });
      const ms = await painted(page, site);
      return { ms, bytes: link.counter.down - before };
    };
    const cold = await open();
    if (variant === 'worker') {
      // The worker has taken the page over and stored what the first visit
      // read (polled here: waitForFunction does not await an async predicate).
      const ready = (sel) => {
        const src = document.querySelector(sel)?.currentSrc;
        return !!navigator.serviceWorker.controller && !!src && caches.match(src).then(Boolean);
      };
      const until = Date.now() + WAIT;
      while (!(await page.evaluate(ready, IMAGE.epaper))) {
        if (Date.now() > until) throw new Error('the worker did not take the page over');
        await page.waitForTimeout(100);
      }
    }
    // The first visit's late requests (the app's module) must not share the
    // link with the warm open: wait for the app to start and the link to idle.
    if (site === 'epaper') {
      await page.waitForFunction(() => /^(ok|error|fallback)$/.test(document.documentElement.dataset.boot || ''), null, { timeout: WAIT });
    }
    do await page.waitForTimeout(300);
    while (link.links.down.free > Date.now() || link.links.up.free > Date.now());
    const warm = await open();
    let offline = null;
    if (variant === 'worker') {
      await context.setOffline(true);
      offline = await open().catch((e) => {
        log(`offline open failed: ${e.message.split('\n')[0]}`);
        return null;
      });
    }
    return { cold, warm, offline };
  } finally {
    await context.close();
  }
}

async function main() {
  const browser = await launch();
  const out = { runs: RUNS, device: PHONE, conditions: {} };
  try {
    for (const key of WANT) {
      const condition = CONDITIONS[key];
      const link = await proxy(condition.network);
      const raw = { baseline: [], block: [], worker: [] };
      for (let i = 0; i < RUNS; i++) {
        for (const variant of i % 2 ? ['worker', 'block', 'baseline'] : ['baseline', 'block', 'worker']) {
          try {
            raw[variant].push(await run(browser, link, condition, variant));
          } catch (e) {
            log(`offline ${key} ${variant} run ${i + 1} failed: ${e.message.split('\n')[0]}`);
            raw[variant].push(null);
          }
        }
        log(`offline ${key}: run ${i + 1}/${RUNS}`);
      }
      link.server.close();
      const summary = {};
      for (const [variant, r] of Object.entries(raw)) {
        summary[variant] = {
          coldMs: stats(r.map((x) => x?.cold.ms)),
          warmMs: stats(r.map((x) => x?.warm.ms)),
          warmBytes: stats(r.map((x) => x?.warm.bytes)),
          offlineMs: stats(r.map((x) => x?.offline?.ms)),
        };
      }
      out.conditions[key] = { label: condition.label, ...summary };
    }
  } finally {
    await browser.close();
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, 'offline.json'), `${JSON.stringify(out, null, 2)}\n`);
  const table = print(out);
  fs.writeFileSync(path.join(RESULTS_DIR, 'offline.md'), `# Warm open with the service worker\n\nGenerated ${new Date().toISOString()} by tools/bench/offline.mjs.\n${table}`);
  console.log(table);
}

function print(out) {
  const f = (s) => (s?.median == null ? '—' : `${Math.round(s.median)} (${Math.round(s.min)}–${Math.round(s.max)})`);
  const kb = (s) => (s?.median == null ? '—' : `${(s.median / 1024).toFixed(1)} KB`);
  const names = { baseline: 'baseline (Founder-style)', block: 'e-paper, no service worker', worker: 'e-paper, service worker' };
  const lines = [`\nFront page, facsimile painted in ms (median, min–max of ${out.runs} runs, each in a fresh context); bytes over the network for the warm open`];
  for (const [key, c] of Object.entries(out.conditions)) {
    lines.push(`\n${c.label}\n\n| | cold | warm | warm bytes | offline |\n| --- | --- | --- | --- | --- |`);
    for (const v of ['baseline', 'block', 'worker']) {
      lines.push(`| ${names[v]} | ${f(c[v].coldMs)} | ${f(c[v].warmMs)} | ${kb(c[v].warmBytes)} | ${v === 'worker' ? f(c[v].offlineMs) : '—'} |`);
    }
    const w = c.worker.warmMs.median;
    const b = c.baseline.warmMs.median;
    const n = c.block.warmMs.median;
    if (w && b && n) lines.push(`\nWarm with the worker (${key}): ${(w / b).toFixed(2)}× the baseline, ${(w / n).toFixed(2)}× the e-paper without it.`);
  }
  return `${lines.join('\n')}\n`;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
