// Measures the served app on the hostile worst cases (make-worst-cases.mjs):
// for each, the page's edition request is answered with the file, and once the
// app has answered (error panel or page) it reports the WebAssembly memory
// (it never shrinks: its size is the peak), the longest main-thread task and
// the longest console message.
//
//   node tools/hostile/measure-app.mjs BASE_URL [dir-of-cases]
//   e.g. node tools/hostile/measure-app.mjs http://127.0.0.1:8181/ target/hostile
//
// Not a test: figures for the closing note of issue 14.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_FLAGS, CHROMIUM } from '../../tests/e2e/harness.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:8181/';
const dir = process.argv[3] ?? 'target/hostile';
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

// Before the app's scripts: keep the module's memory and record long tasks.
function instrument() {
  const keep = (result) => {
    const instance = result.instance ?? result;
    if (instance?.exports?.memory) window.__wasmMemory = instance.exports.memory;
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    if (original) WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
  window.__longest = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ entryTypes: ['longtask'] });
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS });
console.log('| case | bytes | wasm memory after | longest task | longest console message | shown |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const file of ['(sample edition)', ...files]) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  let longestMessage = 0;
  page.on('console', (m) => (longestMessage = Math.max(longestMessage, m.text().length)));
  let size = 0;
  if (file !== '(sample edition)') {
    const body = fs.readFileSync(path.join(dir, file));
    size = body.length;
    await page.route('**/editions/2025-05-21/edition.json', (r) =>
      r.fulfill({ status: 200, contentType: 'application/json', body }),
    );
  }
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForSelector('.error-panel, svg.regions', { timeout: 60_000 });
  await page.waitForTimeout(500);
  const m = await page.evaluate(() => ({
    memory: window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : -1,
    longest: window.__longest,
    shown: document.querySelector('.error-panel') ? 'error panel' : 'page',
  }));
  const mb = (n) => `${(n / 1048576).toFixed(1)} MiB`;
  console.log(`| ${file} | ${size} | ${mb(m.memory)} | ${m.longest.toFixed(0)} ms | ${longestMessage} chars | ${m.shown} |`);
  await context.close();
}
await browser.close();
