// The app's WebAssembly memory over a long reading session: every edition of
// the 365-edition test archive opened in turn, twice (history moves, no
// reload), with an article opened on each; the memory's size is printed every
// 73 editions. An allocator that did not free would grow with each edition.
// Usage (a test site served, e.g. by an e2e run's nginx on target/e2e-site):
//   node tools/size/memory.mjs [BASE_URL]   (default http://127.0.0.1:8181/)
// Measured (session 5): 1.19 MiB at start, 1.25 MiB after 730 editions with
// std's dlmalloc and the same with talc.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const base = new URL(process.argv[2] || 'http://127.0.0.1:8181/').href;
const archive = path.join(root, 'target/e2e-site/test-archive');
const dates = fs.readdirSync(archive).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d)).sort();
const q = '?index=/test-archive/index.json';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
// The module's memory, caught as it is instantiated (the glue keeps it private).
await page.addInitScript(() => {
  const keep = (result) => {
    const exports = (result.instance || result).exports || {};
    const memory = Object.values(exports).find((e) => e instanceof WebAssembly.Memory);
    if (memory && !window.__memory) window.__memory = memory;
    return result;
  };
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (original) WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
});
const mib = () => page.evaluate(() => (window.__memory ? window.__memory.buffer.byteLength / 1048576 : NaN));
const go = (address) =>
  page.evaluate((u) => {
    history.pushState(null, '', u);
    dispatchEvent(new PopStateEvent('popstate'));
  }, address);
await page.goto(`${base}test/${q}`);
await page.waitForSelector('#app .region', { timeout: 20000 });
console.log(`start: ${(await mib()).toFixed(2)} MiB`);
let opened = 0;
for (let round = 1; round <= 2; round++) {
  for (const date of dates) {
    await go(`/test/${date}/1/${q}`);
    await page.waitForFunction((d) => document.querySelector('#app .masthead time')?.getAttribute('datetime') === d, date, { timeout: 20000 });
    const id = await page.evaluate(() => document.querySelector('#app .region')?.dataset.article);
    if (id) {
      await go(`/test/${date}/1/${id}/${q}`);
      await page.waitForSelector('#app .reader', { timeout: 20000 });
    }
    opened++;
    if (opened % 73 === 0) console.log(`${opened} editions: ${(await mib()).toFixed(2)} MiB`);
  }
}
console.log(`end: ${(await mib()).toFixed(2)} MiB after ${opened} editions and articles`);
await browser.close();
