// Accessibility: axe-core on the page view and the reader (phone and desktop),
// and reading with the keyboard alone. Screenshots: tests/e2e/screenshots/a11y-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoProblems, launch, open, screenshot, pageReady, TEST_INDEX, assertAxeClean } from './harness.mjs';

const WAIT = { timeout: 20_000 };
/** For what follows at once from a key or a tap (no network): a failure fails fast. */
const SOON = { timeout: 5_000 };
const DATE = '2025-05-21';
const LEAD = 'computing-centre';
const LEAD_TITLE = '六院士领衔打造中亚地区“最强大脑”';
const NEXT = 'zhundong-aluminium-photo';
const NEXT_TITLE = '构建全生命周期产业矩阵';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('axe-core', () => {
  for (const device of ['phone', 'desktop']) {
    test(`${device}: page view has no violations`, async () => {
      const { page, problems, close } = await open(browser, device, '');
      try {
        await pageReady(page);
        await screenshot(page, `a11y-${device}-page`);
        await assertAxeClean(page, `${device} page view`);
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });

    test(`${device}: reader has no violations`, async () => {
      const { page, problems, close } = await open(browser, device, `${DATE}/1/${LEAD}/`);
      try {
        await page.locator('section.reader #reader-title', { hasText: LEAD_TITLE }).waitFor(WAIT);
        await pageReady(page);
        await screenshot(page, `a11y-${device}-reader`);
        await assertAxeClean(page, `${device} reader`);
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  }

  test('phone: 本版标题 sheet open has no violations', async () => {
    const { page, problems, close } = await open(browser, 'phone', '');
    try {
      await pageReady(page);
      await page.locator('.page-bar .list-toggle').tap();
      await page.locator('aside.side.list-open').waitFor(WAIT);
      // The sheet slides up (0.2 s): wait until it stands still.
      await page.waitForFunction(() => getComputedStyle(document.querySelector('aside.side')).transform === 'none', null, SOON);
      assert.equal(await page.locator('.page-bar .list-toggle').getAttribute('aria-expanded'), 'true');
      await screenshot(page, 'a11y-phone-list');
      await assertAxeClean(page, 'phone list sheet');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

/** What has the keyboard focus, in words. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body' };
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id || null,
      article: el.closest('a.region')?.dataset.article ?? null,
      region: !!el.closest('svg.regions a.region'),
      cls: el.getAttribute('class'),
      text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40),
      visibleFocus: el.matches(':focus-visible'),
    };
  });
}

describe('keyboard only', () => {
  test('desktop: Tab to the first region, Enter, Tab to 下一篇, Enter, Esc → focus back on the page', async () => {
    const { page, problems, close } = await open(browser, 'desktop', '');
    try {
      await pageReady(page);
      const path = [];
      let f;
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        f = await focused(page);
        path.push(f.region ? `region:${f.article}` : `${f.tag}${f.cls ? '.' + f.cls.split(' ')[0] : ''} ${f.text}`);
        if (f.region) break;
      }
      assert.ok(f.region, `a region link is reached with Tab; path: ${path.join(' | ')}`);
      assert.equal(f.article, LEAD, `the first region reached is the lead story; path: ${path.join(' | ')}`);
      assert.ok(f.visibleFocus, 'the focused region shows a focus ring (:focus-visible)');
      // The stroke fades in (a 0.12 s transition): wait for it, then read it.
      const selector = `svg.regions a.region[data-article="${LEAD}"] polygon`;
      await page
        .waitForFunction((sel) => !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(getComputedStyle(document.querySelector(sel)).stroke), selector, { timeout: 2_000 })
      const ring = await page.$eval(selector, (p) => getComputedStyle(p).stroke);
      assert.notEqual(ring, 'transparent', 'focus ring is drawn');
      assert.notEqual(ring, 'rgba(0, 0, 0, 0)', 'focus ring is drawn');
      // Focus on a region also names it, as hovering does.
      await page.locator('.hover-title', { hasText: LEAD_TITLE }).waitFor(WAIT);
      await screenshot(page, 'a11y-desktop-keys-1-region-focused');

      // Tab moves on in reading order.
      await page.keyboard.press('Tab');
      assert.equal((await focused(page)).article, NEXT, 'the second Tab reaches the second story');
      await page.keyboard.press('Shift+Tab');
      assert.equal((await focused(page)).article, LEAD);

      await page.keyboard.press('Enter');
      await page.locator('section.reader #reader-title', { hasText: LEAD_TITLE }).waitFor(WAIT);
      await page.waitForFunction(() => document.activeElement?.id === 'reader-title', null, SOON);
      assert.equal((await focused(page)).id, 'reader-title', 'Enter opens the reader with focus on the title');
      assert.equal(new URL(page.url()).pathname, `/${DATE}/1/${LEAD}/`);
      await screenshot(page, 'a11y-desktop-keys-2-reader');

      const steps = [];
      for (let i = 0; i < 15; i++) {
        await page.keyboard.press('Tab');
        f = await focused(page);
        steps.push(`${f.tag}.${f.cls} ${f.text}`);
        if (f.cls?.includes('step') && f.cls.includes('next')) break;
      }
      assert.ok(f.cls?.includes('next'), `Tab reaches 下一篇; path: ${steps.join(' | ')}`);
      assert.match(f.text, /下一篇/);
      await screenshot(page, 'a11y-desktop-keys-3-next-focused');
      await page.keyboard.press('Enter');
      await page.locator('section.reader #reader-title', { hasText: NEXT_TITLE }).waitFor(WAIT);
      await page.waitForFunction(() => document.activeElement?.id === 'reader-title', null, SOON);
      assert.equal((await focused(page)).id, 'reader-title', 'the next article takes the focus to its title');
      assert.equal(new URL(page.url()).pathname, `/${DATE}/1/${NEXT}/`);

      await page.keyboard.press('Escape');
      await page.locator('section.reader').waitFor({ state: 'detached', ...WAIT });
      await page.waitForFunction((id) => document.activeElement?.closest?.('a.region')?.dataset.article === id, NEXT, SOON);
      f = await focused(page);
      assert.equal(f.article, NEXT, `Esc returns focus to the region of the article that was open: ${JSON.stringify(f)}`);
      assert.equal(new URL(page.url()).pathname, `/${DATE}/1/`);
      await screenshot(page, 'a11y-desktop-keys-4-closed');

      // ←/→ turn pages only where there is one: the sample has a single page.
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(200);
      assert.equal(new URL(page.url()).pathname, `/${DATE}/1/`, 'no page 2 to turn to');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('desktop: ←/→ turn the pages of the test edition', async () => {
    const { page, problems, close } = await open(browser, 'desktop', TEST_INDEX);
    try {
      await pageReady(page);
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => location.pathname === '/test/2000-01-03/2/', null, SOON);
      assert.equal(new URL(page.url()).pathname, '/test/2000-01-03/2/', '→ turns to page 2');
      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction(() => location.pathname === '/test/2000-01-03/1/', null, SOON);
      assert.equal(new URL(page.url()).pathname, '/test/2000-01-03/1/', '← turns back to page 1');
      await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(200);
      assert.equal(new URL(page.url()).pathname, '/test/2000-01-03/1/', 'no page before page 1');
      await screenshot(page, 'a11y-desktop-keys-arrows');

      // Turning the page from a focused region must not leave the focus on some
      // other article of the new page that the reader never chose.
      let f;
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        f = await focused(page);
        if (f.article === 'p01-08') break;
      }
      assert.equal(f.article, 'p01-08', 'Tab reaches the last article of page 1');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => location.pathname === '/test/2000-01-03/2/', null, SOON);
      assert.equal(new URL(page.url()).pathname, '/test/2000-01-03/2/', '→ from a focused region turns the page');
      await pageReady(page);
      f = await focused(page);
      await screenshot(page, 'a11y-desktop-keys-arrow-from-region');
      assert.ok(
        !f.region || f.article === 'p02-01',
        `after turning the page, focus is not on an article the reader did not choose: ${JSON.stringify(f)}`,
      );
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

// The reader is run once at idle before the first tap (src/web/hooks/warm.rs):
// rendered detached, then attached, laid out and removed within one task.
// Nothing of it may reach a reader or a screen reader: watched from before
// the app starts, at every frame and every DOM change.
function watchWarmUp() {
  const seen = (window.__warm = { added: 0, glyphs: 0, leftAfterTask: 0, titlesInFrame: 0, history: history.length });
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        // The reader (with its title), then boxes of the edition's glyphs (hooks/glyphs.rs).
        if (n.classList?.contains('reader-warm')) n.querySelector('#reader-title') ? seen.added++ : seen.glyphs++;
      }
    }
    // Called after the task (microtask checkpoint): it must be gone by then.
    if (document.querySelector('.reader-warm')) seen.leftAfterTask++;
  }).observe(document, { subtree: true, childList: true });
  const frame = () => {
    if (!document.querySelector('section.reader:not(.reader-warm *)')) {
      seen.titlesInFrame = Math.max(seen.titlesInFrame, document.querySelectorAll('#reader-title, .reader-warm').length);
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

describe('reader warm-up', () => {
  for (const device of ['phone', 'desktop']) {
    test(`${device}: leaves no trace (no second title, focus, history, axe), and the first tap opens the lead story`, async () => {
      const { page, problems, close } = await open(browser, device, '', { initScript: watchWarmUp });
      try {
        await pageReady(page);
        await page.waitForFunction(() => window.__warm.added > 0, null, WAIT);
        const seen = await page.evaluate(() => ({ ...window.__warm, now: history.length, focus: document.activeElement === document.body, titles: document.querySelectorAll('#reader-title').length }));
        assert.equal(seen.added, 1, 'warmed once');
        await page.waitForFunction(() => window.__warm.glyphs >= 4, null, WAIT);
        Object.assign(seen, await page.evaluate(() => ({ leftAfterTask: window.__warm.leftAfterTask, titlesInFrame: window.__warm.titlesInFrame })));
        assert.equal(seen.leftAfterTask, 0, 'removed in the task that added it');
        assert.equal(seen.titlesInFrame, 0, 'no frame showed a reader title before any tap');
        assert.equal(seen.titles, 0, 'no #reader-title in the document');
        assert.equal(seen.now, seen.history, 'no history entry');
        assert.ok(seen.focus, 'focus untouched');
        assert.equal(await page.evaluate(() => scrollY), 0, 'no scroll');
        await assertAxeClean(page, `${device} page after the warm-up`);
        // The reader is the second module's: the warm-up came with it.
        // Asked for once: the boot script's request (web/boot.js) is the one the app's loader uses.
        const lazyFetched = () => performance.getEntriesByType('resource').filter((e) => /changji_epaper_lazy_bg/.test(e.name)).length;
        assert.equal(await page.evaluate(lazyFetched), 1, 'the second module came before any tap, downloaded once');

        const lead = page.locator(`svg.regions a.region[data-article="${LEAD}"]`).first();
        if (device === 'phone') await lead.tap();
        else await lead.click();
        await page.locator('section.reader #reader-title', { hasText: LEAD_TITLE }).waitFor(SOON);
        assert.equal(await page.locator('#reader-title').count(), 1, 'one reader');
        await page.waitForFunction(() => document.activeElement?.id === 'reader-title', null, SOON);
        assert.equal(await page.evaluate(() => window.__warm.added), 1, 'not warmed again');
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  }
});
