// Zoom, pan, swipe and tap on the facsimile page (src/gesture.rs,
// src/viewport.rs, src/web/surface.rs). Touch goes through the Chrome DevTools
// Protocol (Input.dispatchTouchEvent), so the browser turns real touch points
// into pointer events as on a phone; the desktop uses the mouse, the wheel and
// the keyboard. Screenshots: tests/e2e/screenshots/gestures-*.jpg.
//
// The page box's transform is `translate3d(Xpx,Ypx,0) scale(Z)` with origin
// top-left inside the stage, so the page point (in fitted CSS px) under a
// viewport point (cx, cy) is ((cx - stage.left - X) / Z, (cy - stage.top - Y) / Z).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_INDEX, assertNoProblems, launch, open, rawGet, screenshot, url, pageReady, placeIs } from './harness.mjs';

const WAIT = { timeout: 20_000 };
/** For what follows at once from an input (no network). */
const SOON = { timeout: 5_000 };
const DATE = '2025-05-21';
const LEAD = 'computing-centre';

/** The click guard of src/web/surface.rs (a click this soon after a drag is no tap), plus a margin. */
const AFTER_GUARD = 450;

let browser;
let edition;

before(async () => {
  const res = await rawGet(url(`editions/${DATE}/edition.json`));
  assert.equal(res.status, 200, 'sample edition served (is the test server running?)');
  edition = JSON.parse(res.body.toString('utf8'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// ---------------------------------------------------------------------------
// helpers



/** Two animation frames: pointer moves are dispatched frame-aligned. */
function frames(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Waits until the page box's transform has not changed for 10 frames in a row
 * (a fling, spring or zoom has come to rest): faster than a fixed sleep that
 * must cover the slowest case, and no shorter than the motion.
 */
function settled(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const box = document.querySelector('.stage .page');
        let last = box.style.transform;
        let still = 0;
        const tick = () => {
          const now = box.style.transform;
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 10) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/** Where the page stands: transform X/Y/Z, the stage box, the picture, and the scroll state. */
function view(page) {
  return page.evaluate(() => {
    const stage = document.querySelector('.stage');
    const box = document.querySelector('.stage .page');
    const img = document.querySelector('.stage img.page-image');
    const t = box.style.transform;
    const m = t.match(/translate3d\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px,\s*0(?:px)?\)\s*scale\((-?[\d.]+)\)/);
    const s = stage.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    return {
      transform: t,
      x: m ? Number(m[1]) : NaN,
      y: m ? Number(m[2]) : NaN,
      z: m ? Number(m[3]) : NaN,
      stage: { left: s.left, top: s.top, width: s.width, height: s.height },
      // layout (unscaled) size of the page box, and its box on screen
      fitted: { width: box.offsetWidth, height: box.offsetHeight },
      shown: { left: b.left, top: b.top, width: b.width, height: b.height },
      zoomed: stage.classList.contains('zoomed'),
      // What the browser shows (it picks from srcset by sizes; naturalWidth is
      // density-corrected there, so the file is told by its name).
      src: img ? img.currentSrc : null,
      sharp: img ? img.classList.contains('sharp') : false,
      scroll: {
        scrollY: window.scrollY,
        scrollX: window.scrollX,
        scrollingElement: document.scrollingElement.scrollTop,
        body: document.body.scrollTop,
        html: document.documentElement.scrollTop,
        vvScale: window.visualViewport ? window.visualViewport.scale : 1,
        vvTop: window.visualViewport ? window.visualViewport.offsetTop : 0,
      },
    };
  });
}

/** The page point (fitted CSS px) under viewport point (cx, cy). */
function pagePoint(v, cx, cy) {
  return [(cx - v.stage.left - v.x) / v.z, (cy - v.stage.top - v.y) / v.z];
}

/** The viewport point over page point (px, py). */
function screenPoint(v, [px, py]) {
  return [v.stage.left + v.x + px * v.z, v.stage.top + v.y + py * v.z];
}

function near(a, b, tol, what) {
  assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (±${tol})`);
}

function assertNotScrolled(v, when) {
  const s = v.scroll;
  assert.deepEqual(
    [s.scrollY, s.scrollX, s.scrollingElement, s.body, s.html],
    [0, 0, 0, 0, 0],
    `${when}: the document did not scroll ${JSON.stringify(s)}`,
  );
  assert.equal(s.vvScale, 1, `${when}: the browser did not zoom the whole page (visualViewport.scale)`);
  assert.equal(s.vvTop, 0, `${when}: visual viewport not moved`);
}

/** Records every scroll event anywhere in the document (capture) into window.__scrolls. */
function watchScrolls(page) {
  return page.evaluate(() => {
    window.__scrolls = [];
    const name = (t) => (t === document ? 'document' : t.tagName ? `${t.tagName.toLowerCase()}.${t.className}` : String(t));
    document.addEventListener('scroll', (e) => window.__scrolls.push(name(e.target)), true);
    window.addEventListener('scroll', () => window.__scrolls.push('window'));
  });
}

/** Records every transform the page box takes into window.__transforms (scale part). */
function watchTransforms(page) {
  return page.evaluate(() => {
    window.__transforms = [];
    const box = document.querySelector('.stage .page');
    new MutationObserver(() => {
      const z = box.style.transform.match(/scale\(([\d.]+)\)/)?.[1];
      if (z && window.__transforms[window.__transforms.length - 1] !== z) window.__transforms.push(z);
    }).observe(box, { attributes: true, attributeFilter: ['style'] });
  });
}

/** Which article region (if any) is under a viewport point. */
function regionAt(page, [x, y]) {
  return page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('a.region')?.dataset.article ?? null, [x, y]);
}

/** Touch input through CDP: points are [x, y] in CSS px, one id per finger. */
async function touchscreen(context, page) {
  const cdp = await context.newCDPSession(page);
  const send = (type, points) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 1, radiusY: 1, force: 1 })),
    });
  const lerp = (a, b, k) => a + (b - a) * k;
  return {
    send,
    /** Two fingers from `from` ([[x,y],[x,y]]) to `to` in `steps` moves, then lifted. */
    async pinch(from, to, { steps = 10, delay = 16, onMove } = {}) {
      await send('touchStart', from);
      for (let i = 1; i <= steps; i++) {
        const k = i / steps;
        await send('touchMove', from.map((p, f) => [lerp(p[0], to[f][0], k), lerp(p[1], to[f][1], k)]));
        if (delay) await page.waitForTimeout(delay);
        if (onMove) await onMove(i);
      }
      await send('touchEnd', []);
      await frames(page);
    },
    /** One finger from a to b in `steps` moves `delay` ms apart; `back` returns to a before lifting. */
    async drag(a, b, { steps = 10, delay = 16, onMove, lift = true } = {}) {
      await send('touchStart', [a]);
      for (let i = 1; i <= steps; i++) {
        const k = i / steps;
        await send('touchMove', [[lerp(a[0], b[0], k), lerp(a[1], b[1], k)]]);
        if (delay) await page.waitForTimeout(delay);
        if (onMove) await onMove(i);
      }
      if (lift) {
        await send('touchEnd', []);
        await frames(page);
      }
    },
    async tap([x, y]) {
      await send('touchStart', [[x, y]]);
      await page.waitForTimeout(30);
      await send('touchEnd', []);
    },
  };
}

function articleTitle(id) {
  return edition.articles.find((a) => a.id === id).title;
}

// ---------------------------------------------------------------------------

describe('phone: touch on the sample page', () => {
  test('pinch zooms about the fingers without scrolling the document, then the 2400 picture loads', async () => {
    const { page, context, problems, close } = await open(browser, 'phone', '');
    try {
      await pageReady(page);
      await watchScrolls(page);
      const touch = await touchscreen(context, page);
      const v0 = await view(page);
      assert.equal(v0.z, 1, `fitted at first: ${v0.transform}`);
      assert.equal(v0.zoomed, false);
      assert.match(v0.src, /page-01-1200\.jpg$/, 'a 390 px wide page at DPR 3 shows the 1200 rendition');
      assertNotScrolled(v0, 'before');

      // Fingers 80 px apart over the lead story spread to 240 px (×3) while
      // their midpoint moves from (150, 200) to (170, 220).
      const from = [[110, 200], [190, 200]];
      const to = [[50, 220], [290, 220]];
      const mid0 = [150, 200];
      const mid1 = [170, 220];
      const under = pagePoint(v0, ...mid0);
      assert.equal(await regionAt(page, mid0), LEAD, 'the pinch starts over the lead story');
      const during = [];
      await touch.pinch(from, to, { onMove: async () => during.push(await view(page)) });
      await page.waitForTimeout(100);
      const v1 = await view(page);

      assert.ok(v1.z > 1.5, `zoomed in by the pinch: ${v1.transform}`);
      near(v1.z, 3, 0.05, 'zoom follows the finger distance (80 → 240 px)');
      const [sx, sy] = screenPoint(v1, under);
      // (The page point under the fingers is checked at the end, after the other checks.)
      for (const [i, v] of during.entries()) assertNotScrolled(v, `pinch move ${i + 1}`);
      assertNotScrolled(v1, 'after the pinch');
      assert.deepEqual(await page.evaluate(() => window.__scrolls), [], 'no scroll event during the pinch');

      // Settled zoom > 1: the stage says so, and the sharper picture replaces the 1200 one.
      await page.locator('.stage.zoomed').waitFor(SOON);
      await page.waitForFunction(
        () => /page-01-2400\.jpg$/.test(document.querySelector('.stage img.page-image')?.currentSrc || '') &&
          document.querySelector('.stage img.page-image').complete &&
          document.querySelector('.stage img.page-image.sharp'),
        null,
        WAIT,
      );
      const v2 = await view(page);
      assert.match(v2.src, /page-01-2400\.jpg$/, 'the 2400 px master is shown');
      assert.equal(v2.transform, v1.transform, 'the sharper picture does not move the page');
      await screenshot(page, 'gestures-phone-1-pinched', { fullPage: false });

      // Vertical one-finger drags pan the zoomed page and never scroll the document.
      const y0 = v2.y;
      await touch.drag([200, 500], [200, 300], { steps: 12, delay: 25, lift: false });
      await frames(page);
      const v3 = await view(page);
      near(v3.y, y0 - 200, 3, 'the page follows a 200 px upward drag');
      near(v3.x, v2.x, 1, 'a vertical drag keeps x');
      assertNotScrolled(v3, 'while dragging');
      await touch.send('touchEnd', []);
      await page.waitForTimeout(AFTER_GUARD);
      await touch.drag([200, 300], [200, 750], { steps: 12, delay: 25 });
      await settled(page);
      const v4 = await view(page);
      assert.equal(v4.y, 0, `dragged down past the top: clamped at the page's top edge (${v4.transform})`);
      assertNotScrolled(v4, 'after vertical drags');
      assert.deepEqual(await page.evaluate(() => window.__scrolls), [], 'no scroll event during the drags');
      assertNoProblems(await problems());

      // The spot of the page first under the fingers ends under their midpoint.
      near(sx, mid1[0], 4, `x: the page point first under the fingers is under their midpoint (${v1.transform})`);
      near(sy, mid1[1], 4, `y: the page point first under the fingers is under their midpoint (${v1.transform})`);
    } finally {
      await close();
    }
  });

  test('pinch on a page already taller than the stage keeps the point under the fingers', async () => {
    const { page, context, problems, close } = await open(browser, 'phone', '');
    try {
      await pageReady(page);
      const touch = await touchscreen(context, page);
      await page.getByRole('button', { name: '放大', exact: true }).tap();
      await page.locator('.stage.zoomed').waitFor(SOON);
      const v0 = await view(page);
      assert.ok(v0.shown.height > v0.stage.height, 'taller than the stage: nothing to centre or pin to the top');
      await page.waitForTimeout(AFTER_GUARD);
      const mid0 = [195, 450];
      const mid1 = [185, 430];
      const under = pagePoint(v0, ...mid0);
      await touch.pinch([[155, 450], [235, 450]], [[105, 430], [265, 430]]);
      await page.waitForTimeout(100);
      const v1 = await view(page);
      near(v1.z, v0.z * 2, 0.05, `×2 (${v1.transform})`);
      const [sx, sy] = screenPoint(v1, under);
      near(sx, mid1[0], 4, 'x: the point stays under the fingers');
      near(sy, mid1[1], 4, 'y: the point stays under the fingers');
      assertNotScrolled(v1, 'after the pinch');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('unzoomed vertical drags do not scroll the document either', async () => {
    const { page, context, problems, close } = await open(browser, 'phone', '');
    try {
      await pageReady(page);
      await watchScrolls(page);
      const touch = await touchscreen(context, page);
      const v0 = await view(page);
      await touch.drag([200, 600], [200, 150], { steps: 10, delay: 16 });
      await touch.drag([200, 150], [200, 700], { steps: 10, delay: 16 });
      await page.waitForTimeout(200);
      const v1 = await view(page);
      assertNotScrolled(v1, 'after unzoomed vertical drags');
      assert.deepEqual(await page.evaluate(() => window.__scrolls), [], 'no scroll events');
      assert.equal(v1.transform, v0.transform, 'the fitted page stays where it was');
      await placeIs(page, `/${DATE}/1/`);
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('zoomed: a drag that starts and ends on a region opens nothing; a tap opens that article', async () => {
    const { page, context, problems, close } = await open(browser, 'phone', '');
    try {
      await pageReady(page);
      const touch = await touchscreen(context, page);
      // Zoom in with the button (a settled zoom, no gesture to guard).
      await page.getByRole('button', { name: '放大', exact: true }).tap();
      await page.locator('.stage.zoomed').waitFor(SOON);
      await page.waitForTimeout(AFTER_GUARD);
      const v0 = await view(page);

      // A spot well inside a region, away from the zoom buttons.
      const spot = [150, 400];
      const id = await regionAt(page, spot);
      assert.ok(id, `a region under ${spot}`);

      // Down on the region, drag 80 px, back to the same spot, lift.
      await touch.send('touchStart', [spot]);
      for (const dy of [20, 40, 60, 80, 60, 40, 20, 0]) {
        await touch.send('touchMove', [[spot[0], spot[1] + dy]]);
        await page.waitForTimeout(16);
      }
      await touch.send('touchEnd', []);
      await page.waitForTimeout(AFTER_GUARD + 200);
      assert.equal(await page.locator('section.reader').count(), 0, 'a drag is not a tap: no reader');
      await placeIs(page, `/${DATE}/1/`);
      const v1 = await view(page);
      near(v1.y, v0.y, 1, 'dragged back to where it started');

      // A tap on the same spot opens the article under it.
      assert.equal(await regionAt(page, spot), id, 'the same region is still under the spot');
      await touch.tap(spot);
      await page.locator('section.reader #reader-title').filter({ hasText: articleTitle(id) }).waitFor(WAIT);
      await placeIs(page, `/${DATE}/1/${id}/`);
      await screenshot(page, 'gestures-phone-2-tap-zoomed-opens', { fullPage: false });
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('zoom buttons: 放大, 缩小, 还原整版', async () => {
    const { page, problems, close } = await open(browser, 'phone', '');
    try {
      await pageReady(page);
      const zoomIn = page.getByRole('button', { name: '放大', exact: true });
      const zoomOut = page.getByRole('button', { name: '缩小', exact: true });
      const reset = page.getByRole('button', { name: '还原整版', exact: true });
      // The buttons keep their places (a quick second tap must hit the same
      // one); on the fitted page 缩小 and 还原整版 are there but disabled.
      assert.ok(await reset.isDisabled(), '还原整版 is disabled on the fitted page');
      assert.ok(await zoomOut.isDisabled(), '缩小 is disabled on the fitted page');
      const z = async () => (await view(page)).z;

      // A press on a button is never part of a double tap on the page (next
      // test), so the taps need not stand apart.
      await zoomIn.tap();
      near(await z(), 1.5, 0.001, '放大 ×1.5');
      await zoomIn.tap();
      near(await z(), 2.25, 0.001, '放大 again ×1.5');
      await zoomOut.tap();
      near(await z(), 1.5, 0.001, '缩小 ÷1.5');
      await page.locator('.stage.zoomed').waitFor(SOON);
      assert.ok(await reset.isEnabled(), '还原整版 is enabled when zoomed');
      await reset.tap();
      const v = await view(page);
      assert.equal(v.z, 1, `还原整版 fits the page again: ${v.transform}`);
      assert.deepEqual([v.x, v.y], [0, 0], 'fitted at the top left (the page is as wide as the phone)');
      await page.locator('.stage.zoomed').waitFor({ state: 'detached', ...SOON });
      await page.waitForFunction(() => document.querySelector('.zoom-controls button[aria-label="还原整版"]').disabled, null, SOON);
      assert.ok(await zoomOut.isDisabled(), '缩小 never goes below the fitted page');
      assert.equal(await z(), 1);
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('two quick taps on 放大 zoom in twice (the button is not a double tap on the page)', async () => {
    const { page, context, problems, close } = await open(browser, 'phone', '');
    try {
      await pageReady(page);
      const touch = await touchscreen(context, page);
      const box = await page.getByRole('button', { name: '放大', exact: true }).boundingBox();
      const c = [box.x + box.width / 2, box.y + box.height / 2];
      await watchTransforms(page);
      await touch.tap(c);
      await page.waitForTimeout(120);
      await touch.tap(c);
      await page.waitForTimeout(300);
      const v = await view(page);
      const seen = await page.evaluate(() => window.__transforms);
      near(v.z, 2.25, 0.001, `two taps on 放大 give 1.5 × 1.5 (${v.transform}; scales taken: ${seen})`);
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('at the largest zoom the master is shown pixel for pixel (the smallest print is readable)', async () => {
    const { page, context, problems, close } = await open(browser, 'phone', `${DATE}/1/`);
    try {
      await pageReady(page);
      const touch = await touchscreen(context, page);
      // A wide pinch (40 → 340 px apart, ×8.5) goes as far as the zoom goes.
      await touch.pinch([[175, 400], [215, 400]], [[25, 400], [365, 400]], { steps: 12 });
      await settled(page);
      // 放大 has nothing more to give at the largest zoom: it is disabled.
      await page.waitForFunction(() => document.querySelector('.zoom-button[aria-label="放大"]')?.disabled, null, SOON);
      const v = await view(page);
      await page.waitForFunction(
        () => /page-01-2400\.jpg$/.test(document.querySelector('.stage img.page-image.sharp')?.currentSrc || ''),
        null,
        WAIT,
      );
      const dpr = await page.evaluate(() => devicePixelRatio);
      const devicePx = v.shown.width * dpr;
      assert.ok(v.z >= 4, `zooms to at least 4× (${v.transform})`);
      assert.ok(
        devicePx >= edition.pages[0].width * 0.9,
        `page drawn ${v.shown.width.toFixed(0)} CSS px × DPR ${dpr} = ${devicePx.toFixed(0)} device px ≥ 90% of the 2400 px master`,
      );
      assert.match((await view(page)).src, /page-01-2400\.jpg$/, 'the master rendition is the one shown');
      assertNotScrolled(v, 'at max zoom');
      await screenshot(page, 'gestures-phone-3-max-zoom', { fullPage: false });
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

describe('the page picture', () => {
  test('a loaded page picture is shown, first load after first load (test edition, thumbnail = picture)', async () => {
    const results = [];
    for (let i = 0; i < 6; i++) {
      const device = i % 2 ? 'phone' : 'desktop';
      const { page, problems, close } = await open(browser, device, TEST_INDEX);
      try {
        await pageReady(page);
        const sharp = await page
          .locator('.stage img.page-image.sharp')
          .waitFor(SOON)
          .then(() => true, () => false);
        const img = await page.evaluate(() => {
          const el = document.querySelector('.stage img.page-image');
          return { src: el.getAttribute('src'), complete: el.complete, naturalWidth: el.naturalWidth, opacity: getComputedStyle(el).opacity };
        });
        results.push({ device, sharp, ...img });
        if (!sharp) await screenshot(page, `gestures-${device}-picture-left-transparent`, { fullPage: false });
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    }
    const hidden = results.filter((r) => !r.sharp);
    assert.deepEqual(hidden, [], `loaded (complete) but left at opacity 0 in ${hidden.length} of ${results.length} loads`);
  });
});

describe('phone: touch on the test edition', () => {
  test('a short slow swipe springs back; long swipes turn from the page shown (1 → 2 → 3 → 2)', async () => {
    const { page, context, problems, close } = await open(browser, 'phone', TEST_INDEX);
    try {
      await pageReady(page);
      await placeIs(page, '/test/2000-01-03/1/');
      const touch = await touchscreen(context, page);
      const v0 = await view(page);

      // 60 px toward the next page, slowly (0.1 px/ms): the page follows, then springs back.
      await touch.drag([250, 450], [190, 450], {
        steps: 6,
        delay: 100,
        lift: false,
      });
      await frames(page);
      const mid = await view(page);
      near(mid.x, v0.x - 60, 12, 'the page follows the finger while swiping');
      await touch.send('touchEnd', []);
      await settled(page);
      const v1 = await view(page);
      assert.equal(v1.x, v0.x, `sprang back to the fitted place (${v1.transform})`);
      assert.equal(v1.z, 1);
      await placeIs(page, '/test/2000-01-03/1/');

      // A long quick swipe to the left: next page.
      await page.waitForTimeout(AFTER_GUARD);
      await touch.drag([330, 450], [60, 455], { steps: 8, delay: 16 });
      await placeIs(page, '/test/2000-01-03/2/');
      await pageReady(page);
      assert.equal(await page.locator('.page-bar select.page-picker').inputValue(), '2');
      const v2 = await view(page);
      assert.equal(v2.z, 1, 'the new page is fitted');
      assert.equal(v2.x, v0.x, 'and not left shifted by the swipe');
      await screenshot(page, 'gestures-phone-4-swiped-to-page2', { fullPage: false });

      // Each swipe turns from the page shown: on to page 3, then back to 2.
      await page.waitForTimeout(AFTER_GUARD);
      await touch.drag([330, 450], [60, 455], { steps: 8, delay: 16 });
      await placeIs(page, '/test/2000-01-03/3/');
      await pageReady(page);
      await page.waitForTimeout(AFTER_GUARD);
      await touch.drag([60, 450], [330, 455], { steps: 8, delay: 16 });
      await placeIs(page, '/test/2000-01-03/2/');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('double-tap on the page masthead zooms in about the spot; again zooms out', async () => {
    const { page, context, problems, close } = await open(browser, 'phone', TEST_INDEX);
    try {
      await pageReady(page);
      const touch = await touchscreen(context, page);
      const v0 = await view(page);
      // The page's own masthead: above the first region (y 560 of 3400 in the test page).
      const spot = [120, v0.stage.top + v0.shown.height * (300 / 3400)];
      const at = await page.evaluate(([x, y]) => {
        const el = document.elementFromPoint(x, y);
        return { region: !!el?.closest('a.region'), onPage: !!el?.closest('.stage .page') };
      }, spot);
      assert.deepEqual(at, { region: false, onPage: true }, `${spot}: on the page, not on a region`);
      const under = pagePoint(v0, ...spot);

      await watchTransforms(page);
      await touch.tap(spot);
      await page.waitForTimeout(80);
      await touch.tap(spot);
      await page.locator('.stage.zoomed').waitFor(SOON);
      await page.waitForTimeout(100);
      const v1 = await view(page);
      const seen = await page.evaluate(() => window.__transforms);
      near(v1.z, 2.5, 0.001, `double tap zooms to 2.5× (${v1.transform}; scales taken: ${seen})`);
      const [sx, sy] = screenPoint(v1, under);
      near(sx, spot[0], 2, 'x: the tapped spot stays under the finger');
      near(sy, spot[1], 2, 'y: the tapped spot stays under the finger');
      assertNotScrolled(v1, 'after the double tap');
      assert.equal(await page.locator('section.reader').count(), 0, 'no article opened');
      await screenshot(page, 'gestures-phone-5-double-tap-zoomed', { fullPage: false });

      await page.waitForTimeout(500);
      assert.equal(await regionAt(page, spot), null, 'still no region under the spot');
      await touch.tap(spot);
      await page.waitForTimeout(80);
      await touch.tap(spot);
      await page.locator('.stage.zoomed').waitFor({ state: 'detached', ...SOON });
      const v2 = await view(page);
      assert.equal(v2.transform, v0.transform, 'back to the fitted page');
      await placeIs(page, '/test/2000-01-03/1/');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

describe('desktop: mouse, wheel and keys', () => {
  test('wheel zooms about the pointer; a drag pans, clamped at the edges; a drag is no click', async () => {
    const { page, problems, close } = await open(browser, 'desktop', '');
    try {
      await pageReady(page);
      const v0 = await view(page);
      assert.equal(v0.z, 1);
      // The middle of the page across, a third down.
      const p = [v0.shown.left + v0.shown.width / 2, v0.stage.top + v0.shown.height / 3];
      const under = pagePoint(v0, ...p);
      await page.mouse.move(...p);
      await page.mouse.wheel(0, -300);
      await page.waitForFunction((t) => document.querySelector('.stage .page').style.transform !== t, v0.transform, WAIT);
      await settled(page);
      const v1 = await view(page);
      assert.ok(v1.z > 1.3, `the wheel zoomed in: ${v1.transform}`);
      const [sx, sy] = screenPoint(v1, under);
      near(sx, p[0], 2, 'x: the point under the pointer stays');
      near(sy, p[1], 2, 'y: the point under the pointer stays');

      // More wheel: wide enough to pan both ways.
      for (let i = 0; i < 3; i++) {
        await page.mouse.wheel(0, -200);
        await page.waitForTimeout(60);
      }
      await settled(page);
      const v2 = await view(page);
      assert.ok(v2.shown.width > v2.stage.width + 200, `page wider than the stage: ${JSON.stringify(v2.shown)}`);
      await page.locator('.stage.zoomed').waitFor(SOON);

      // A slow drag (0.2 px/ms: no fling) by (-120, -90) moves the page by exactly that.
      const start = [v2.stage.left + v2.stage.width / 2, v2.stage.top + v2.stage.height / 2];
      await page.mouse.move(...start);
      await page.mouse.down();
      for (let i = 1; i <= 24; i++) {
        await page.mouse.move(start[0] - 5 * i, start[1] - 3.75 * i);
        await page.waitForTimeout(25);
      }
      await page.mouse.up();
      await settled(page);
      const v3 = await view(page);
      near(v3.x, v2.x - 120, 2, 'x follows the drag');
      near(v3.y, v2.y - 90, 2, 'y follows the drag');
      assert.equal(await page.locator('section.reader').count(), 0, 'a drag is no click');

      // Far to the right and down: the page's top-left corner stops at the stage's.
      await page.mouse.move(...start);
      await page.mouse.down();
      await page.mouse.move(start[0] + 3000, start[1] + 3000, { steps: 10 });
      await page.mouse.up();
      await settled(page); // any fling comes to rest
      const v4 = await view(page);
      assert.deepEqual([v4.x, v4.y], [0, 0], `clamped at the top-left edge (${v4.transform})`);
      // Far to the left and up: the bottom-right corner stops at the stage's.
      await page.mouse.move(...start);
      await page.mouse.down();
      await page.mouse.move(start[0] - 6000, start[1] - 6000, { steps: 10 });
      await page.mouse.up();
      await settled(page);
      const v5 = await view(page);
      near(v5.x, v5.stage.width - v5.fitted.width * v5.z, 1.5, 'clamped at the right edge');
      near(v5.y, v5.stage.height - v5.fitted.height * v5.z, 1.5, 'clamped at the bottom edge');

      // Press on a region, drag away and back, release on it: the browser's click is not a tap.
      await page.waitForTimeout(AFTER_GUARD);
      const spot = [v5.stage.left + v5.stage.width / 2, v5.stage.top + v5.stage.height / 2];
      const id = await regionAt(page, spot);
      assert.ok(id, 'a region in the middle of the stage');
      await page.mouse.move(...spot);
      await page.mouse.down();
      await page.mouse.move(spot[0] + 60, spot[1] + 40, { steps: 6 });
      await page.mouse.move(...spot, { steps: 6 });
      await page.waitForTimeout(150);
      await page.mouse.up();
      await page.waitForTimeout(AFTER_GUARD);
      assert.equal(await page.locator('section.reader').count(), 0, 'drag released on a region: no reader');
      await placeIs(page, `/${DATE}/1/`);
      // A real click there still opens it.
      await page.waitForTimeout(AFTER_GUARD);
      assert.equal(await regionAt(page, spot), id);
      await page.mouse.click(...spot);
      await page.locator('section.reader #reader-title').filter({ hasText: articleTitle(id) }).waitFor(WAIT);
      await screenshot(page, 'gestures-desktop-1-zoomed-then-click');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('a quick drag flings on, but not when the pointer stood still before release', async () => {
    const { page, problems, close } = await open(browser, 'desktop', '');
    try {
      await pageReady(page);
      for (let i = 0; i < 3; i++) await page.keyboard.press('+');
      const v0 = await view(page);
      const start = [v0.stage.left + v0.stage.width / 2, v0.stage.top + v0.stage.height / 2];
      // Quick drag by -100 px across and released at once: the page flings on.
      await page.mouse.move(...start);
      await page.mouse.down();
      await page.mouse.move(start[0] - 100, start[1], { steps: 5 });
      await page.mouse.up();
      await settled(page);
      const v1 = await view(page);
      assert.ok(v1.x < v0.x - 110, `a quick release flings further than the drag: ${v0.x} → ${v1.x}`);
      // The same drag, then the pointer held still for 200 ms before release: it stays.
      await page.mouse.move(...start);
      await page.mouse.down();
      await page.mouse.move(start[0] + 100, start[1], { steps: 5 });
      await page.waitForTimeout(200);
      const held = await view(page);
      near(held.x, v1.x + 100, 2, 'the page followed the drag');
      await page.mouse.up();
      await settled(page);
      const v2 = await view(page);
      near(v2.x, held.x, 2, 'released after standing still: no fling');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('double-click zooms in about the pointer and back', async () => {
    const { page, problems, close } = await open(browser, 'desktop', TEST_INDEX);
    try {
      await pageReady(page);
      const v0 = await view(page);
      const spot = [v0.shown.left + v0.shown.width / 2, v0.stage.top + v0.shown.height * (300 / 3400)];
      assert.equal(await regionAt(page, spot), null, 'the page masthead has no region');
      const under = pagePoint(v0, ...spot);
      await watchTransforms(page);
      await page.mouse.dblclick(...spot);
      await page.locator('.stage.zoomed').waitFor(SOON);
      const v1 = await view(page);
      const seen = await page.evaluate(() => window.__transforms);
      near(v1.z, 2.5, 0.001, `dblclick zooms to 2.5× (${v1.transform}; scales taken: ${seen})`);
      const [sx, sy] = screenPoint(v1, under);
      near(sx, spot[0], 2, 'x: the spot stays under the pointer');
      near(sy, spot[1], 2, 'y: the spot stays under the pointer');
      await page.waitForTimeout(350);
      await page.mouse.dblclick(...spot);
      await page.locator('.stage.zoomed').waitFor({ state: 'detached', ...SOON });
      assert.equal((await view(page)).transform, v0.transform, 'fitted again');
      assert.equal(await page.locator('section.reader').count(), 0, 'no article opened');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('keys: + zooms, arrows pan when zoomed, 0 resets, → turns the page when not zoomed', async () => {
    const { page, problems, close } = await open(browser, 'desktop', TEST_INDEX);
    try {
      await pageReady(page);
      await placeIs(page, '/test/2000-01-03/1/');
      const v0 = await view(page);
      for (let i = 0; i < 3; i++) await page.keyboard.press('+');
      const v1 = await view(page);
      near(v1.z, 1.5 ** 3, 0.001, `+ zooms ×1.5 each (${v1.transform})`);
      await page.locator('.stage.zoomed').waitFor(SOON);
      assert.ok(v1.shown.width > v1.stage.width, 'wide enough to pan across');

      // Arrows pan by 60 px (unless at an edge) and never turn the page while zoomed.
      await page.keyboard.press('ArrowRight');
      const v2 = await view(page);
      near(v2.x, Math.max(v1.x - 60, v1.stage.width - v1.fitted.width * v1.z), 0.5, '→ pans the page left');
      assert.notEqual(v2.x, v1.x, '→ moved the page');
      await page.keyboard.press('ArrowDown');
      const v3 = await view(page);
      near(v3.y, Math.max(v2.y - 60, v2.stage.height - v2.fitted.height * v2.z), 0.5, '↓ pans the page up');
      assert.notEqual(v3.y, v2.y, '↓ moved the page');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowUp');
      const v4 = await view(page);
      near(v4.x, Math.min(v3.x + 60, 0), 0.5, '← pans back');
      near(v4.y, Math.min(v3.y + 60, 0), 0.5, '↑ pans back');
      await page.waitForTimeout(100);
      await placeIs(page, '/test/2000-01-03/1/');

      await page.keyboard.press('-');
      near((await view(page)).z, 1.5 ** 2, 0.001, '- zooms out');
      await page.keyboard.press('0');
      const v5 = await view(page);
      assert.equal(v5.transform, v0.transform, '0 fits the page again');
      await page.locator('.stage.zoomed').waitFor({ state: 'detached', ...SOON });

      await page.keyboard.press('ArrowRight');
      await placeIs(page, '/test/2000-01-03/2/');
      await pageReady(page);
      await page.keyboard.press('ArrowLeft');
      await placeIs(page, '/test/2000-01-03/1/');
      await screenshot(page, 'gestures-desktop-2-keys');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});
