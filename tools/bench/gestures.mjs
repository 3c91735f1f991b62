#!/usr/bin/env node
// Pinch and pan on the sample page at phone size (412×823, DPR 1.75, touch) with
// a 4× CPU slowdown, replayed as raw touch input (CDP Input.dispatchTouchEvent,
// one event per ~16 ms). Records, from the first touch until the page has
// settled after the last one:
//   frame times  deltas of consecutive requestAnimationFrame timestamps (a frame
//                the page did not produce in time shows as a 33 ms, 50 ms… delta)
//   long tasks   PerformanceObserver 'longtask' (tasks > 50 ms)
//   longest task the longest RunTask on the renderer's main thread in a Chromium
//                trace of the same window (also catches tasks under 50 ms)
// Repeated RUNS times (default 3) in fresh contexts; the frame-time percentiles
// are over all frames of all runs. Writes the "gestures" part of results/latest.json.
import { CONDITIONS, PHONE, launch, log, percentile, saveResult, sleep, throttle, url } from './lib.mjs';

const RUNS = Number(process.env.GESTURE_RUNS || 3);
const STEPS = 30;
const FRAME_MS = 1000 / 60;

function recorder() {
  const R = (window.__gest = { frames: [], long: [], recording: true, start: performance.now() });
  const loop = (t) => {
    R.frames.push(t);
    if (R.recording) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) R.long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  } catch {
    // no longtask API
  }
}

async function touch(cdp, type, points) {
  await cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 1, radiusY: 1, force: 1 })),
  });
}

async function oneRun(browser) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  try {
    const cdp = await throttle(context, page, { cpu: CONDITIONS.mobile.cpu, network: null });
    await page.goto(url(''), { waitUntil: 'load' });
    await page.locator('img.page-image.sharp').waitFor({ timeout: 60_000 });
    await sleep(500);
    const box = await page.locator('.stage').boundingBox();
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;

    await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
    await page.evaluate(recorder);
    await sleep(100);
    const t0 = Date.now();
    const mark = (name) => page.evaluate((n) => (window.__gest.marks = { ...window.__gest.marks, [n]: performance.now() }), name);
    await mark('pinchStart');

    // Pinch: two fingers 80 px apart spread to 320 px apart (4× zoom asked).
    await touch(cdp, 'touchStart', [[cx - 40, cy], [cx + 40, cy]]);
    for (let i = 1; i <= STEPS; i++) {
      const d = 40 + (120 * i) / STEPS;
      await touch(cdp, 'touchMove', [[cx - d, cy - i], [cx + d, cy + i]]);
      await sleep(FRAME_MS);
    }
    await touch(cdp, 'touchEnd', []);
    await mark('pinchEnd');
    await sleep(400);
    const afterPinch = await page.evaluate(() => ({
      zoomed: !!document.querySelector('.stage.zoomed'),
      transform: document.querySelector('.stage .page')?.style.transform || '',
    }));

    // Pan: one finger drags 150 px right and 240 px down over 30 frames, then lifts
    // (a fling may follow: it is part of the gesture).
    await mark('panStart');
    await touch(cdp, 'touchStart', [[cx - 60, cy - 120]]);
    for (let i = 1; i <= STEPS; i++) {
      await touch(cdp, 'touchMove', [[cx - 60 + (150 * i) / STEPS, cy - 120 + (240 * i) / STEPS]]);
      await sleep(FRAME_MS);
    }
    await touch(cdp, 'touchEnd', []);
    await mark('panEnd');
    await sleep(800);
    const gestureMs = Date.now() - t0;

    const rec = await page.evaluate(() => {
      window.__gest.recording = false;
      return {
        frames: window.__gest.frames,
        marks: window.__gest.marks,
        long: window.__gest.long,
        transform: document.querySelector('.stage .page')?.style.transform || '',
        zoomed: !!document.querySelector('.stage.zoomed'),
      };
    });
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    const events = trace.traceEvents || trace;
    const mains = new Set(
      events
        .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        .map((e) => `${e.pid}:${e.tid}`),
    );
    const tasks = events.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && mains.has(`${e.pid}:${e.tid}`));
    const top = tasks.reduce((m, e) => ((e.dur || 0) > (m?.dur || 0) ? e : m), null);
    const longest = top ? top.dur / 1000 : 0;
    // What the longest task did: its biggest inner events.
    const inside = top
      ? events
          .filter((e) => e.ph === 'X' && e !== top && e.pid === top.pid && e.tid === top.tid && e.ts >= top.ts && e.ts < top.ts + top.dur && e.dur > 1000)
          .sort((a, b) => b.dur - a.dur)
          .slice(0, 6)
          .map((e) => `${e.name}${e.args?.data?.type ? `(${e.args.data.type})` : ''} ${(e.dur / 1000).toFixed(1)} ms`)
      : [];
    const deltas = rec.frames.slice(1).map((t, i) => t - rec.frames[i]);
    // Where the slow frames were: ms after which phase mark.
    const where = (t) => {
      const m = Object.entries(rec.marks || {}).filter(([, v]) => v <= t).sort((a, b) => b[1] - a[1])[0];
      return m ? `${m[0]}+${Math.round(t - m[1])}` : `start+${Math.round(t - rec.frames[0])}`;
    };
    const slow = rec.frames.slice(1).map((t, i) => ({ d: t - rec.frames[i], at: where(rec.frames[i]) })).filter((x) => x.d > 1.5 * FRAME_MS).map((x) => `${x.d.toFixed(0)} ms at ${x.at} ms`);
    return { deltas, slow, long: rec.long.map((l) => ({ ...l, at: where(l.start) })), longest, inside, afterPinch, after: { zoomed: rec.zoomed, transform: rec.transform }, gestureMs, tasks: tasks.length };
  } finally {
    await context.close();
  }
}

async function main() {
  const browser = await launch();
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      try {
        runs.push(await oneRun(browser));
        log(`gestures: run ${i + 1}/${RUNS} done`);
      } catch (e) {
        log(`gestures run ${i + 1} failed: ${e.message.split('\n')[0]}`);
      }
    }
  } finally {
    await browser.close();
  }
  const deltas = runs.flatMap((r) => r.deltas);
  const long = runs.flatMap((r) => r.long);
  const out = {
    runs: runs.length,
    cpu: CONDITIONS.mobile.cpu,
    frames: deltas.length,
    frameMedian: percentile(deltas, 50),
    frameP95: percentile(deltas, 95),
    frameMax: deltas.length ? Math.max(...deltas) : null,
    // Frames that took longer than 1.5 vsync intervals: at least one frame missed.
    slowFrames: deltas.filter((d) => d > 1.5 * FRAME_MS).length,
    slowFramesWhere: runs.flatMap((r) => r.slow),
    longTasksWhere: long.map((l) => `${l.duration.toFixed(0)} ms at ${l.at} ms`),
    longTasks: long.length,
    longestLongTask: long.length ? Math.max(...long.map((l) => l.duration)) : 0,
    longestTask: runs.length ? Math.max(...runs.map((r) => r.longest)) : null,
    longestTaskInside: runs.reduce((m, r) => (r.longest > (m?.longest || 0) ? r : m), null)?.inside ?? [],
    zoomedAfterPinch: runs.map((r) => r.afterPinch.zoomed),
    transformAfterPinch: runs[0]?.afterPinch.transform,
    transformAfterPan: runs[0]?.after.transform,
    targets: { frameP95: FRAME_MS, longTask: 50 },
  };
  saveResult('gestures', out);
  log(`gestures: ${out.frames} frames, median ${out.frameMedian?.toFixed(1)} ms, p95 ${out.frameP95?.toFixed(1)} ms, longest task ${out.longestTask?.toFixed(1)} ms`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
