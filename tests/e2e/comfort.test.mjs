// Reading comfort (#11): 字号, night mode, 听新闻 (a stubbed speechSynthesis),
// photos full-size, the reader's rough edges and Chinese typography, at phone
// size (390×844, touch) and on a desktop (1440×900).
// Screenshots: tests/e2e/screenshots/comfort-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoProblems, launch, open, rawGet, readerShows, screenshot, tookOver, url, assertAxeClean } from './harness.mjs';
import { stubSpeech } from './comfort-stubs.mjs';

const WAIT = { timeout: 20_000 };
const DATE = '2025-05-21';
const LEAD = `${DATE}/1/computing-centre/`;
const LEAD_TITLE = '六院士领衔打造中亚地区“最强大脑”';
const NEXT_TITLE = '构建全生命周期产业矩阵';
const WEEK = `${DATE}/1/social-science-week/`; // title, body, a caption and a credit
const WEEK_TITLE = '社会科学普及周';
const DEVICES = ['phone', 'desktop'];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Font sizes (px) of the reader's styles. */
function sizes(page) {
  return page.evaluate(() => {
    const px = (sel) => {
      const el = document.querySelector(`#app section.reader ${sel}`);
      return el ? parseFloat(getComputedStyle(el).fontSize) : null;
    };
    return { title: px('h1'), body: px('.story-body > p'), caption: px('figcaption p'), credit: px('.credit') };
  });
}

async function openSettings(page) {
  // After a reload the reader shows first as the published page, whose Aa
  // button does nothing until the app has taken it over.
  await tookOver(page);
  const toggle = page.locator('#app .settings-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('#app .settings-panel').waitFor(WAIT);
}

describe('字号', () => {
  for (const device of DEVICES) {
    test(`${device}: steps scale title, body, caption and credit together and persist across reload`, async () => {
      const { page, problems, close } = await open(browser, device, WEEK);
      try {
        await readerShows(page, WEEK_TITLE);
        const base = await sizes(page);
        assert.ok(base.title && base.body && base.caption && base.credit, `all styles present: ${JSON.stringify(base)}`);
        await openSettings(page);
        await page.getByRole('button', { name: '字号增大' }).click();
        await page.getByRole('button', { name: '字号增大' }).click();
        await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--text-scale') === '1.3', null, WAIT);
        assert.equal(await page.locator('#app .size-name').innerText(), '特大');
        await screenshot(page, `comfort-${device}-text-size-large`, { fullPage: false });
        const big = await sizes(page);
        for (const k of Object.keys(base)) {
          const ratio = big[k] / base[k];
          assert.ok(Math.abs(ratio - 1.3) < 0.02, `${k}: ${base[k]}px → ${big[k]}px (×${ratio.toFixed(3)})`);
        }

        await page.reload({ waitUntil: 'load' });
        await readerShows(page, WEEK_TITLE);
        await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--text-scale') === '1.3', null, WAIT);
        const after = await sizes(page);
        assert.ok(Math.abs(after.body / base.body - 1.3) < 0.02, `remembered after reload: body ${after.body}px`);

        // Down to the smallest; A− is then disabled.
        await openSettings(page);
        const smaller = page.getByRole('button', { name: '字号减小' });
        while (await smaller.isEnabled()) await smaller.click();
        assert.equal(await page.locator('#app .size-name').innerText(), '小');
        const small = await sizes(page);
        assert.ok(Math.abs(small.title / base.title - 0.875) < 0.02, `smallest title ${small.title}px`);

        // The browser's own font size (the root's) scales the reader too.
        await page.evaluate(() => (document.documentElement.style.fontSize = '20px'));
        const rooted = await sizes(page);
        assert.ok(Math.abs(rooted.body / small.body - 1.25) < 0.02, `root 16→20px: body ${small.body} → ${rooted.body}px`);
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  }
});

/** The reader's and the page's colours, and the page picture's filter. */
function looks(page) {
  return page.evaluate(() => {
    const style = (sel) => document.querySelector(sel) && getComputedStyle(document.querySelector(sel));
    return {
      theme: document.documentElement.dataset.theme || null,
      reader: style('#app section.reader')?.backgroundColor,
      text: style('#app .story-body p')?.color,
      picture: style('#app .stage img.page-image')?.filter,
    };
  });
}
const DARK_BG = 'rgb(28, 28, 28)';
const LIGHT_BG = 'rgb(255, 255, 255)';

describe('夜间模式', () => {
  for (const device of DEVICES) {
    test(`${device}: follows the system, switches in the reader, is remembered, axe clean in both`, async () => {
      const { page, problems, close } = await open(browser, device, LEAD, { colorScheme: 'dark' });
      try {
        await readerShows(page, LEAD_TITLE);
        let now = await looks(page);
        assert.equal(now.reader, DARK_BG, 'system dark: the reader is dark');
        assert.match(now.picture, /brightness\(0\.8\d?\)/, 'the page picture is dimmed');
        assert.doesNotMatch(now.picture, /invert/, 'never inverted');
        await screenshot(page, `comfort-${device}-dark`, { fullPage: false });
        await assertAxeClean(page, `${device} reader, dark`);

        // 关: light although the system is dark, and so after a reload.
        await openSettings(page);
        await page.locator('#app .settings-panel').getByRole('button', { name: '关' }).click();
        await page.waitForFunction(() => document.documentElement.dataset.theme === 'light', null, WAIT);
        now = await looks(page);
        assert.equal(now.reader, LIGHT_BG);
        assert.equal(now.picture, 'none');
        await screenshot(page, `comfort-${device}-settings-light`, { fullPage: false });
        await page.reload({ waitUntil: 'load' });
        await readerShows(page, LEAD_TITLE);
        await page.waitForFunction(() => document.documentElement.dataset.theme === 'light', null, WAIT);
        assert.equal((await looks(page)).reader, LIGHT_BG, 'remembered');
        await assertAxeClean(page, `${device} reader, light`);

        // 开 with a light system.
        await page.emulateMedia({ colorScheme: 'light' });
        await openSettings(page);
        await page.locator('#app .settings-panel').getByRole('button', { name: '开' }).click();
        await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark', null, WAIT);
        assert.equal((await looks(page)).reader, DARK_BG);
        await screenshot(page, `comfort-${device}-settings-dark`, { fullPage: false });
        await assertAxeClean(page, `${device} reader with settings, dark`);
        // 跟随系统 forgets the choice.
        await page.locator('#app .settings-panel').getByRole('button', { name: '跟随系统' }).click();
        await page.waitForFunction(() => !document.documentElement.dataset.theme, null, WAIT);
        assert.equal((await looks(page)).reader, LIGHT_BG);
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  }

  test('desktop: the page view in the dark, axe clean', async () => {
    const { page, problems, close } = await open(browser, 'desktop', `${DATE}/1/`, { colorScheme: 'dark' });
    try {
      await page.locator('#app .stage img.page-image.sharp').waitFor({ state: 'attached', ...WAIT });
      await screenshot(page, 'comfort-desktop-dark-page', { fullPage: false });
      await assertAxeClean(page, 'desktop page view, dark');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

describe('听新闻', () => {
  for (const device of DEVICES) {
    test(`${device}: reads paragraph by paragraph, marks it, pauses, offers the next article`, async () => {
      const { page, problems, close } = await open(browser, device, LEAD, {
        initScript: { content: `(${stubSpeech})(["en-US", "zh-CN"])` },
      });
      try {
        await readerShows(page, LEAD_TITLE);
        const toggle = page.locator('#app .listen-toggle');
        await toggle.waitFor(WAIT);
        await toggle.click();
        await page.waitForFunction(() => window.__tts.speaking(), null, WAIT);
        assert.match(await page.evaluate(() => window.__tts.speaking()), /六院士领衔打造中亚地区/);
        await page.locator('#app .headline.speaking').waitFor(WAIT);

        await page.evaluate(() => window.__tts.finish());
        await page.waitForFunction(() => document.querySelector('#app .story-body > p')?.classList.contains('speaking'), null, WAIT);
        assert.match(await page.evaluate(() => window.__tts.speaking()), /^本报讯 记者左晓雨/);
        // Further on, the paragraph read is scrolled into view.
        for (let i = 0; i < 4; i++) await page.evaluate(() => window.__tts.finish());
        const marked = page.locator('#app .story-body > .speaking');
        await page.waitForFunction(() => document.querySelectorAll('#app .story-body > *')[4]?.classList.contains('speaking'), null, WAIT);
        const inView = await marked.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const bar = document.querySelector('#app .reader-bar').getBoundingClientRect();
          return r.top >= bar.bottom - 1 && r.top < innerHeight;
        });
        assert.ok(inView, 'the paragraph being read is in view');
        await screenshot(page, `comfort-${device}-listening`, { fullPage: false });

        // Pause: the voice stops; playing again starts that paragraph over.
        const said = await page.evaluate(() => window.__tts.spoken.length);
        await toggle.click();
        await page.waitForFunction(() => !window.__tts.speaking(), null, WAIT);
        assert.equal(await toggle.innerText().then((t) => t.includes('继续听')), true);
        assert.ok(await marked.count(), 'the paragraph stays marked while paused');
        await toggle.click();
        await page.waitForFunction((n) => window.__tts.spoken.length === n + 1, said, WAIT);
        const spoken = await page.evaluate(() => window.__tts.spoken);
        assert.equal(spoken.at(-1), spoken.at(-2), 'resumes at the same paragraph');

        // To the end: the next article is offered and read on.
        while (await page.evaluate(() => window.__tts.speaking())) {
          await page.evaluate(() => window.__tts.finish());
          await page.waitForTimeout(0);
          await page.waitForFunction(() => window.__tts.speaking() || document.querySelector('#app .listen-next'), null, WAIT);
        }
        const next = page.locator('#app .listen-next');
        await next.waitFor(WAIT);
        assert.match(await next.innerText(), new RegExp(NEXT_TITLE));
        await screenshot(page, `comfort-${device}-listen-next`, { fullPage: false });
        await next.click();
        await readerShows(page, NEXT_TITLE);
        await page.waitForFunction((t) => (window.__tts.speaking() || '').includes(t), NEXT_TITLE, WAIT);
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  }

  test('phone: not shown where there is no Chinese voice, nor without speechSynthesis', async () => {
    for (const initScript of [
      { content: `(${stubSpeech})(["en-US", "fr-FR"])` },
      { content: `Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });` },
    ]) {
      const { page, problems, close } = await open(browser, 'phone', LEAD, { initScript });
      try {
        await readerShows(page, LEAD_TITLE);
        // After the stub's voices arrived (300 ms), still nothing to press.
        await page.waitForFunction(() => window.__tts === undefined || window.speechSynthesis.getVoices().length > 0, null, WAIT);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        assert.equal(await page.locator('#app .listen').count(), 0);
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    }
  });
});

describe('photos', () => {
  for (const device of DEVICES) {
    test(`${device}: a photo opens full-size, zooms, and closes with back and Escape`, async () => {
      const { page, problems, close } = await open(browser, device, 'test/2000-01-03/1/p01-06/');
      try {
        await readerShows(page, '第1版第6篇测试图片新闻');
        const place = new URL(page.url()).pathname;
        await page.locator('#app .photo-open').first().click();
        const viewer = page.locator('#app .photo-viewer');
        await viewer.waitFor(WAIT);
        const img = viewer.locator('img');
        await page.waitForFunction(() => /scale/.test(document.querySelector('.photo-viewer img')?.style.transform || ''), null, WAIT);
        const box = await img.boundingBox();
        const vw = device === 'phone' ? 390 : 1440;
        assert.ok(box.width > vw * 0.9 || box.height > (device === 'phone' ? 844 : 900) * 0.9, `fitted to the screen: ${JSON.stringify(box)}`);
        assert.equal(await page.evaluate(() => document.activeElement?.className), 'photo-close');
        await screenshot(page, `comfort-${device}-photo`, { fullPage: false });

        const scale = () => img.evaluate((el) => Number(/scale\(([\d.]+)\)/.exec(el.style.transform)?.[1] || 1));
        const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
        if (device === 'phone') {
          await page.touchscreen.tap(cx, cy);
          await page.touchscreen.tap(cx, cy);
        } else {
          await page.mouse.dblclick(cx, cy);
        }
        await page.waitForFunction(() => /scale\((?!1\))/.test(document.querySelector('.photo-viewer img').style.transform), null, WAIT);
        assert.ok((await scale()) > 2, `double tap zooms in: ×${await scale()}`);
        await screenshot(page, `comfort-${device}-photo-zoomed`, { fullPage: false });
        if (device === 'phone') {
          // Pinch out with two fingers.
          const cdp = await page.context().newCDPSession(page);
          const touch = (type, d) =>
            cdp.send('Input.dispatchTouchEvent', {
              type,
              touchPoints: type === 'touchEnd' ? [] : [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }],
            });
          const before = await scale();
          await touch('touchStart', 40);
          for (const d of [60, 80, 100]) await touch('touchMove', d);
          await touch('touchEnd', 0);
          assert.ok((await scale()) > before * 1.3, `pinch zooms: ×${before} → ×${await scale()}`);
        } else {
          await page.mouse.dblclick(cx, cy); // back to fit
          await page.waitForFunction(() => /scale\(1\)/.test(document.querySelector('.photo-viewer img').style.transform), null, WAIT);
          await page.mouse.move(cx, cy);
          await page.mouse.wheel(0, -400);
          await page.waitForFunction(() => !/scale\(1\)/.test(document.querySelector('.photo-viewer img').style.transform), null, WAIT);
        }

        // Back closes the photo, not the article.
        await page.goBack();
        await viewer.waitFor({ state: 'detached', ...WAIT });
        await readerShows(page, '第1版第6篇测试图片新闻');
        assert.equal(new URL(page.url()).pathname, place);

        // Escape (or the button) closes it too, and the reader stays.
        await page.locator('#app .photo-open').first().click();
        await viewer.waitFor(WAIT);
        if (device === 'phone') await viewer.getByRole('button', { name: '关闭图片' }).click();
        else await page.keyboard.press('Escape');
        await viewer.waitFor({ state: 'detached', ...WAIT });
        await readerShows(page, '第1版第6篇测试图片新闻');
        assert.equal(new URL(page.url()).pathname, place);
        // …and leaves no history entry behind: one back returns to the page.
        await page.goBack();
        await page.waitForFunction(() => !/p01-06/.test(location.pathname), null, WAIT);
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  }
});

describe('rough edges', () => {
  for (const device of DEVICES) {
    test(`${device}: 下一篇 starts the next article at its top; the facsimile note is shown`, async () => {
      const { page, problems, close } = await open(browser, device, LEAD);
      try {
        await readerShows(page, LEAD_TITLE);
        assert.match(await page.locator('#app .facsimile-note').innerText(), /并非原版扫描/);
        const next = page.locator('#app .step.next');
        await next.scrollIntoViewIfNeeded();
        if (device === 'phone') await next.tap();
        else await next.click();
        await readerShows(page, NEXT_TITLE);
        const where = await page.evaluate(() => {
          const reader = document.querySelector('#app section.reader');
          const bar = reader.querySelector('.reader-bar').getBoundingClientRect();
          const title = reader.querySelector('h1').getBoundingClientRect();
          return { scrollTop: reader.scrollTop, bar: bar.bottom, title: title.top };
        });
        assert.equal(where.scrollTop, 0, 'the reader starts at the top');
        assert.ok(where.title >= where.bar, `the title is below the sticky bar: ${JSON.stringify(where)}`);
        if (device === 'phone') {
          // No hover border left on the step tapped (touch screens do not hover).
          const step = page.locator('#app .step.prev');
          const colour = await step.evaluate((el) => getComputedStyle(el).borderTopColor);
          const red = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--red').trim());
          assert.notEqual(colour, red === '#b71c1c' ? 'rgb(183, 28, 28)' : red);
          const tapColour = await page.locator('#app section.reader').evaluate((el) => getComputedStyle(el).webkitTapHighlightColor);
          assert.equal(tapColour, 'rgba(0, 0, 0, 0)', 'no blue tap highlight over the reader');
        }
        await screenshot(page, `comfort-${device}-next-article`, { fullPage: false });
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  }

  test('desktop: 转版 names the next page with its own section and links to it', async () => {
    const { page, problems, close } = await open(browser, 'desktop', 'test/2000-01-03/2/p02-05/');
    try {
      await readerShows(page, '跨版测试文章');
      const link = page.locator('#app .continued a');
      assert.equal(await link.innerText(), '第3版（经济）');
      assert.equal(new URL(await link.getAttribute('href'), page.url()).pathname, '/test/2000-01-03/3/');
      assert.match(await page.locator('#app .continued').innerText(), /^本文自第2版转第3版/);
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });
});

describe('typography', () => {
  test('full-width ，：（） in the seed’s ASCII spots, live and published alike; credits without □', async () => {
    const published = (await rawGet(url(LEAD))).body.toString('utf8');
    assert.ok(published.includes('数据中枢，向中亚地区'), 'published page: full-width comma');
    assert.ok(published.includes('新疆（昌吉）信息产业园'), 'published page: full-width parentheses');
    for (const device of DEVICES) {
      const { page, problems, close } = await open(browser, device, LEAD);
      try {
        await readerShows(page, LEAD_TITLE);
        const text = await page.locator('#app section.reader .story').innerText();
        assert.ok(text.includes('数据中枢，向中亚地区'), 'subtitle');
        assert.ok(text.includes('5月17日从昌吉州'), 'dateline paragraph shown');
        assert.ok(text.includes('吾守尔\u2060·\u2060斯拉木'), 'middle dot joined');
        const ascii = text.match(/[\u4e00-\u9fff][,:;()][\u4e00-\u9fff]/g);
        assert.equal(ascii, null, `no ASCII punctuation between Chinese: ${ascii}`);
        assert.equal(await page.locator('#app #reader-title').evaluate((el) => getComputedStyle(el).wordBreak), 'keep-all');
        await page.goto(url(WEEK), { waitUntil: 'load' });
        await readerShows(page, WEEK_TITLE);
        const credit = await page.locator('#app .credit').innerText();
        assert.ok(!credit.includes('□') && credit.startsWith('本报记者'), `credit: ${credit}`);
        await screenshot(page, `comfort-${device}-typography`, { fullPage: false });
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    }
  });
});
