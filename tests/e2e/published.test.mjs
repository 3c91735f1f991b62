// The published site (src/publish/): every place is a real page that works
// without any script, the app takes it over without a visible change, and
// the app moves between the same path URLs.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoProblems, launch, open, openContext, rawGet, screenshot, url, pageReady, placeIs } from './harness.mjs';

const DATE = '2025-05-21';
const LEAD = 'computing-centre';
const LEAD_TITLE = '六院士领衔打造中亚地区“最强大脑”';
const NEXT = 'zhundong-aluminium-photo';
const WAIT = { timeout: 20_000 };
let browser;
let edition;

before(async () => {
  browser = await launch();
  edition = JSON.parse((await rawGet(url(`editions/${DATE}/edition.json`))).body.toString('utf8'));
});
after(async () => {
  await browser?.close();
});

const text = (html) =>
  html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Waits until the live app has replaced the published markup. */
async function appTookOver(page) {
  await page.waitForFunction(() => document.documentElement.dataset.boot === 'ok' && !document.querySelector('#app[data-published]') && !document.querySelector('.app-twin'), null, WAIT);
}

describe('without any script (curl, crawlers, share cards)', () => {
  test('an article URL has its title, description, Open Graph, JSON-LD and every sentence', async () => {
    const res = await rawGet(url(`${DATE}/1/${LEAD}/`));
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/html/);
    const html = res.body.toString('utf8');
    assert.match(html, new RegExp(`<title>${LEAD_TITLE} · 昌吉日报 · 2025年5月21日 · 第01版</title>`));
    const description = /<meta name="description" content="([^"]+)">/.exec(html)[1];
    assert.match(text(description), /新疆首个国际融合算力中心在昌吉州正式投运/);
    for (const p of ['og:title', 'og:description', 'og:image', 'og:url', 'og:type', 'article:published_time']) {
      assert.match(html, new RegExp(`property="${p}" content="[^"]+"`), p);
    }
    assert.match(html, /property="og:image" content="https:\/\//, 'an absolute picture URL');
    const ld = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)[1]);
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, LEAD_TITLE);
    assert.equal(ld.isPartOf.issueNumber, '12257');
    const article = edition.articles.find((a) => a.id === LEAD);
    // The reader sets ASCII punctuation beside Chinese full-width and joins
    // middle dots (src/typography.rs): compare with those undone.
    const plain = (s) =>
      s.replace(/\u2060/g, '').replace(/，/g, ',').replace(/：/g, ':').replace(/；/g, ';').replace(/（/g, '(').replace(/）/g, ')');
    const body = plain(text(html));
    for (const block of article.body) {
      for (const sentence of plain(block.text || block.caption || '').split(/(?<=[。！？])/)) {
        if (sentence.trim()) assert.ok(body.includes(sentence.trim()), `sentence missing: ${sentence}`);
      }
    }
  });

  test('a page URL has the picture with its renditions and a link per article; the sitemap lists them all', async () => {
    const html = (await rawGet(url(`${DATE}/1/`))).body.toString('utf8');
    assert.match(html, /<img [^>]*class="page-image"/);
    assert.match(html, /srcset="[^"]*page-01-800\.jpg 800w[^"]*page-01-2400\.jpg 2400w"/);
    const sitemap = (await rawGet(url('sitemap-2025.xml'))).body.toString('utf8');
    for (const a of edition.articles) {
      assert.ok(html.includes(`href="/${DATE}/1/${a.id}/"`), `hot zone for ${a.id}`);
      assert.ok(sitemap.includes(`/${DATE}/1/${a.id}/</loc>`), `sitemap lists ${a.id}`);
    }
    const robots = (await rawGet(url('robots.txt'))).body.toString('utf8');
    assert.match(robots, /^Sitemap: https:\/\/.+\/sitemap\.xml$/m);
    assert.match((await rawGet(url('feed.xml'))).body.toString('utf8'), /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
  });

  for (const device of ['phone', 'desktop']) {
    test(`${device}: with JavaScript off, the article is readable and the page's hot zones are links`, async () => {
      const { page, close } = await open(browser, device, `${DATE}/1/${LEAD}/`, { javaScriptEnabled: false });
      try {
        await page.locator('section.reader h1', { hasText: LEAD_TITLE }).waitFor(WAIT);
        assert.ok(await page.locator('section.reader .story-body p').first().isVisible());
        await screenshot(page, `published-${device}-nojs-article`, { fullPage: false });
        await page.goto(url(`${DATE}/1/`));
        await page.locator('.stage img.page-image').waitFor(WAIT);
        const box = await page.locator('.stage img.page-image').boundingBox();
        assert.ok(box.width > 200 && box.height > 200, `the picture is shown: ${JSON.stringify(box)}`);
        await screenshot(page, `published-${device}-nojs-page`, { fullPage: false });
        await page.locator(`svg.regions a.region[data-article="${NEXT}"]`).click();
        await page.waitForURL(url(`${DATE}/1/${NEXT}/`), WAIT);
        await page.locator('section.reader h1').waitFor(WAIT);
      } finally {
        await close();
      }
    });
  }
});

describe('the app takes over a published page', () => {
  test('phone: a tap on a hot zone before the WebAssembly has loaded still ends in that article', async () => {
    const { context, page, problems, close } = await openContext(browser, 'phone');
    let release;
    const held = new Promise((r) => { release = r; });
    await context.route('**/*.wasm', async (route) => { await held; await route.continue(); });
    try {
      await page.goto(url(`${DATE}/1/`), { waitUntil: 'load' });
      const box = await page.locator('.stage img.page-image').boundingBox();
      // The lead's headline: inside its region on the printed page.
      await page.touchscreen.tap(box.x + box.width * 0.3, box.y + box.height * 0.2);
      await page.waitForURL(url(`${DATE}/1/${LEAD}/`), WAIT);
      await page.locator('section.reader h1', { hasText: LEAD_TITLE }).waitFor(WAIT);
      release();
      await appTookOver(page);
      await page.locator('section.reader h1', { hasText: LEAD_TITLE }).waitFor(WAIT);
      assertNoProblems(await problems());
    } finally {
      release();
      await close();
    }
  });

  for (const device of ['phone', 'desktop']) {
    test(`${device}: nothing moves when the app replaces the published markup`, async () => {
      const { context, page, problems, close } = await openContext(browser, device);
      let release;
      const held = new Promise((r) => { release = r; });
      await context.route('**/*.wasm', async (route) => { await held; await route.continue(); });
      try {
        await page.goto(url(`${DATE}/1/${LEAD}/`), { waitUntil: 'load' });
        await page.waitForFunction(() => { const i = document.querySelector('.stage img.page-image'); return i && i.complete && i.naturalWidth > 0; }, null, WAIT);
        const boxes = () => page.evaluate(() => {
          const r = (sel) => {
            const e = document.querySelector(`#app ${sel}`);
            if (!e) return null;
            const b = e.getBoundingClientRect();
            if (e.tagName !== 'IMG') return [b.x, b.y, b.width, b.height].map((v) => Math.round(v));
            // The picture as painted: fitted in its box by object-fit (contain, top) or the box itself.
            const s = Math.min(b.width / e.naturalWidth, b.height / e.naturalHeight);
            const w = e.naturalWidth * s;
            return [b.x + (b.width - w) / 2, b.y, w, e.naturalHeight * s].map((v) => Math.round(v));
          };
          return { image: r('.stage img.page-image'), region: r('svg.regions a.region.current'), title: r('section.reader .story-body p:nth-child(3)'), masthead: r('.masthead'), bar: r('.page-bar') };
        });
        // The reader has scrolled down the article while the app was loading.
        await page.evaluate(() => { document.querySelector('#app .reader').scrollTop = 300; });
        const before = await boxes();
        release();
        await appTookOver(page);
        await pageReady(page);
        const after = await boxes();
        assert.equal(await page.evaluate(() => document.querySelector('#app .reader').scrollTop), 300, 'the place in the article is kept');
        for (const key of Object.keys(before)) {
          if (before[key] === null && device === 'phone' && key !== 'title') continue; // under the reader sheet
          assert.ok(after[key], `${key} still there`);
          before[key]?.forEach((v, i) => assert.ok(Math.abs(v - after[key][i]) <= 1, `${key} moved: ${before[key]} → ${after[key]}`));
        }
        assertNoProblems(await problems());
      } finally {
        release();
        await close();
      }
    });
  }

  test('desktop: path URLs for open, 下一篇, back, reload; the title follows; old hash links land on their path', async () => {
    const { page, problems, close } = await open(browser, 'desktop', `${DATE}/1/`);
    try {
      await appTookOver(page);
      await pageReady(page);
      await page.locator(`svg.regions a.region[data-article="${LEAD}"]`).click();
      await placeIs(page, `/${DATE}/1/${LEAD}/`);
      await page.locator('section.reader h1', { hasText: LEAD_TITLE }).waitFor(WAIT);
      assert.match(await page.title(), new RegExp(`^${LEAD_TITLE} · 昌吉日报`));
      await page.locator('section.reader .step.next').click();
      await placeIs(page, `/${DATE}/1/${NEXT}/`);
      await page.goBack();
      await placeIs(page, `/${DATE}/1/`);
      await page.locator('section.reader').waitFor({ state: 'detached', ...WAIT });
      assert.match(await page.title(), /^昌吉日报 · 2025年5月21日 · 第01版/);
      await page.goForward();
      await placeIs(page, `/${DATE}/1/${NEXT}/`);
      await page.reload();
      await appTookOver(page);
      await page.locator('section.reader h1').waitFor(WAIT);
      await placeIs(page, `/${DATE}/1/${NEXT}/`);
      // A move inside the app to a page that does not exist: page 1 stays, and so must the address.
      await page.evaluate((d) => { history.pushState(null, '', `/${d}/99/`); dispatchEvent(new PopStateEvent('popstate')); }, DATE);
      await page.locator('.notice', { hasText: '本期没有第99版' }).waitFor(WAIT);
      await placeIs(page, `/${DATE}/1/`);
      // An old link from the hash-routed app.
      await page.goto(url(`#/${DATE}/1/${LEAD}`));
      await placeIs(page, `/${DATE}/1/${LEAD}/`);
      await page.locator('section.reader h1', { hasText: LEAD_TITLE }).waitFor(WAIT);
      assert.equal(new URL(page.url()).hash, '', 'the hash is gone');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('an address that names no page gets the 404 page, which opens the latest edition with a notice', async () => {
    const { page, response, problems, close } = await open(browser, 'phone', 'no/such/place/');
    try {
      assert.equal(response.status(), 404);
      await page.locator('.notice', { hasText: '没有找到' }).waitFor(WAIT);
      await pageReady(page);
      assertNoProblems(await problems(), { allowConsole: [/status of 404/] });
    } finally {
      await close();
    }
  });

  test('printing an article prints the article, not the app', async () => {
    const { page, close } = await open(browser, 'desktop', `${DATE}/1/${LEAD}/`);
    try {
      await appTookOver(page);
      await page.emulateMedia({ media: 'print' });
      for (const sel of ['.masthead', '.stage-column', '.page-strip', '.reader-bar', '.reader-steps']) {
        assert.equal(await page.locator(`#app ${sel}`).first().isVisible(), false, `${sel} not printed`);
      }
      assert.ok(await page.locator('section.reader h1').isVisible());
      assert.match(await page.locator('.print-source').innerText(), /昌吉日报 2025年5月21日 第01版/);
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 10_000, 'a printable PDF');
    } finally {
      await close();
    }
  });
});
