// Smoke tests of the served build: production headers (deploy/nginx/epaper.conf),
// the built index.html, and the boot loader (web/boot.js) in headless Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import {
  BASE_URL,
  assertNoProblems,
  assetsOf,
  launch,
  open,
  rawGet,
  screenshot,
  url,
} from './harness.mjs';

const BOOT_TIMEOUT = 20_000;
let html = '';
let assets = { scripts: [], styles: [], wasm: undefined };

before(async () => {
  const res = await rawGet(url(''));
  assert.equal(res.status, 200, `GET ${BASE_URL} (is the test server running?)`);
  html = res.body.toString('utf8');
  assets = assetsOf(html);
});

describe('served headers', () => {
  test('index.html: HTML, no-cache, CSP and security headers', async () => {
    const res = await rawGet(url(''));
    const h = res.headers;
    assert.match(h['content-type'], /^text\/html/);
    assert.equal(h['cache-control'], 'no-cache');
    const csp = h['content-security-policy'];
    assert.ok(csp, 'Content-Security-Policy header');
    for (const directive of [
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "style-src 'self'",
      "img-src 'self' https:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      'frame-ancestors ',
    ]) {
      assert.ok(csp.includes(directive), `CSP has ${directive}: ${csp}`);
    }
    assert.ok(!/unsafe-inline|'unsafe-eval'/.test(csp), `CSP allows no inline/eval: ${csp}`);
    assert.equal(h['x-content-type-options'], 'nosniff');
    assert.equal(h['referrer-policy'], 'strict-origin-when-cross-origin');
    assert.ok(h['permissions-policy'], 'Permissions-Policy header');
  });

  test('index.html: markup rules (lang, viewport, no inline script or style)', () => {
    assert.match(html, /<html lang="zh-CN" data-base="\/">/);
    assert.match(html, /<title>昌吉日报 · 2025年5月21日 · 第01版<\/title>/, 'the front page is the latest edition\'s first page');
    const viewport = html.match(/<meta name="viewport" content="([^"]+)"/)?.[1];
    assert.equal(viewport, 'width=device-width, initial-scale=1, viewport-fit=cover');
    assert.ok(!/user-scalable|maximum-scale/.test(html), 'zoom stays available');
    assert.ok(!/<script(?![^>]*\ssrc=)[^>]*>/.test(html), 'no inline <script>');
    assert.ok(!/\sstyle=/.test(html), 'no style attributes');
    assert.ok(!/<style[\s>]/.test(html), 'no <style> elements');
    assert.ok(!/<noscript>/.test(html), 'a published page needs no script, so it asks for none');
    assert.match(html, /<div id="app" data-published>[\s\S]*class="page-image"[\s\S]*<\/div>/, 'the page itself, not a loading view');
    assert.equal(assets.scripts.length, 2, `glue + boot scripts: ${assets.scripts}`);
    assert.equal(assets.styles.length, 1, `one CSS bundle: ${assets.styles}`);
    assert.ok(assets.wasm, 'data-wasm on the boot script');
  });

  test('wasm: application/wasm, immutable, gzip and brotli when asked', async () => {
    const wasm = url(assets.wasm);
    const plain = await rawGet(wasm, { 'accept-encoding': 'identity' });
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-type'], 'application/wasm');
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual([...plain.body.subarray(0, 4)], [0, 0x61, 0x73, 0x6d], 'wasm magic');

    const gz = await rawGet(wasm, { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(zlib.gunzipSync(gz.body).equals(plain.body), 'gzip body decodes to the wasm');
    assert.match(gz.headers.vary || '', /Accept-Encoding/i);

    const br = await rawGet(wasm, { 'accept-encoding': 'br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.ok(zlib.brotliDecompressSync(br.body).equals(plain.body), 'brotli body decodes');

    // A browser that accepts both gets brotli.
    const both = await rawGet(wasm, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(both.headers['content-encoding'], 'br');
  });

  test('hashed JS and CSS: immutable, right types, compressed', async () => {
    for (const asset of [...assets.scripts, ...assets.styles]) {
      assert.match(asset, /^\/assets\/[^/]+\.[0-9a-f]{10}\.(js|css)$/, `hashed name: ${asset}`);
      const res = await rawGet(url(asset), { 'accept-encoding': 'gzip' });
      assert.equal(res.status, 200, asset);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable', asset);
      assert.match(
        res.headers['content-type'],
        asset.endsWith('.css') ? /^text\/css/ : /^application\/javascript/,
        asset,
      );
      if (res.body.length > 256) assert.equal(res.headers['content-encoding'], 'gzip', asset);
    }
  });

  test('missing files: 404 without long caching', async () => {
    const res = await rawGet(url('assets/missing.0123456789.js'));
    assert.equal(res.status, 404);
    assert.equal(res.headers['cache-control'], undefined);
    assert.ok(res.headers['content-security-policy'], 'security headers on errors too');
  });

  test('edition index JSON: short caching', async () => {
    // Both are served (scripts/test.sh); a 404 is a failure, never a skip.
    for (const index of ['editions/index.json', 'test-editions/index.json']) {
      const res = await rawGet(url(index));
      assert.equal(res.status, 200, index);
      assert.match(res.headers['content-type'], /^application\/json/);
      assert.equal(res.headers['cache-control'], 'public, max-age=300, must-revalidate');
      JSON.parse(res.body.toString('utf8'));
    }
  });

  test('boot script: ES5 syntax only (old webviews must parse it)', async () => {
    const bootPath = assets.scripts.find((s) => /\/boot\.[0-9a-f]+\.js$/.test(s));
    assert.ok(bootPath, 'boot script in index.html');
    const src = (await rawGet(url(bootPath))).body.toString('utf8');
    // Drop comments, strings and regex literals roughly, then look for ES2015+ syntax.
    const code = src
      .replace(/\/\*[\s\S]*?\*\//g, ' ')
      .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
      .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, '""')
      .replace(/\/(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+\/[gimsuy]*/g, '/re/');
    for (const [what, re] of [
      ['arrow function', /=>/],
      ['let/const', /\b(?:let|const)\s/],
      ['template string', /`/],
      ['class', /\bclass\s+\w/],
      ['async/await', /\b(?:async\s+function|await\s)/],
      ['spread/rest', /\.\.\./],
      ['optional chaining / nullish', /\?\.|\?\?/],
      ['for…of', /\bfor\s*\([^)]*\sof\s/],
    ]) {
      assert.ok(!re.test(code), `boot script uses ${what}`);
    }
  });
});

describe('in the browser', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const device of ['phone', 'desktop']) {
    test(`${device}: the app boots and replaces the skeleton in #app`, async () => {
      const { page, problems, close } = await open(browser, device, '');
      try {
        await page.waitForFunction(
          () => ['ok', 'error', 'fallback'].includes(document.documentElement.dataset.boot),
          null,
          { timeout: BOOT_TIMEOUT },
        );
        const state = await page.evaluate(() => document.documentElement.dataset.boot);
        await screenshot(page, `smoke-${device}`);
        assert.equal(state, 'ok', `boot state (see screenshot smoke-${device}.png)`);
        const mounted = await page
          .waitForFunction(
            () => {
              const app = document.getElementById('app');
              return (
                app &&
                app.children.length > 0 &&
                !app.querySelector('[data-boot-skeleton]') &&
                app.textContent.trim().length > 0
              );
            },
            null,
            { timeout: BOOT_TIMEOUT },
          )
          .then(() => true, () => false);
        await screenshot(page, `smoke-${device}`);
        assert.ok(mounted, 'the Rust app mounted into #app and replaced the loading skeleton');
        assertNoProblems(await problems());
      } finally {
        await close();
      }
    });
  }

  test('streaming compile throws: boot falls back to an ArrayBuffer', async () => {
    const { page, problems, close } = await open(browser, 'phone', '', {
      initScript: () => {
        const fail = () => Promise.reject(new TypeError('streaming compile disabled by test'));
        WebAssembly.instantiateStreaming = fail;
        WebAssembly.compileStreaming = fail;
      },
    });
    try {
      await page.waitForFunction(() => document.documentElement.dataset.boot !== 'loading', null, {
        timeout: BOOT_TIMEOUT,
      });
      assert.equal(await page.evaluate(() => document.documentElement.dataset.boot), 'ok');
      const p = await problems();
      assert.deepEqual(p.pageErrors, []);
      assert.deepEqual(p.cspViolations, []);
    } finally {
      await close();
    }
  });

  test('no WebAssembly: Chinese message and safe links to the page images', async () => {
    const index = {
      format: 'changji-epaper/index',
      version: 1,
      publication: '昌吉日报',
      latest: '2025-01-02',
      editions: [
        { date: '2025-01-01', issue_number: 1, url: '2025-01-01/edition.json', page_images: ['old.jpg'] },
        {
          date: '2025-01-02',
          issue_number: 2,
          url: '2025-01-02/edition.json',
          page_images: [
            '2025-01-02/p1.jpg',
            'javascript:alert(1)',
            ' JAVASCRIPT:alert(2)',
            'data:text/html,<script>alert(3)</script>',
            'https://img.example.cn/p4.jpg',
            'http://img.example.cn/p5.jpg',
            '//evil.example/p6.jpg',
            '<img src=x onerror=alert(7)>',
          ],
        },
      ],
    };
    const { context, page, problems, close } = await open(browser, 'phone', 'about:blank', {
      initScript: () => {
        delete window.WebAssembly;
      },
    });
    try {
      await context.route('**/editions/index.json', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(index) }),
      );
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        d.dismiss();
      });
      // An address with no published page: the 404 shell has only the index to go by.
      await page.goto(url('no-such-page/'), { waitUntil: 'load' });
      await page.waitForSelector('[data-boot-fallback] .boot-page-link', { timeout: BOOT_TIMEOUT });
      const text = await page.textContent('#app');
      assert.match(text, /不支持 WebAssembly/);
      const hrefs = await page.$$eval('#app a', (as) => as.map((a) => a.getAttribute('href')));
      assert.deepEqual(hrefs, [
        '/editions/2025-01-02/p1.jpg',
        'https://img.example.cn/p4.jpg',
        '/editions/<img src=x onerror=alert(7)>', // inert: an attribute value, never parsed as HTML
      ]);
      const labels = await page.$$eval('#app a', (as) => as.map((a) => a.textContent));
      assert.deepEqual(labels, ['第1版', '第5版', '第8版']);
      assert.equal(await page.$$eval('#app img', (imgs) => imgs.length), 0, 'no markup from data');
      await screenshot(page, 'fallback-no-webassembly');
      assert.equal(dialogs, 0);
      const p = await problems();
      assert.deepEqual(p.pageErrors, []);
      assert.deepEqual(p.cspViolations, []);
    } finally {
      await close();
    }
  });

  test('no WebAssembly: ?index= (same site only) picks the index, as in the app', async () => {
    const seen = [];
    const { context, page, close } = await open(browser, 'phone', 'about:blank', {
      initScript: () => {
        delete window.WebAssembly;
      },
    });
    try {
      await context.route((u) => u.pathname.endsWith('.json'), (route) => {
        seen.push(new URL(route.request().url()).pathname);
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ latest: 'd', editions: [{ date: 'd', page_images: ['d/p1.jpg'] }] }),
        });
      });
      await page.goto(url('no-such-page/?index=test-editions/index.json'), { waitUntil: 'load' });
      await page.waitForSelector('[data-boot-fallback] .boot-page-link', { timeout: BOOT_TIMEOUT });
      assert.deepEqual(
        await page.$$eval('#app a', (as) => as.map((a) => a.getAttribute('href'))),
        ['/test-editions/d/p1.jpg'],
      );
      // Another site's index is ignored: the default index is used.
      await page.goto(url('no-such-page/?index=https%3A%2F%2Fevil.example%2Findex.json'), { waitUntil: 'load' });
      await page.waitForSelector('[data-boot-fallback] .boot-page-link', { timeout: BOOT_TIMEOUT });
      assert.deepEqual(seen.map((p) => p.replace(/^.*\/(test-)?editions\//, '$1editions/')), [
        'test-editions/index.json',
        'editions/index.json',
      ]);
    } finally {
      await close();
    }
  });

  test('no WebAssembly on a published page: the page stays, with a note, and its links open the stories', async () => {
    const { page, problems, close } = await open(browser, 'phone', '2025-05-21/1/', {
      initScript: () => {
        delete window.WebAssembly;
      },
    });
    try {
      await page.waitForSelector('#app[data-published] [data-boot-fallback]', { timeout: BOOT_TIMEOUT });
      assert.match(await page.textContent('[data-boot-fallback]'), /点选版面或“本版标题”中的文章即可阅读全文/);
      await page.locator('svg.regions a.region[data-article="rumour-works"]').tap();
      await page.waitForURL(url('2025-05-21/1/rumour-works/'), { timeout: BOOT_TIMEOUT });
      assert.match(await page.locator('section.reader h1').innerText(), /辟谣作品/);
      await screenshot(page, 'fallback-no-webassembly-published');
      assertNoProblems(await problems());
    } finally {
      await close();
    }
  });

  test('wasm download fails on a published page: the page stays, with a note', async () => {
    const { context, page, close } = await open(browser, 'phone', 'about:blank');
    try {
      await context.route('**/*.wasm', (route) => route.fulfill({ status: 503, body: 'busy' }));
      await page.goto(url('2025-05-21/1/'), { waitUntil: 'load' });
      await page.waitForSelector('#app[data-published] [data-boot-error]', { timeout: BOOT_TIMEOUT });
      assert.equal(await page.locator('svg.regions a.region').count(), 5, 'every story still a link');
    } finally {
      await close();
    }
  });

  test('wasm download fails: Chinese error with a 重新加载 button', async () => {
    const { context, page, close } = await open(browser, 'phone', 'about:blank');
    try {
      await context.route('**/*.wasm', (route) => route.fulfill({ status: 503, body: 'busy' }));
      await page.goto(url('no-such-page/'), { waitUntil: 'load' });
      await page.waitForSelector('[data-boot-error]', { timeout: BOOT_TIMEOUT });
      assert.equal(await page.evaluate(() => document.documentElement.dataset.boot), 'error');
      const button = page.getByRole('button', { name: '重新加载' });
      assert.equal(await button.count(), 1);
      assert.match(await page.textContent('#app'), /加载失败/);
      await screenshot(page, 'fallback-load-error');
    } finally {
      await close();
    }
  });
});
