#!/usr/bin/env node
// Search benchmark: the e-paper's own sharded bigram index (src/search/, run by
// the app's search service compiled alone: examples/search_bench.rs) against
// Pagefind 1.6 (extended build: segments Chinese) over one HTML page per
// article, on synthetic archives of 1, 365 and 3,650 daily editions
// (tools/testdata/make-test-archive.mjs --lexicon: 8 pages × 3 articles of
// ~700 characters a day, marked test data).
//
// Per size and engine: index size on disk and build time; per query, bytes
// transferred (gzip where a production server would compress) and latency in
// headless Chromium at 4× CPU slowdown, no network throttling: the first query
// in a fresh page ("cold": Pagefind loads its script, wasm and metadata; the
// e-paper's search code, run here alone, is loaded before the clock starts, so
// only its manifest counts), then further queries ("warm").
//
//   node tools/bench/search.mjs [--sizes 1,365,3650] [--runs 3] [--regen] [--reuse]
//        [--engines ours,pagefind]
//
// --screen [--dist DIR] [--runs 5]: the app itself (dist/, from scripts/build.sh)
// on a phone under CONDITIONS (env: mobile, the default, or none; tools/bench/lib.mjs):
// from a tap on 检索 to the search box usable, the search screen being the
// second module's (src/web/lazy.rs): the first time in a fresh browser (its
// download and start), in a new page with it cached, and again in the same
// page (the HTTP cache only: no service worker, whose fetches DevTools'
// throttling misses). --dist DIR: another build (from before the split) to compare.
// Writes results/search-screen.md.
//
// --reuse keeps the indexes (and their build times) of an earlier run; each
// size's figures are saved as soon as it is measured, and the table printed
// covers every size saved so far.
//
// Needs: cargo, chromium, playwright-core (repository root), pagefind
// (npm ci --prefix tools/bench). Writes target/bench/search/ and
// tools/bench/results/search.{json,md}. Not part of the test command; the
// 3,650-edition archive takes minutes to generate and index.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROME_FLAGS } from '../../tests/e2e/harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..', '..');
const WORK = path.join(ROOT, 'target', 'bench', 'search');
const RESULTS = process.env.BENCH_RESULTS ? path.resolve(process.env.BENCH_RESULTS) : path.join(here, 'results');

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const SIZES = opt('--sizes', '1,365,3650').split(',').map(Number);
const RUNS = Number(opt('--runs', 3));
const REGEN = argv.includes('--regen');
const REUSE = argv.includes('--reuse');
const ENGINES = opt('--engines', 'ours,pagefind').split(',');
const log = (...a) => console.error('[search-bench]', ...a);

function run(cmd, args, options = {}) {
  const t = performance.now();
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], ...options });
  return (performance.now() - t) / 1000;
}

function pagefindBinary() {
  const require = createRequire(path.join(here, 'package.json'));
  const pkg = require.resolve(`@pagefind/${process.platform}-${process.arch}/package.json`);
  return path.join(path.dirname(pkg), 'bin', 'pagefind_extended');
}

/** Bytes and files under a folder (`skip`: file names left out). */
function du(dir, skip = /^$/) {
  let bytes = 0;
  let files = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!skip.test(e.name)) {
        bytes += fs.statSync(p).size;
        files += 1;
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return { bytes, files };
}

const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** One HTML page per article: what Pagefind would index on the published site. */
function writeHtml(editions, out) {
  fs.rmSync(out, { recursive: true, force: true });
  for (const date of fs.readdirSync(editions).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d))) {
    const e = JSON.parse(fs.readFileSync(path.join(editions, date, 'edition.json'), 'utf8'));
    for (const a of e.articles) {
      const page = Math.min(...a.regions.map((r) => r.page));
      const body = a.body
        .map((b) => (b.type === 'figure' ? `<figure><figcaption>${esc(b.caption)}</figcaption></figure>` : b.type === 'subhead' ? `<h2>${esc(b.text)}</h2>` : `<p>${esc(b.text)}</p>`))
        .join('');
      const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(a.title)}</title></head><body><main data-pagefind-body>${a.kicker ? `<p data-pagefind-weight="5">${esc(a.kicker)}</p>` : ''}<h1>${esc(a.title)}</h1>${a.subtitle ? `<p data-pagefind-weight="5">${esc(a.subtitle)}</p>` : ''}<p data-pagefind-meta="date">${date}</p><p data-pagefind-meta="page">第${page}版</p>${body}</main></body></html>`;
      const dir = path.join(out, date, String(page), a.id);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'index.html'), html);
    }
  }
}

/** Queries: rare words placed by the generator, the commonest word, and a
 * two- and a four-character phrase taken from the archive's own text. */
function queries(editions) {
  const dates = fs.readdirSync(editions).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d)).sort();
  const pickText = (n) => {
    const e = JSON.parse(fs.readFileSync(path.join(editions, dates[n % dates.length], 'edition.json'), 'utf8'));
    return e.articles[1].body.map((b) => b.text || '').join('');
  };
  const cjk = (s) => [...s].filter((c) => /\p{Script=Han}/u.test(c)).join('');
  const two = cjk(pickText(Math.floor(dates.length / 2))).slice(40, 42);
  const four = cjk(pickText(Math.floor(dates.length / 3))).slice(90, 94);
  return [
    { q: '琥珀灯塔', what: 'rare (3 editions from 365 on)' },
    { q: 'QX47', what: 'rare Latin (2 editions from 301 on)' },
    { q: two, what: 'two characters from the text' },
    { q: four, what: 'four characters from the text' },
    { q: '测试', what: 'in every article' },
  ];
}

const GZIP = new Set(['.json', '.js', '.mjs', '.css', '.html', '.wasm', '.bin']);
const TYPES = { '.json': 'application/json', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html; charset=utf-8', '.css': 'text/css' };

/** A static server that compresses what nginx would (plus the shards, see the
 * report); Pagefind's own files are already compressed. */
function serve(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      if (url.pathname === '/') file = path.join(root, 'bench.html');
      else {
        res.writeHead(404).end();
        return;
      }
    }
    const ext = path.extname(file);
    let body = fs.readFileSync(file);
    const headers = { 'content-type': TYPES[ext] || 'application/octet-stream', 'cache-control': 'max-age=3600' };
    if (GZIP.has(ext) && body.length > 256 && /gzip/.test(req.headers['accept-encoding'] || '')) {
      body = zlib.gzipSync(body, { level: 6 });
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Runs `query` in the page and measures time and bytes on the wire. */
async function measure(page, engine, query) {
  // Playwright's request events include a worker's requests; CDP's on the
  // page's own session would miss them.
  let bytes = 0;
  const pending = [];
  const onDone = (request) => {
    pending.push(
      request.sizes().then((s) => {
        bytes += s.responseBodySize + s.responseHeadersSize;
      }),
    );
  };
  page.on('requestfinished', onDone);
  const result = await page.evaluate(
    async ({ engine, query }) => {
      const t = performance.now();
      let total;
      let titles;
      if (engine === 'ours') {
        const r = await new Promise((resolve) => window.bench.search(query, resolve));
        if (typeof r === 'string') throw new Error(r);
        [total, titles] = r;
      } else {
        if (!window.pagefind) {
          window.pagefind = await import('/pagefind/pagefind.js');
          // On the main thread, where the 4× CPU slowdown applies (in its
          // default worker the same work would run unthrottled).
          await window.pagefind.options({ excerptLength: 30, noWorker: true });
          await window.pagefind.init();
        }
        const s = await window.pagefind.search(query);
        const data = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
        total = s.results.length;
        titles = data.map((d) => `${d.meta.date} ${d.meta.title}`);
      }
      return { ms: performance.now() - t, total, titles };
    },
    { engine, query },
  );
  await new Promise((r) => setTimeout(r, 50));
  page.off('requestfinished', onDone);
  await Promise.all(pending);
  return { ...result, bytes };
}

async function newPage(browser, base, engine) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(base);
  if (engine === 'ours') {
    await page.evaluate(async () => {
      const m = await import('/ours/search_bench.js');
      await m.default({ module_or_path: '/ours/search_bench_bg.wasm' });
      window.bench = new m.Bench('/search/');
    });
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { context, page };
}

const median = (v) => {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

async function benchSize(n, browser, wasmDir) {
  const dir = path.join(WORK, String(n));
  const editions = path.join(dir, 'editions');
  const site = path.join(dir, 'site');
  if (REGEN || !fs.existsSync(path.join(editions, 'index.json'))) {
    log(`${n}: generating the archive`);
    run('node', [path.join(ROOT, 'tools/testdata/make-test-archive.mjs'), '--out', editions, '--count', String(n), '--start', '2016-01-01', '--every-day', '--pages', '8', '--articles', '3', '--chars', '700', '--lexicon']);
  }
  // --reuse keeps what a previous (interrupted) run built, with its timings.
  const builds = path.join(site, 'builds.json');
  const done = REUSE && fs.existsSync(builds) ? JSON.parse(fs.readFileSync(builds, 'utf8')) : {};
  const save = () => fs.writeFileSync(builds, JSON.stringify(done));
  if (!REUSE) fs.rmSync(site, { recursive: true, force: true });
  fs.mkdirSync(site, { recursive: true });
  fs.writeFileSync(path.join(site, 'bench.html'), '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>bench</title><p>search bench</p></html>');
  fs.cpSync(wasmDir, path.join(site, 'ours'), { recursive: true });

  if (done.ours == null) {
    log(`${n}: building the e-paper index`);
    fs.rmSync(path.join(site, 'search'), { recursive: true, force: true });
    done.ours = run(path.join(ROOT, 'target/release/search-index'), [editions, path.join(site, 'search')]);
    save();
  }
  if (done.html == null && ENGINES.includes('pagefind')) {
    log(`${n}: writing one HTML page per article`);
    const htmlStart = performance.now();
    writeHtml(editions, path.join(site, 'articles'));
    done.html = (performance.now() - htmlStart) / 1000;
    save();
  }
  if (done.pagefind == null && ENGINES.includes('pagefind')) {
    log(`${n}: running Pagefind`);
    fs.rmSync(path.join(site, 'pagefind'), { recursive: true, force: true });
    done.pagefind = run(pagefindBinary(), ['--site', site, '--glob', 'articles/**/*.html', '--output-subdir', 'pagefind', '--quiet']);
    save();
  }
  const [oursBuild, htmlSecs, pfBuild] = [done.ours, done.html, done.pagefind];

  const shards = du(path.join(site, 'search', 's'));
  const frags = du(path.join(site, 'search', 'f'));
  // Pagefind's prebuilt search UIs are not needed to search.
  const pf = du(path.join(site, 'pagefind'), /ui\.(js|css)$|highlight/);
  const pfFrags = du(path.join(site, 'pagefind', 'fragment'));
  const disk = {
    ours: { index: shards.bytes, fragments: frags.bytes, files: shards.files + frags.files + 1, build_s: oursBuild },
    pagefind: { index: pf.bytes - pfFrags.bytes, fragments: pfFrags.bytes, files: pf.files, build_s: pfBuild ?? NaN, html_s: htmlSecs },
  };

  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const qs = queries(editions);
  const out = { size: n, disk, queries: qs, runs: {} };
  for (const engine of ENGINES) {
    const cold = [];
    const warm = [];
    for (let r = 0; r < RUNS; r++) {
      for (const [i, { q }] of qs.entries()) {
        // Cold: this query first in a fresh page; warm: after another query.
        let p = await newPage(browser, base, engine);
        cold.push({ q, ...(await measure(p.page, engine, q)) });
        await p.context.close();
        p = await newPage(browser, base, engine);
        await measure(p.page, engine, qs[(i + 1) % qs.length].q);
        warm.push({ q, ...(await measure(p.page, engine, q)) });
        await p.context.close();
      }
    }
    out.runs[engine] = { cold, warm };
  }
  server.close();
  return out;
}

function summarize(r) {
  const rows = [];
  for (const engine of Object.keys(r.runs)) {
    const { cold, warm } = r.runs[engine];
    const by = (list, q, key) => median(list.filter((x) => x.q === q).map((x) => x[key]));
    const perQuery = r.queries.map(({ q }) => ({
      q,
      cold_ms: by(cold, q, 'ms'),
      warm_ms: by(warm, q, 'ms'),
      cold_bytes: by(cold, q, 'bytes'),
      warm_bytes: by(warm, q, 'bytes'),
      total: cold.find((x) => x.q === q)?.total,
      first: cold.find((x) => x.q === q)?.titles?.[0] ?? '',
    }));
    rows.push({ engine, perQuery, disk: r.disk[engine] });
  }
  return rows;
}

const kb = (b) => (b == null ? '–' : `${(b / 1024).toFixed(1)} KB`);
const mb = (b) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const ms = (v) => (v == null ? '–' : `${Math.round(v)} ms`);

function table(all) {
  const lines = [];
  lines.push('| editions | engine | index on disk (+ fragments, files) | build | cold query: ms / bytes | warm query: ms / bytes (median over queries) | worst warm query |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of all) {
    for (const row of summarize(r)) {
      const med = (k) => median(row.perQuery.map((x) => x[k]));
      const worst = row.perQuery.reduce((a, b) => ((b.warm_bytes ?? 0) > (a.warm_bytes ?? 0) ? b : a));
      const d = row.disk;
      lines.push(
        `| ${r.size} | ${row.engine === 'ours' ? 'e-paper bigram shards' : 'Pagefind 1.6 extended'} | ${mb(d.index)} (+ ${mb(d.fragments)}, ${d.files} files) | ${d.build_s.toFixed(1)} s | ${ms(med('cold_ms'))} / ${kb(med('cold_bytes'))} | ${ms(med('warm_ms'))} / ${kb(med('warm_bytes'))} | “${worst.q}” ${ms(worst.warm_ms)} / ${kb(worst.warm_bytes)} |`,
      );
    }
  }
  lines.push('');
  lines.push('Per query (cold ms / warm ms / warm bytes / hits):');
  lines.push('');
  for (const r of all) {
    for (const row of summarize(r)) {
      lines.push(`- ${r.size} editions, ${row.engine}: ` + row.perQuery.map((x) => `“${x.q}” ${ms(x.cold_ms)} / ${ms(x.warm_ms)} / ${kb(x.warm_bytes)} / ${x.total}`).join('; '));
    }
  }
  return lines.join('\n');
}

async function main() {
  log('building search-index and the search module (release)');
  run('cargo', ['build', '--release', '--bin', 'search-index'], { cwd: ROOT });
  run('cargo', ['build', '--release', '--example', 'search_bench', '--target', 'wasm32-unknown-unknown'], { cwd: ROOT });
  const wasmDir = path.join(WORK, 'wasm');
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', wasmDir, path.join(ROOT, 'target/wasm32-unknown-unknown/release/examples/search_bench.wasm')]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS });
  const version = browser.version();
  const all = [];
  const saved = {};
  try {
    for (const r of JSON.parse(fs.readFileSync(path.join(RESULTS, 'search.json'), 'utf8'))) saved[r.size] = r;
  } catch {
    // no earlier results
  }
  try {
    for (const n of SIZES) {
      all.push(await benchSize(n, browser, wasmDir));
      saved[n] = all.at(-1);
      fs.mkdirSync(RESULTS, { recursive: true });
      fs.writeFileSync(path.join(RESULTS, 'search.json'), `${JSON.stringify(Object.values(saved), null, 2)}\n`);
      log(`${n}: done`);
    }
  } finally {
    await browser.close();
  }
  const text = table(Object.values(saved).sort((a, b) => a.size - b.size));
  const header = `Search benchmark, ${new Date().toISOString().slice(0, 10)} (node tools/bench/search.mjs --sizes ${SIZES.join(',')} --runs ${RUNS}): headless Chromium ${version}, 4× CPU, no network throttling, local server with gzip, medians of ${RUNS} runs. Bytes are on the wire (headers included). Cold: first query in a fresh page, including Pagefind's script, wasm and metadata (the e-paper's search code is in the app module, already loaded). Warm: a query after another one.\n`;
  console.log(`${header}\n${text}`);
  fs.writeFileSync(path.join(RESULTS, 'search.md'), `${header}\n${text}\n`);
}

/** A static server of a built site: folders serve their index.html, and a
 * file's precompressed .gz beside it is sent as nginx's gzip_static would. */
function serveSite(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(root) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' };
    headers['cache-control'] = /\/assets\//.test(url.pathname) ? 'max-age=31536000, immutable' : 'no-cache';
    let body;
    if (/gzip/.test(req.headers['accept-encoding'] || '') && fs.existsSync(`${file}.gz`)) {
      body = fs.readFileSync(`${file}.gz`);
      headers['content-encoding'] = 'gzip';
    } else {
      body = fs.readFileSync(file);
      if (GZIP.has(path.extname(file)) && /gzip/.test(req.headers['accept-encoding'] || '')) {
        body = zlib.gzipSync(body, { level: 6 });
        headers['content-encoding'] = 'gzip';
      }
    }
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Milliseconds from a tap on 检索 to the search box there and enabled. */
async function openSearch(page) {
  await page.locator('#app .masthead a.search-link').waitFor();
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const t = performance.now();
        const ready = () => {
          const box = document.getElementById('search-input');
          return box && !box.disabled;
        };
        const observer = new MutationObserver(() => {
          if (!ready()) return;
          observer.disconnect();
          // Usable once painted.
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t)));
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        document.querySelector('#app .masthead a.search-link').click();
      }),
  );
}

async function screenBench() {
  const { CONDITIONS, PHONE, throttle, stats } = await import('./lib.mjs');
  const dist = path.resolve(opt('--dist', path.join(ROOT, 'dist')));
  const runs = Number(opt('--runs', 5));
  const condition = CONDITIONS[process.env.CONDITIONS || 'mobile'];
  if (!condition) throw new Error(`CONDITIONS: mobile or none, not ${process.env.CONDITIONS}`);
  const server = await serveSite(dist);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS });
  const times = { first: [], cached: [], again: [] };
  // The live app, not the published page's markup (its 检索 is a plain link).
  const tookOver = (page) => page.waitForFunction(() => !document.querySelector('#app[data-published], .app-twin'), null, { timeout: 60_000 });
  try {
    for (let i = 0; i < runs; i++) {
      // No service worker: DevTools' throttling does not reach its fetches.
      const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
      for (const kind of ['first', 'cached']) {
        const page = await context.newPage();
        await throttle(context, page, condition);
        await page.goto(base, { waitUntil: 'load' });
        await tookOver(page);
        // Nothing else under way (the service worker's precaching, pictures):
        // the tap's own cost only.
        await page.waitForLoadState('networkidle');
        times[kind].push(await openSearch(page));
        if (kind === 'cached') {
          await page.locator('#app .search-back a').click();
          await page.locator('#app .search-screen').waitFor({ state: 'detached' });
          times.again.push(await openSearch(page));
        }
        await page.close();
      }
      await context.close();
      log(`run ${i + 1}: first ${times.first.at(-1).toFixed(0)} ms, cached ${times.cached.at(-1).toFixed(0)} ms, again ${times.again.at(-1).toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    server.close();
  }
  const row = (name, v) => {
    const s = stats(v);
    return `| ${name} | ${s.median.toFixed(0)} | ${s.min.toFixed(0)}–${s.max.toFixed(0)} |`;
  };
  const text = [
    `Tap on 检索 → search box usable, ${new Date().toISOString().slice(0, 10)} (node tools/bench/search.mjs --screen --dist ${path.relative(ROOT, dist) || dist} --runs ${runs}; CONDITIONS=${process.env.CONDITIONS || 'mobile'}: ${condition.label}), headless Chromium ${browser.version()}, phone 412×823, precompressed gzip, ms, median and range of ${runs} runs.`,
    '',
    '| open | median | range |',
    '| --- | ---: | ---: |',
    row('first time (fresh browser)', times.first),
    row('new page, module cached', times.cached),
    row('again in the same page', times.again),
  ].join('\n');
  console.log(text);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'search-screen.md'), `${text}\n`);
}

(argv.includes('--screen') ? screenBench() : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
