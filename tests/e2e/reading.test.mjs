// Reading the paper as a reader does: the page, its regions, the reader, moving
// between articles, pages and editions, at phone size (390×844, touch, DPR 3)
// and on a desktop (1440×900). Every step saves a screenshot under
// tests/e2e/screenshots/reading-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoProblems, launch, open, rawGet, screenshot, url, pageReady, placeIs, readerShows, tookOver, TEST_INDEX } from './harness.mjs';

const WAIT = { timeout: 20_000 };
const DATE = '2025-05-21';
const LEAD = 'computing-centre';
const LEAD_TITLE = '六院士领衔打造中亚地区“最强大脑”';
const PHOTO_TITLE = '构建全生命周期产业矩阵';
const PROJECTS_TITLE = '百舸争流千帆竞 戈壁煤海启新程';
// Where the lead story's headline stands on the page, in page master units
// (2400 wide): the middle of the big title line, measured on page-01-1200.jpg.
const LEAD_TITLE_POINT = [850, 640];

let browser;
let edition; // editions/2025-05-21/edition.json as served
let testEdition; // test-editions/2000-01-03/edition.json as served

async function json(relative) {
  const res = await rawGet(url(relative));
  assert.equal(res.status, 200, `GET ${relative} (is the test server running?)`);
  return JSON.parse(res.body.toString('utf8'));
}

before(async () => {
  edition = await json(`editions/${DATE}/edition.json`);
  testEdition = await json('test-editions/2000-01-03/edition.json');
  browser = await launch();
});
after(async () => {
  await browser?.close();
});


/** The reader is open and shows `title`. */

/**
 * The fill geometry of every region polygon in viewport pixels (getBBox mapped
 * with the screen CTM; getBoundingClientRect would add the stroke's miter
 * allowance), plus the page image's box.
 */
function geometry(page) {
  return page.evaluate(() => {
    const img = document.querySelector('.stage img.page-image');
    const r = img.getBoundingClientRect();
    const regions = [...document.querySelectorAll('svg.regions a.region')].map((a) => {
      const poly = a.querySelector('polygon');
      const m = poly.getScreenCTM();
      const pts = [...poly.points].map((p) => ({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f }));
      const xs = pts.map((p) => p.x);
      const ys = pts.map((p) => p.y);
      return {
        id: a.dataset.article,
        label: a.getAttribute('aria-label'),
        hidden: a.getAttribute('aria-hidden'),
        tabindex: a.getAttribute('tabindex'),
        box: { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) },
      };
    });
    return { image: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }, regions };
  });
}

function articlesOn(ed, n) {
  const ids = new Set(ed.articles.filter((a) => a.regions.some((r) => r.page === n)).map((a) => a.id));
  return ed.reading_order.filter((id) => ids.has(id));
}

function noHorizontalScroll(page) {
  return page.evaluate(() => {
    const d = document.documentElement;
    const reader = document.querySelector('section.reader');
    return {
      doc: [d.scrollWidth, d.clientWidth],
      body: [document.body.scrollWidth, document.body.clientWidth],
      reader: reader ? [reader.scrollWidth, reader.clientWidth] : [0, 0],
    };
  });
}

for (const device of ['phone', 'desktop']) {
  describe(`${device}: the sample edition`, () => {
    test('the page: masthead, sharp image, one link per article, regions on the page', async () => {
      const { page, problems, close } = await open(browser, device, '');
      try {
        await pageReady(page);
        await screenshot(page, `reading-${device}-1-page`);
        const masthead = page.locator('header.masthead');
        await assert.doesNotReject(masthead.locator('.paper-name').filter({ hasText: '昌吉日报' }).waitFor(WAIT));
        const dateline = (await masthead.locator('.dateline').innerText()).replace(/\s+/g, ' ');
        assert.match(dateline, /2025年5月21日/, 'date in the masthead');
        assert.match(dateline, /星期三/, 'weekday in the masthead');
        assert.match(dateline, /总第12257期/, 'issue number in the masthead');
        await placeIs(page, `/${DATE}/1/`);

        const expected = articlesOn(edition, 1);
        const { image, regions } = await geometry(page);
        const links = regions.filter((r) => r.label);
        assert.equal(links.length, expected.length, 'one labelled region link per article on the page');
        assert.deepEqual(links.map((r) => r.id), expected, 'region links in reading order');
        const total = edition.articles.flatMap((a) => a.regions).filter((r) => r.page === 1).length;
        assert.equal(regions.length, total, 'every region of page 1 is drawn');
        for (const r of regions.filter((r) => !r.label)) {
          assert.equal(r.hidden, 'true', `${r.id}: extra region hidden from screen readers`);
          assert.equal(r.tabindex, '-1', `${r.id}: extra region out of the tab order`);
        }
        assert.ok(image.width > 100 && image.height > 100, `page image is shown: ${JSON.stringify(image)}`);
        for (const r of regions) {
          const b = r.box;
          assert.ok(
            b.left >= image.left - 0.5 && b.top >= image.top - 0.5 && b.right <= image.right + 0.5 && b.bottom <= image.bottom + 0.5,
            `${r.id} region ${JSON.stringify(b)} lies inside the page image ${JSON.stringify(image)}`,
          );
        }

        // The lead story's polygon stands where edition.json puts it, scaled to the page box.
        const master = edition.pages[0];
        const scale = image.width / master.width;
        assert.ok(Math.abs(image.height / master.height - scale) < 0.01, 'page keeps its proportions');
        const leadPts = edition.articles.find((a) => a.id === LEAD).regions[0].points;
        const want = {
          left: image.left + Math.min(...leadPts.map((p) => p[0])) * scale,
          top: image.top + Math.min(...leadPts.map((p) => p[1])) * scale,
          right: image.left + Math.max(...leadPts.map((p) => p[0])) * scale,
          bottom: image.top + Math.max(...leadPts.map((p) => p[1])) * scale,
        };
        const got = regions.find((r) => r.id === LEAD).box;
        for (const k of Object.keys(want)) {
          assert.ok(Math.abs(got[k] - want[k]) <= 2, `lead region ${k}: ${got[k]} vs ${want[k]} (±2px)`);
        }
        // …and it is what is under the headline printed on the page.
        const [tx, ty] = [image.left + LEAD_TITLE_POINT[0] * scale, image.top + LEAD_TITLE_POINT[1] * scale];
        assert.ok(tx >= want.left && tx <= want.right && ty >= want.top && ty <= want.bottom, 'title point inside the lead region');
        const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('a.region')?.dataset.article, [tx, ty]);
        assert.equal(hit, LEAD, 'the lead headline on the page is covered by its region link');
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });

    test('tap the lead story → reader; 下一篇 → photo news; back → the page', async () => {
      const { page, problems, close } = await open(browser, device, '');
      try {
        await pageReady(page);
        const { image } = await geometry(page);
        const scale = image.width / edition.pages[0].width;
        const [tx, ty] = [image.left + LEAD_TITLE_POINT[0] * scale, image.top + LEAD_TITLE_POINT[1] * scale];
        if (device === 'phone') await page.touchscreen.tap(tx, ty);
        else await page.mouse.click(tx, ty);
        await readerShows(page, LEAD_TITLE);
        await screenshot(page, `reading-${device}-2-reader-lead`);
        const reader = page.locator('section.reader');
        assert.equal(await reader.locator('#reader-title').innerText(), LEAD_TITLE);
        assert.match(await reader.locator('.story-body p').first().innerText(), /^(本报讯\s*)?记者左晓雨/, 'first paragraph');
        assert.match(await reader.locator('.kicker').innerText(), /新疆首个国际融合算力中心在昌正式投运/, 'kicker');
        assert.match(await reader.locator('.subtitle').innerText(), /^构建“空天地一体化”数据中枢/, 'subtitle');
        assert.ok(await reader.isVisible(), 'reader visible');
        await placeIs(page, `/${DATE}/1/${LEAD}/`);
        assert.equal(
          await page.evaluate(() => document.activeElement?.id),
          'reader-title',
          'focus on the title when the reader opens',
        );
        if (device === 'phone') {
          // Full-screen sheet: it covers the viewport.
          const box = await reader.boundingBox();
          assert.ok(box.x <= 0.5 && box.width >= 389 && box.height >= 800, `reader fills the phone screen: ${JSON.stringify(box)}`);
        }

        // 下一篇: the photo news with its caption and credit.
        const next = reader.locator('.reader-steps .step.next');
        assert.match(await next.innerText(), new RegExp(`下一篇[\\s\\S]*${PHOTO_TITLE}`));
        assert.equal(await reader.locator('.reader-steps .step.prev').count(), 0, 'no 上一篇 on the first article');
        if (device === 'phone') await next.tap();
        else await next.click();
        await readerShows(page, PHOTO_TITLE);
        await placeIs(page, `/${DATE}/1/zhundong-aluminium-photo/`);
        const caption = reader.locator('figure figcaption');
        // As the reader shows it (clreq): a full-width comma, the credit without its print bullet.
        assert.match(await caption.innerText(), /5月19日，新疆准东经济技术开发区其亚新疆集团有限公司铝锭铸造生产车间/);
        assert.equal((await caption.locator('.credit').innerText()).trim(), '本报记者 何 龙摄');
        assert.match(await reader.locator('.reader-steps .step.prev').innerText(), new RegExp(LEAD_TITLE.slice(0, 6)));
        await reader.locator('figure figcaption .credit').scrollIntoViewIfNeeded();
        await screenshot(page, `reading-${device}-3-reader-photo`);

        // Browser back closes the reader: one step back to the page, not to the lead story.
        await page.goBack();
        await page.locator('section.reader').waitFor({ state: 'detached', ...WAIT });
        await placeIs(page, `/${DATE}/1/`);
        await pageReady(page);
        assert.equal(await page.locator('svg.regions a.region[aria-label]').count(), 5, 'the page is still there');
        await screenshot(page, `reading-${device}-4-back-to-page`);
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });

    test('deep link to an article survives a reload', async () => {
      const { page, problems, close } = await open(browser, device, `${DATE}/1/zhundong-projects/`);
      try {
        await readerShows(page, PROJECTS_TITLE);
        await page.reload({ waitUntil: 'load' });
        await tookOver(page);
        await readerShows(page, PROJECTS_TITLE);
        await placeIs(page, `/${DATE}/1/zhundong-projects/`);
        const reader = page.locator('section.reader');
        assert.deepEqual(
          (await reader.locator('.story-body h3.subhead').allInnerTexts()).map((s) => s.trim()),
          ['高点谋划 开启项目建设新征程', '多方联动 跑出项目建设加速度', '产业升级 激发项目建设新动能'],
        );
        assert.match(await reader.locator('.byline').innerText(), /余再兴/);
        await screenshot(page, `reading-${device}-5-deep-link-reload`);
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  });
}

describe('desktop only', () => {
  test('hover lights all regions of the article and names it; the reader opens beside the page', async () => {
    const { page, problems, close } = await open(browser, 'desktop', '');
    try {
      await pageReady(page);
      const region = page.locator(`svg.regions a.region[data-article="${LEAD}"]`).first();
      const { image } = await geometry(page);
      const scale = image.width / edition.pages[0].width;
      await page.mouse.move(image.left + LEAD_TITLE_POINT[0] * scale, image.top + LEAD_TITLE_POINT[1] * scale);
      const hoverTitle = page.locator('.hover-title');
      await hoverTitle.filter({ hasText: LEAD_TITLE }).waitFor(WAIT);
      assert.ok(await hoverTitle.isVisible(), '.hover-title visible');
      const classes = await page.$$eval(`svg.regions a.region[data-article="${LEAD}"]`, (as) => as.map((a) => a.getAttribute('class')));
      assert.ok(classes.length >= 1 && classes.every((c) => /\blit\b/.test(c)), `all lead regions lit: ${classes}`);
      const others = await page.$$eval(`svg.regions a.region.lit:not([data-article="${LEAD}"])`, (as) => as.length);
      assert.equal(others, 0, 'no other article lit');
      // The hover title does not hide the headline under the pointer.
      const ht = await hoverTitle.boundingBox();
      assert.ok(ht.y > image.top + LEAD_TITLE_POINT[1] * scale + 10 || ht.y + ht.height < image.top + LEAD_TITLE_POINT[1] * scale - 10,
        'hover title stays clear of the pointed headline');
      await screenshot(page, 'reading-desktop-6-hover');
      await page.mouse.move(5, 890);
      await hoverTitle.waitFor({ state: 'detached', ...WAIT });
      assert.equal(await page.locator('svg.regions a.region.lit').count(), 0, 'nothing lit after the pointer leaves');

      await region.click();
      await readerShows(page, LEAD_TITLE);
      await page.waitForTimeout(300); // let the stage re-fit to the narrower column
      await pageReady(page);
      const pageBox = await page.locator('.stage img.page-image').boundingBox();
      const readerBox = await page.locator('section.reader').boundingBox();
      await screenshot(page, 'reading-desktop-7-reader-beside-page');
      for (const [name, b] of [['page', pageBox], ['reader', readerBox]]) {
        assert.ok(b && b.width > 200 && b.height > 300, `${name} visible: ${JSON.stringify(b)}`);
        assert.ok(b.x >= 0 && b.x + b.width <= 1440 + 0.5, `${name} within the window: ${JSON.stringify(b)}`);
      }
      const overlap =
        Math.max(0, Math.min(pageBox.x + pageBox.width, readerBox.x + readerBox.width) - Math.max(pageBox.x, readerBox.x)) *
        Math.max(0, Math.min(pageBox.y + pageBox.height, readerBox.y + readerBox.height) - Math.max(pageBox.y, readerBox.y));
      assert.equal(overlap, 0, `page ${JSON.stringify(pageBox)} and reader ${JSON.stringify(readerBox)} do not overlap`);
      const cur = await page.$$eval(`svg.regions a.region[data-article="${LEAD}"]`, (as) => as.map((a) => a.getAttribute('class')));
      assert.ok(cur.every((c) => /\bcurrent\b/.test(c)), `the open article stays marked on the page: ${cur}`);
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

describe('desktop: 分享', () => {
  test('分享 copies the article\'s address, says so in a toast, and the toast goes by itself', async () => {
    const { context, page, problems, close } = await open(browser, 'desktop', `${DATE}/1/${LEAD}/`);
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url('')).origin });
      await readerShows(page, LEAD_TITLE);
      await tookOver(page);
      // No system share sheet in a Linux desktop Chromium: the address is copied.
      assert.equal(await page.evaluate(() => typeof navigator.share), 'undefined', 'no Web Share here');
      await page.locator('section.reader .reader-bar button', { hasText: '分享' }).click();
      const shown = page.locator('.toast-slot[role="status"] .toast');
      await shown.filter({ hasText: '链接已复制，可以粘贴分享' }).waitFor(WAIT);
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(new URL(copied).pathname, new URL(url(`${DATE}/1/${LEAD}/`)).pathname, `copied ${copied}`);
      await screenshot(page, 'reading-desktop-8-share-toast', { fullPage: false });
      await shown.waitFor({ state: 'detached', timeout: 6_000 });
      assert.equal(await page.locator('.toast-slot[role="status"]').count(), 1, 'the live region stays for the next message');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

describe('the 8-page test edition', () => {
  for (const device of ['phone', 'desktop']) {
    test(`${device}: a story opened from a shared link goes back to its page; read on to the next page, 返回版面 shows that page`, async () => {
      // A new tab on an article: the first entry of its history.
      const { page, problems, close } = await open(browser, device, 'test/2000-01-03/1/p01-08/');
      const tap = (loc) => (device === 'phone' ? loc.tap() : loc.click());
      const title = (id) => testEdition.articles.find((a) => a.id === id).title;
      try {
        await readerShows(page, title('p01-08'));
        await page.goBack();
        await page.locator('#app section.reader').waitFor({ state: 'detached', ...WAIT });
        await placeIs(page, '/test/2000-01-03/1/');
        await pageReady(page);
        assert.equal(
          await page.locator('svg.regions a.region[aria-label]').count(),
          articlesOn(testEdition, 1).length,
          'back from the shared story shows its page, not an empty tab',
        );

        // Open the last story of page 1 from the page, read on (下一篇) onto page 2, then 返回版面.
        await tap(page.locator('svg.regions a.region[data-article="p01-08"]').first());
        await readerShows(page, title('p01-08'));
        await tap(page.locator('section.reader .step.next'));
        await readerShows(page, title('p02-01'));
        await tap(page.locator('section.reader .reader-bar .back'));
        await page.locator('#app section.reader').waitFor({ state: 'detached', ...WAIT });
        await placeIs(page, '/test/2000-01-03/2/');
        assert.equal(await page.locator('.page-bar select.page-picker').inputValue(), '2', 'the page of the story being read');
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });

    test(`${device}: pages, continued articles, crossing pages, a page without image, 往期`, async () => {
      const { page, problems, close } = await open(browser, device, TEST_INDEX);
      const tap = (loc) => (device === 'phone' ? loc.tap() : loc.click());
      try {
        await pageReady(page);
        await placeIs(page, '/test/2000-01-03/1/');
        // A first visit: the zoom hint is over the page (checked again on page 8 below).
        await page.locator('#app .zoom-hint').waitFor(WAIT);
        assert.match(await page.locator('.masthead .dateline').innerText(), /2000年1月3日/);
        const picker = page.locator('.page-bar select.page-picker');
        assert.equal(await picker.inputValue(), '1');
        assert.equal(await page.locator('svg.regions a.region[aria-label]').count(), articlesOn(testEdition, 1).length);

        // 下一版 → page 2.
        await tap(page.locator('.page-bar .button', { hasText: '下一版' }));
        await placeIs(page, '/test/2000-01-03/2/');
        await pageReady(page);
        assert.equal(await picker.inputValue(), '2', 'page picker follows');
        assert.equal(await page.locator('.page-bar a.button', { hasText: '上一版' }).count(), 1, '上一版 is a link on page 2');
        const strip = page.locator('.page-strip');
        if (device === 'desktop') {
          assert.ok(await strip.isVisible(), 'page strip visible on a desktop');
          const current = strip.locator('a.thumb[aria-current="page"]');
          assert.equal(await current.count(), 1);
          assert.match(await current.innerText(), /第02版/);
        } else {
          assert.equal(await strip.isVisible(), false, 'page strip hidden on a phone');
        }
        assert.deepEqual(
          await page.$$eval('svg.regions a.region[aria-label]', (as) => as.map((a) => a.dataset.article)),
          articlesOn(testEdition, 2),
          'page 2 articles',
        );
        await screenshot(page, `reading-${device}-test-1-page2`);

        // The continued article says where it goes on.
        await tap(page.locator('svg.regions a.region[data-article="p02-05"]').first());
        await readerShows(page, '跨版测试文章');
        await placeIs(page, '/test/2000-01-03/2/p02-05/');
        assert.match(await page.locator('section.reader .continued').innerText(), /第3版/);
        assert.match(await page.locator('section.reader .reader-where').innerText(), /第02版、第03版/);
        await page.locator('section.reader .continued').scrollIntoViewIfNeeded();
        await screenshot(page, `reading-${device}-test-2-continued`);
        await tap(page.locator('section.reader .reader-bar .back'));
        await page.locator('section.reader').waitFor({ state: 'detached', ...WAIT });
        await placeIs(page, '/test/2000-01-03/2/');

        // 上一篇/下一篇 cross the page boundary (p01-08 ↔ p02-01), taking the page along.
        await page.goto(url('test/2000-01-03/1/p01-08/'));
        await tookOver(page);
        const title = (id) => testEdition.articles.find((a) => a.id === id).title;
        await readerShows(page, title('p01-08'));
        await tap(page.locator('section.reader .step.next'));
        await readerShows(page, title('p02-01'));
        await placeIs(page, '/test/2000-01-03/2/p02-01/');
        assert.equal(await picker.inputValue(), '2', 'the page follows the article');
        await screenshot(page, `reading-${device}-test-3-crossed-to-page2`);
        await tap(page.locator('section.reader .step.prev'));
        await readerShows(page, title('p01-08'));
        await placeIs(page, '/test/2000-01-03/1/p01-08/');
        await tap(page.locator('section.reader .reader-bar .back'));
        await page.locator('section.reader').waitFor({ state: 'detached', ...WAIT });

        // Page 8 has no picture: a placeholder, and the list still opens its articles.
        await picker.selectOption('8');
        await placeIs(page, '/test/2000-01-03/8/');
        const missing = page.locator('.stage .page-missing');
        await missing.waitFor(WAIT);
        assert.match(await missing.innerText(), /第08版的版面图片未能加载/);
        assert.equal(await page.locator('.stage img.page-image').count(), 0, 'no broken image shown');
        assert.equal(await page.locator('svg.regions a.region[aria-label]').count(), articlesOn(testEdition, 8).length, 'regions still there');
        assert.equal(await page.locator('#app .zoom-hint').count(), 0, 'no zoom hint over a page without a picture');
        await screenshot(page, `reading-${device}-test-4-page8-missing`);
        if (device === 'phone') {
          await tap(page.locator('.page-bar .list-toggle'));
          await page.locator('aside.side.list-open').waitFor(WAIT);
          await page.waitForTimeout(300); // the sheet slides up
          await screenshot(page, `reading-${device}-test-5-page8-list`);
        }
        const item = page.locator('aside.side .article-list a', { hasText: title('p08-02') });
        assert.ok(await item.isVisible(), 'list item visible');
        await tap(item);
        await readerShows(page, title('p08-02'));
        await placeIs(page, '/test/2000-01-03/8/p08-02/');
        await screenshot(page, `reading-${device}-test-6-page8-article`);
        await tap(page.locator('section.reader .reader-bar .back'));
        await page.locator('section.reader').waitFor({ state: 'detached', ...WAIT });

        // 往期: the calendar has both editions' days; 2000-01-01 opens.
        await tap(page.locator('#app .masthead .archive-link'));
        const days = page.locator('#calendar-panel .cal-grid a[data-date]');
        await days.first().waitFor(WAIT);
        assert.deepEqual(await days.evaluateAll((els) => els.map((a) => a.dataset.date)), ['2000-01-01', '2000-01-03']);
        await tap(days.first());
        await placeIs(page, '/test/2000-01-01/1/');
        await page.locator('#app .masthead .dateline', { hasText: '2000年1月1日' }).waitFor(WAIT);
        await pageReady(page);
        assert.match(await page.locator('#app .masthead .dateline').innerText(), /总第1期/);
        await screenshot(page, `reading-${device}-test-7-older-edition`);
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  }
});

describe('phone: reading comfort', () => {
  test('reader text is selectable and nothing scrolls sideways', async () => {
    const { page, problems, close } = await open(browser, 'phone', `${DATE}/1/`);
    try {
      await pageReady(page);
      let w = await noHorizontalScroll(page);
      assert.ok(w.doc[0] <= w.doc[1], `page view: no horizontal scroll ${JSON.stringify(w)}`);
      assert.ok(w.body[0] <= w.body[1], `page view body: no horizontal scroll ${JSON.stringify(w)}`);
      for (const id of edition.reading_order) {
        await page.goto(url(`${DATE}/1/${id}/`));
        await tookOver(page);
        const title = edition.articles.find((a) => a.id === id).title;
        await readerShows(page, title);
        w = await noHorizontalScroll(page);
        assert.ok(w.doc[0] <= w.doc[1], `${id}: document scrolls sideways ${JSON.stringify(w)}`);
        assert.ok(w.reader[0] <= w.reader[1], `${id}: reader scrolls sideways ${JSON.stringify(w)}`);
      }
      await page.goto(url(`${DATE}/1/${LEAD}/`));
      await tookOver(page);
      await readerShows(page, LEAD_TITLE);
      const para = page.locator('section.reader .story-body p').nth(1);
      const style = await para.evaluate((el) => {
        const out = [];
        for (let e = el; e; e = e.parentElement) out.push(getComputedStyle(e).userSelect);
        return out;
      });
      assert.ok(!style.includes('none'), `no user-select:none from the paragraph up: ${style}`);
      const box = await para.boundingBox();
      await page.mouse.click(box.x + 40, box.y + 10, { clickCount: 3 });
      const selected = await page.evaluate(() => String(window.getSelection()));
      assert.match(selected, /新疆国际融合算力中心由新疆大学/, 'a paragraph can be selected');
      await screenshot(page, 'reading-phone-8-selected', { fullPage: false });
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});
