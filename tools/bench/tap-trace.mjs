#!/usr/bin/env node
// Where the time of the benchmark's tap goes: the lead story tapped as
// measure.mjs taps it (phone, CONDITIONS.mobile: 4× CPU, 150 ms, 1.6 Mbps,
// after a cold and a warm load), with a Chromium trace around the tap.
// Prints, per main-thread task from the touch to the frame after the
// reader's text is in the DOM: its length, the events, style, layout, paint
// and WebAssembly lazy compiles inside it. Traces: target/bench/tap-trace/.
//
// Needs a served site: BENCH_BASE_URL (tools/bench/run.sh prints one; or
// serve target/bench/site yourself). RUNS (default 3), COND (mobile|none),
// CSS a style rule to try on the page, IDLE ms between the app taking over and the tap (default 800),
// PROFILE=1 also writes a V8 CPU profile (100 µs) beside each trace.
// BEFORE=1 starts the trace before that pause and also lists the tasks in it
// (the reader's warm-up, hooks/warm.rs: its own cost). PRETAP=1 first opens
// and closes another story (the second region, or PRETAP=<article id>), for
// a fully warm tap to compare with.
import fs from 'node:fs';
import { CONDITIONS, PHONE, launch, throttle, url, sleep } from './lib.mjs';

const cond = CONDITIONS[process.env.COND || 'mobile'];
const OUT = process.env.OUT || 'target/bench/tap-trace';
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel', 'input', 'blink.user_timing', 'v8.wasm'];
const SHOWN = /^(EventDispatch|RunMicrotasks|UpdateLayoutTree|Layout|PrePaint|Paint|Commit|FireAnimationFrame|TimerFire|HitTest)$/;

async function traceTap(browser, run) {
  const context = await browser.newContext({ ...PHONE, bypassCSP: !!process.env.CSS });
  // CSS: a rule to try (an experiment; the CSP is bypassed for it), there
  // from the start, so the app's own early work (the warm-up) sees it too.
  if (process.env.CSS) {
    await context.addInitScript((css) => {
      document.addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style');
        style.textContent = css;
        document.head.append(style);
      });
    }, process.env.CSS);
  }
  const page = await context.newPage();
  const cdp = await throttle(context, page, cond);
  try {
    for (let i = 0; i < 2; i++) {
      await page.goto(url(''), { waitUntil: 'load' });
      await page.waitForFunction(() => !document.querySelector('#app[data-published], .app-twin') && document.querySelector('img.page-image.sharp'), null, { timeout: 60_000 });
    }
    // The benchmark taps as soon as the app has taken over (IDLE=0); a reader
    // looks at the page first.
    if (process.env.PRETAP) {
      const q = await page.evaluate((id) => {
        const all = [...document.querySelectorAll('.regions a[data-article]')];
        const el = all.find((a) => a.dataset.article === id) || all[1];
        const r = el.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, id: el.dataset.article };
      }, process.env.PRETAP);
      await page.touchscreen.tap(q.x, q.y);
      await page.waitForSelector('.story-body p');
      await sleep(500);
      await page.click('.reader-bar .back');
      await page.waitForFunction(() => !document.querySelector('.story-body'));
      console.log(`run ${run}: opened and closed ${q.id} first`);
    }
    if (process.env.BEFORE) await browser.startTracing(page, { categories: CATEGORIES });
    await sleep(Number(process.env.IDLE ?? 800));
    const p = await page.evaluate(() => {
      const r = document.querySelector('img.page-image').getBoundingClientRect();
      const s = r.width / 2400;
      return { x: r.left + 850 * s, y: r.top + 640 * s };
    });
    if (!process.env.BEFORE) await browser.startTracing(page, { categories: CATEGORIES });
    if (process.env.PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    const done = page.evaluate(() => new Promise((resolve) => {
      const mo = new MutationObserver(() => {
        if (!document.querySelector('#reader-title')?.textContent.trim() || !document.querySelector('.story-body p')) return;
        mo.disconnect();
        performance.mark('reader-in-dom');
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve(performance.mark('after-frame'));
          ch.port2.postMessage(0);
        });
      });
      mo.observe(document, { subtree: true, childList: true, characterData: true });
    }));
    await page.touchscreen.tap(p.x, p.y);
    await done;
    await sleep(100);
    fs.mkdirSync(OUT, { recursive: true });
    if (process.env.PROFILE) fs.writeFileSync(`${OUT}/tap-${run}.cpuprofile`, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const file = `${OUT}/tap-${run}.json`;
    fs.writeFileSync(file, await browser.stopTracing());
    return file;
  } finally {
    await context.close();
  }
}

const SHOWN_BEFORE = /^(EventDispatch|RunMicrotasks|UpdateLayoutTree|Layout|Paint|TimerFire|FireIdleCallback|FunctionCall)$/;
const ms = (us) => (us / 1000).toFixed(1);

/** One task: its length, lazy compiles, and the events inside it (times from t0). */
function printTask(events, task, t0, shown = SHOWN) {
  const inside = events.filter((e) => e.ts >= task.ts && e.ts < task.ts + task.dur);
  const lazy = inside.filter((e) => e.name === 'wasm.CompileLazy');
  const lazyMs = lazy.reduce((s, e) => s + e.dur, 0);
  console.log(`  task at ${ms(task.ts - t0)}: ${ms(task.dur)} ms${lazy.length ? `, ${lazy.length} lazy wasm compiles (${ms(lazyMs)} ms)` : ''}`);
  for (const e of inside.filter((e) => shown.test(e.name) && e.dur > 500)) {
    const what = e.args?.data?.type || (e.name === 'Layout' ? `${e.args?.beginData?.dirtyObjects} objects` : e.args?.elementCount ? `${e.args.elementCount} elements` : '');
    console.log(`    ${ms(e.ts - t0).padStart(6)} ${ms(e.dur).padStart(5)} ms ${e.name} ${what}`);
  }
}

function summarise(file) {
  const ev = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
  const first = ev.filter((e) => e.name === 'EventDispatch' && /^(pointerover|pointerenter|pointerdown|touchstart)$/.test(e.args?.data?.type)).sort((a, b) => a.ts - b.ts)[0];
  const thread = (e) => `${e.pid}:${e.tid}`;
  const main = thread(first);
  const t0 = first.ts;
  const mark = (name) => ev.find((e) => e.name === name)?.ts;
  const end = mark('after-frame');
  const tasksOf = (events, over) => events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur > over).sort((a, b) => a.ts - b.ts);
  if (process.env.BEFORE) {
    // Times relative to the tap, so negative.
    const before = ev.filter((e) => thread(e) === main && e.ph === 'X' && e.ts < t0);
    const tasks = tasksOf(before, 3000);
    console.log(`${file}: in the pause before the tap, ${tasks.length} main-thread tasks over 3 ms (${ms(tasks.reduce((s, t) => s + t.dur, 0))} ms):`);
    for (const task of tasks) printTask(before, task, t0, SHOWN_BEFORE);
  }
  const on = ev.filter((e) => thread(e) === main && e.ph === 'X' && e.ts + e.dur >= t0 && e.ts <= end);
  console.log(`${file}: reader in the DOM at ${ms(mark('reader-in-dom') - t0)} ms, the frame after it at ${ms(end - t0)} ms (from the first pointer event)`);
  let until = 0; // nested tasks are shown with the task around them
  for (const task of tasksOf(on, 1000)) {
    if (task.ts < until) continue;
    until = task.ts + task.dur;
    printTask(on, task, t0);
  }
}

const browser = await launch();
try {
  for (let run = 0; run < Number(process.env.RUNS || 3); run++) summarise(await traceTap(browser, run));
} finally {
  await browser.close();
}
