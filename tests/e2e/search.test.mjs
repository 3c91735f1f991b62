// 检索 and 往期, end to end at phone and desktop size: the search screen from
// the masthead, results as a list of links with the hits marked, a result
// opening its article over its page with the regions lit and the hits marked,
// back to the results, a shared search address; and on the synthetic
// 365-edition archive (scripts/test-site.sh: /test-archive/, opened through
// the test switch ?index=) the calendar and a rare word's editions, newest
// first. Search and 往期 are the second WebAssembly module (src/web/lazy.rs):
// its loading state, a failed download with its 重试, and the focus moving
// into the calendar and back. Screenshots: tests/e2e/screenshots/search-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoProblems, launch, open, placeIs, readerShows, screenshot, assertAxeClean } from './harness.mjs';

const WAIT = { timeout: 20_000 };
const LEAD_TITLE = '六院士领衔打造中亚地区“最强大脑”';
const FEATURE_TITLE = '百舸争流千帆竞 戈壁煤海启新程';
const ARCHIVE = '?index=/test-archive/index.json';
/** tools/testdata/make-test-archive.mjs RARE: 琥珀灯塔 stands in these editions. */
const RARE_DATES = ['2001-07-21', '2001-02-20', '2000-08-17'];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const results = (page) => page.locator('#app ol.search-results > li');
const count = (page) => page.locator('#app .search-count[role=status]');

/** Records, as each screen of the second module appears, a property its
 *  own stylesheet sets (an init script: it runs in the page). */
function firstStyles() {
  window.__firstStyles = {};
  const probes = { '.search-results': 'listStyleType', '.cal-grid': 'borderCollapse' };
  new MutationObserver(() => {
    for (const [sel, prop] of Object.entries(probes)) {
      const el = !(sel in window.__firstStyles) && document.querySelector(`#app ${sel}`);
      if (el) window.__firstStyles[sel] = getComputedStyle(el)[prop];
    }
  }).observe(document, { subtree: true, childList: true });
}

/** Types a query into the labelled search box and submits it with Enter. */
async function searchFor(page, query) {
  const box = page.getByRole('searchbox', { name: '检索报纸文章' });
  await box.fill(query);
  await box.press('Enter');
}

/** Waits for the archive's results (not the open edition's preview). */
async function archiveResults(page) {
  await page.locator('#app .search-heading', { hasText: '全部往期' }).waitFor(WAIT);
}

for (const device of ['phone', 'desktop']) {
  describe(`search (${device})`, () => {
    test('算力 from the masthead: results, the lead story lit and marked, back to the results', async () => {
      const { page, problems, close } = await open(browser, device, '');
      try {
        await page.locator('#app .masthead a.search-link').click();
        await page.waitForFunction(() => location.pathname === '/search/', null, WAIT);
        const box = page.getByRole('searchbox', { name: '检索报纸文章' });
        await box.waitFor(WAIT);
        assert.ok(await box.evaluate((el) => el === document.activeElement), 'the box has the focus');
        await screenshot(page, `search-${device}-empty`);
        await searchFor(page, '算力');
        await archiveResults(page);
        await page.waitForFunction(() => /search\/\?q=%E7%AE%97%E5%8A%9B$/.test(location.href), null, WAIT);
        const lead = results(page).filter({ hasText: LEAD_TITLE });
        await lead.waitFor(WAIT);
        assert.match(await count(page).textContent(), /^找到 \d+ 篇含“算力”的文章/);
        assert.match(await lead.textContent(), /2025年5月21日 · 第1版/);
        assert.ok((await lead.locator('mark').allTextContents()).includes('算力'), 'the hit is marked in the result');
        await screenshot(page, `search-${device}-results`);
        await assertAxeClean(page, `${device} search results`);

        await lead.locator('a').click();
        await readerShows(page, LEAD_TITLE);
        await placeIs(page, '/2025-05-21/1/computing-centre/');
        await page.locator('#app .region.current[data-article="computing-centre"]').first().waitFor({ state: 'attached', ...WAIT });
        const marks = await page.locator('#app .reader .story-body mark').allTextContents();
        assert.ok(marks.length > 0 && marks.every((m) => m === '算力'), `算力 marked in the text: ${marks}`);
        await screenshot(page, `search-${device}-article`, { fullPage: false });

        await page.goBack();
        await lead.waitFor(WAIT);
        assert.equal(await box.inputValue(), '算力', 'back returns to the results with the query');
        assert.equal(new URL(page.url()).searchParams.get('q'), '算力');
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });

    test('a shared search address loads its results; 准东 finds the feature; no hits says so', async () => {
      const { page, problems, close } = await open(browser, device, `search/?q=${encodeURIComponent('准东')}`);
      try {
        await archiveResults(page);
        assert.equal(await results(page).first().locator('.result-title').textContent(), FEATURE_TITLE);
        assert.equal(await page.title(), '检索“准东” · 昌吉日报数字报');
        await searchFor(page, '火星基地');
        await count(page).filter({ hasText: '没有找到含“火星基地”的文章。' }).waitFor(WAIT);
        assert.equal(await results(page).count(), 0);
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });

    test('search and 往期 load on first use: a calm wait, a failed download says so and 重试 works', async () => {
      // The module's files, held until released (or failed), from the start:
      // the page asks for them once it is shown (the reader is theirs).
      let release;
      const held = new Promise((r) => { release = r; });
      // The glue comes, the module is held: what a slow network shows.
      const lazy = /\/assets\/changji_epaper_lazy_bg\./;
      const hold = async (route) => ((await held) ? route.continue() : route.abort('internetdisconnected'));
      // No service worker: its own requests would pass the route.
      const { page, close } = await open(browser, device, '', { serviceWorkers: 'block', initScript: firstStyles, routes: [[lazy, hold]] });
      try {
        await page.locator('#app .masthead a.search-link').click();
        const wait = page.locator('#app .search.lazy-wait');
        await wait.locator('[role=status]', { hasText: '正在打开检索…' }).waitFor(WAIT);
        const before = await wait.locator('form').boundingBox();
        await screenshot(page, `search-${device}-loading`);
        release(false);
        const failed = page.locator('#app .lazy-failed[role=alert]');
        await failed.filter({ hasText: '检索没有打开：请检查网络连接后重试。' }).waitFor(WAIT);
        await screenshot(page, `search-${device}-load-failed`);
        await page.unroute(lazy);
        await failed.getByRole('button', { name: '重试' }).click();
        const box = page.getByRole('searchbox', { name: '检索报纸文章' });
        await box.waitFor(WAIT);
        assert.equal(await failed.count(), 0, 'the message goes');
        const form = await page.locator('#app form.search-form').boundingBox();
        assert.deepEqual([form.y, form.height], [before.y, before.height], 'the form does not move when it comes');
        await searchFor(page, '算力');
        await archiveResults(page);

        // Once loaded, 往期 opens without a wait (the same module).
        await page.locator('#app .masthead a.archive-link').click();
        await page.getByRole('grid').waitFor(WAIT);
        // The screens' own stylesheet (styles/lazy/) applied the moment they appeared.
        assert.deepEqual(await page.evaluate(() => window.__firstStyles),
          { '.search-results': 'none', '.cal-grid': 'collapse' }, 'no screen shows unstyled');
        await page.keyboard.press('Escape');
        await page.locator('#calendar-panel').waitFor({ state: 'detached', ...WAIT });
        await page.waitForFunction(() => document.activeElement?.matches('#app .archive-link'), null, WAIT);
      } finally {
        await close();
      }
    });

    test('往期 when the module\'s script cannot be fetched: the message in the panel, 重试 opens the calendar', async () => {
      const glue = /\/assets\/changji_epaper_lazy\.[0-9a-f]+\.js$/;
      let fail;
      const failing = new Promise((r) => { fail = r; });
      const failLater = async (route) => { await failing; await route.abort('internetdisconnected'); };
      const { page, close } = await open(browser, device, '', { serviceWorkers: 'block', routes: [[glue, failLater]] });
      try {
        await page.locator('#app .masthead a.archive-link').click();
        await page.locator('#calendar-panel .calendar.lazy-wait [role=status]', { hasText: '正在打开往期日历…' }).waitFor(WAIT);
        await screenshot(page, `search-${device}-calendar-loading`, { fullPage: false });
        fail();
        const failed = page.locator('#calendar-panel .lazy-failed[role=alert]');
        await failed.filter({ hasText: '往期日历没有打开：请检查网络连接后重试。' }).waitFor(WAIT);
        await screenshot(page, `search-${device}-calendar-load-failed`, { fullPage: false });
        await page.unroute(glue);
        await failed.getByRole('button', { name: '重试' }).click();
        await page.getByRole('grid').locator('caption', { hasText: '2025年5月' }).waitFor(WAIT);
        await page.waitForFunction(() => document.activeElement?.dataset.date === '2025-05-21', null, WAIT);
      } finally {
        await close();
      }
    });

    test('365-edition archive: the calendar jumps to any day; a rare word lists its editions newest first', async () => {
      const { page, problems, close } = await open(browser, device, `test/${ARCHIVE}`);
      try {
        await page.locator('#app .masthead time[datetime="2001-08-30"]').waitFor(WAIT);
        const toggle = page.locator('#app .masthead a.archive-link');
        await toggle.click();
        const grid = page.getByRole('grid');
        await grid.locator('caption', { hasText: '2001年8月' }).waitFor(WAIT);
        assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
        // The focus moves in (the open edition's day), so the arrows work at once.
        await page.waitForFunction(() => document.activeElement?.dataset.date === '2001-08-30', null, WAIT);
        // Sundays have no edition: not links.
        assert.equal(await grid.locator('[data-date="2001-08-26"]').evaluate((el) => el.tagName), 'TD');
        await screenshot(page, `search-${device}-calendar`, { fullPage: false });
        await assertAxeClean(page, `${device} calendar`);
        // A year back: its list is fetched only now.
        await page.getByRole('combobox', { name: '年份' }).selectOption('2000');
        await page.getByRole('combobox', { name: '月份' }).selectOption('8');
        const day = grid.locator('a[data-date="2000-08-17"]');
        await day.waitFor(WAIT);
        await day.click();
        await page.locator('#app .masthead time[datetime="2000-08-17"]').waitFor(WAIT);
        await placeIs(page, '/test/2000-08-17/1/');
        assert.equal(await page.locator('#calendar-panel').count(), 0, 'the calendar closes');

        await page.locator('#app .masthead a.search-link').click();
        await searchFor(page, '琥珀灯塔');
        await archiveResults(page);
        await page.waitForFunction((n) => document.querySelectorAll('#app ol.search-results > li').length === n, RARE_DATES.length, WAIT);
        const dates = await results(page).locator('time').evaluateAll((els) => els.map((t) => t.getAttribute('datetime')));
        assert.deepEqual(dates, RARE_DATES, 'newest first');
        await screenshot(page, `search-${device}-archive-results`);
        await results(page).nth(1).locator('a').click();
        await page.locator('#app .reader .story-body mark', { hasText: '琥珀灯塔' }).waitFor(WAIT);
        await page.locator('#app .masthead time[datetime="2001-02-20"]').waitFor({ state: 'attached', ...WAIT });
        await page.goBack();
        await results(page).nth(2).waitFor(WAIT);
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  });
}

test('embed mode: the date, 往期 and 检索 in a slim bar', async () => {
  const { page, problems, close } = await open(browser, 'phone', `test/${ARCHIVE}&embed=1`);
  try {
    const bar = page.locator('#app .embed-bar');
    await bar.locator('time[datetime="2001-08-30"]').waitFor(WAIT);
    assert.equal(await page.locator('#app .masthead').count(), 0);
    await bar.locator('a.archive-link').click();
    await page.getByRole('grid').locator('caption', { hasText: '2001年8月' }).waitFor(WAIT);
    await screenshot(page, 'search-embed-calendar', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.locator('#calendar-panel').waitFor({ state: 'detached', ...WAIT });
    await bar.locator('a.search-link').click();
    await searchFor(page, 'QX47');
    await archiveResults(page);
    assert.equal(await results(page).count(), 2);
    assert.ok(new URL(page.url()).searchParams.get('embed'), 'the host parameter stays');
    assertNoProblems(await problems());
  } finally {
    await close();
  }
});
