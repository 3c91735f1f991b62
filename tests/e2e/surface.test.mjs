// The facsimile's rough edges (issue #11) and its tap path (issue #15):
// a tap opens the story on pointerup and the touch's click is cancelled;
// no tap highlight; the first visit's zoom hint; zoom buttons that never
// cover the page at any size; the page given the height on a landscape
// phone; the 本版标题 sheet with a scrim that takes the tap and is a history
// entry; and the picture the published page chose is the one the app shows
// (no second download) at every size; hovering on a desktop lights a story on
// the page and in the list.
// Screenshots: tests/e2e/screenshots/surface-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoProblems, launch, open, pageReady, placeIs, screenshot } from './harness.mjs';

const SOON = { timeout: 5_000 };
const DATE = '2025-05-21';
const LEAD = 'computing-centre';

/** The five sizes of issue #11, as phone (touch) or desktop presets. */
const SIZES = [
  ['phone', 390, 844],
  ['phone', 360, 640],
  ['phone', 844, 390],
  ['phone', 820, 1180],
  ['desktop', 1440, 900],
];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A point inside the first region of `id`, in viewport px. */
function regionPoint(page, id) {
  return page.evaluate((id) => {
    const r = document.querySelector(`#app .regions a[data-article="${id}"] polygon`).getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 3];
  }, id);
}

function boxes(page) {
  return page.evaluate(() => {
    const rect = (sel) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return r && { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    return { page: rect('#app .stage .page'), controls: rect('#app .zoom-controls'), stage: rect('#app .stage') };
  });
}

function overlap(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

describe('the tap path', () => {
  test('phone: a tap opens the story on pointerup; its click is cancelled; no tap highlight', async () => {
    const { page, problems, close } = await open(browser, 'phone', `${DATE}/1/`);
    try {
      await pageReady(page);
      const highlight = await page.evaluate(() => getComputedStyle(document.querySelector('#app a.region')).webkitTapHighlightColor);
      assert.equal(highlight, 'rgba(0, 0, 0, 0)', 'no tap highlight over the regions');
      await page.evaluate(() => {
        window.__events = [];
        for (const type of ['pointerup', 'touchend', 'click']) {
          document.addEventListener(type, () => window.__events.push(`${type}:${!!document.querySelector('#app section.reader')}`), true);
        }
      });
      const entries = await page.evaluate(() => history.length);
      await page.touchscreen.tap(...(await regionPoint(page, LEAD)));
      await page.locator('#app section.reader #reader-title').waitFor(SOON);
      await placeIs(page, `/${DATE}/1/${LEAD}/`);
      // Opened once: one new history entry, one reader.
      assert.equal(await page.evaluate(() => history.length), entries + 1, 'one history entry for one tap');
      assert.equal(await page.locator('section.reader').count(), 1, 'one reader');
      // The reader is there by touchend (it came on pointerup), and the click
      // that would land on whatever the reader put under the finger never comes.
      await page.waitForFunction(() => window.__events.some((e) => e.startsWith('touchend')), null, SOON);
      const events = await page.evaluate(() => window.__events);
      assert.deepEqual(events, ['pointerup:false', 'touchend:true'], `events: ${events}`);
      // Focus moves to the title after the frame is painted.
      await page.waitForFunction(() => document.activeElement?.id === 'reader-title', null, SOON);
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('desktop: a click opens the story once; a double click on a story does not zoom; Esc closes', async () => {
    const { page, problems, close } = await open(browser, 'desktop', `${DATE}/1/`);
    try {
      await pageReady(page);
      const at = await regionPoint(page, LEAD);
      await page.mouse.dblclick(...at);
      await page.locator('#app section.reader #reader-title').waitFor(SOON);
      await placeIs(page, `/${DATE}/1/${LEAD}/`);
      assert.equal(await page.locator('#app .stage.zoomed').count(), 0, 'a double click on a story opens it, no zoom');
      await page.keyboard.press('Escape');
      await page.locator('#app section.reader').waitFor({ state: 'detached', ...SOON });
      await placeIs(page, `/${DATE}/1/`);
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

describe('hover (desktop)', () => {
  test('a region pointed at lights its regions, its title and its list entry; an entry pointed at lights its regions', async () => {
    const { page, problems, close } = await open(browser, 'desktop', `${DATE}/1/`);
    try {
      await pageReady(page);
      const lit = () =>
        page.evaluate(() => ({
          regions: [...document.querySelectorAll('#app .regions a.region.lit')].map((a) => a.dataset.article),
          list: [...document.querySelectorAll('#app .article-list a.lit')].map((a) => a.getAttribute('href')),
          title: document.querySelector('#app .hover-title')?.textContent ?? null,
        }));
      await page.mouse.move(...(await regionPoint(page, LEAD)));
      await page.locator('#app .regions a.region.lit').first().waitFor(SOON);
      let now = await lit();
      assert.ok(now.regions.length >= 1 && now.regions.every((id) => id === LEAD), `lead regions lit: ${now.regions}`);
      assert.deepEqual(now.list.map((h) => h.includes(`/${LEAD}/`)), [true], `its list entry lit: ${now.list}`);
      assert.ok(now.title, 'its title named over the page');
      await screenshot(page, 'surface-desktop-hover-region');
      // Off the page: nothing lit.
      await page.mouse.move(5, 890);
      await page.locator('#app .regions a.region.lit').first().waitFor({ state: 'detached', ...SOON });
      now = await lit();
      assert.deepEqual(now, { regions: [], list: [], title: null }, 'nothing lit once the pointer left');
      // The list: an entry pointed at lights the story's regions (moving over
      // its title inside the entry keeps them lit).
      const entry = page.locator('#app .article-list a', { hasText: '最强大脑' });
      const box = await entry.boundingBox();
      await page.mouse.move(box.x + 4, box.y + 4);
      await page.locator('#app .regions a.region.lit').first().waitFor(SOON);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      now = await lit();
      assert.ok(now.regions.length >= 1 && now.regions.every((id) => id === LEAD), `lit from the list: ${now.regions}`);
      await screenshot(page, 'surface-desktop-hover-list');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

describe('zoom hint', () => {
  test('shown on the first visit; 知道了 puts it away for good; zooming does too', async () => {
    const { page, context, problems, close } = await open(browser, 'phone', `${DATE}/1/`);
    try {
      await pageReady(page);
      const hint = page.locator('#app .zoom-hint');
      await hint.waitFor(SOON);
      assert.match(await hint.innerText(), /双指张开.*双击版面空白处.*＋/s);
      await screenshot(page, 'surface-phone-390x844-hint', { fullPage: false });
      await hint.getByRole('button', { name: '知道了' }).tap();
      await hint.waitFor({ state: 'detached', ...SOON });
      await page.reload({ waitUntil: 'load' });
      await pageReady(page);
      assert.equal(await hint.count(), 0, 'dismissed: not shown after a reload');

      // Another reader (a fresh context) zooms instead: the hint goes as well.
      const second = await context.browser().newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      try {
        const p2 = await second.newPage();
        await p2.goto(new URL(`${DATE}/1/`, page.url()).href, { waitUntil: 'load' });
        await pageReady(p2);
        await p2.locator('#app .zoom-hint').waitFor(SOON);
        await p2.getByRole('button', { name: '放大', exact: true }).tap();
        await p2.locator('#app .zoom-hint').waitFor({ state: 'detached', ...SOON });
        assert.equal(await p2.evaluate(() => localStorage.getItem('epaper.zoomHint')), 'seen');
      } finally {
        await second.close();
      }
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

describe('the page at every size', () => {
  for (const [device, width, height] of SIZES) {
    test(`${width}×${height}: one picture download; the zoom buttons stand off the page; + off at the largest zoom, − at fit`, async () => {
      const { page, problems, close } = await open(browser, device, `${DATE}/1/`, {
        viewport: { width, height },
        initScript: () => localStorage.setItem('epaper.zoomHint', 'seen'),
      });
      try {
        await pageReady(page);
        // The picture the published page chose (srcset, sizes from the CSS
        // layout) is the one the app shows: one download, no second rendition.
        const shown = await page.evaluate(() => document.querySelector('#app .stage img.page-image').currentSrc);
        const fetched = await page.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /page-01-\d+\.jpg$/.test(n)),
        );
        assert.deepEqual(fetched, [shown], `renditions fetched: ${fetched}`);
        await page.locator('#app .zoom-controls.below, #app .zoom-controls.beside').waitFor(SOON);
        const b = await boxes(page);
        await screenshot(page, `surface-${device}-${width}x${height}`, { fullPage: false });
        assert.ok(!overlap(b.page, b.controls), `buttons ${JSON.stringify(b.controls)} clear of the page ${JSON.stringify(b.page)}`);
        assert.ok(b.controls.bottom <= b.stage.bottom + 0.5 && b.controls.right <= b.stage.right + 0.5, 'inside the stage');
        if (width > height && device === 'phone') {
          assert.ok(b.page.height >= height * 0.9, `landscape: the page has the height (${b.page.width.toFixed(0)}×${b.page.height.toFixed(0)})`);
        }
        assert.ok(await page.getByRole('button', { name: '缩小', exact: true }).isDisabled(), '− is off at fit');
        // + is off at the largest zoom: at the phone and the desktop size.
        if (width === 390 || width === 1440) {
          const zoomIn = page.getByRole('button', { name: '放大', exact: true });
          for (let i = 0; i < 8 && (await zoomIn.isEnabled()); i++) {
            await zoomIn.click();
            await page.locator('#app .stage.zoomed').waitFor(SOON);
          }
          await page.waitForFunction(() => document.querySelector('#app .zoom-button[aria-label="放大"]').disabled, null, SOON);
          assert.ok(await page.getByRole('button', { name: '缩小', exact: true }).isEnabled(), '− is on when zoomed');
        }
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  }
});

describe('本版标题 on a phone', () => {
  test('a scrim behind the sheet; a tap on the page behind closes it and opens no story; back closes it', async () => {
    const { page, problems, close } = await open(browser, 'phone', `${DATE}/1/`, {
      initScript: () => localStorage.setItem('epaper.zoomHint', 'seen'),
    });
    try {
      await pageReady(page);
      const at = await regionPoint(page, LEAD);
      const list = page.locator('#app .side');
      await page.locator('#app .list-toggle').tap();
      await page.locator('#app .side.list-open').waitFor(SOON);
      await page.locator('#app .scrim').waitFor(SOON);
      await screenshot(page, 'surface-phone-list-sheet', { fullPage: false });
      const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.className, [at[0], 60]);
      assert.equal(hit, 'scrim', 'the scrim lies over the page');
      await page.touchscreen.tap(at[0], 60);
      await page.locator('#app .scrim').waitFor({ state: 'detached', ...SOON });
      assert.doesNotMatch(await list.getAttribute('class'), /list-open/);
      assert.equal(await page.locator('#app section.reader').count(), 0, 'no story opened');
      await placeIs(page, `/${DATE}/1/`);

      // The sheet is a history entry: back closes it and stays on the page.
      await page.locator('#app .list-toggle').tap();
      await page.locator('#app .side.list-open').waitFor(SOON);
      await page.goBack();
      await page.locator('#app .side.list-open').waitFor({ state: 'detached', ...SOON });
      await placeIs(page, `/${DATE}/1/`);
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});
