// What the build's size levers (scripts/build.sh) must not break:
// - every hashed asset is sent as the precompressed file written beside it
//   (brotli -q 11 / zopfli gzip; nginx brotli_static / gzip_static), not compressed
//   per request: such a response has a Content-Length, an on-the-fly one none;
// - the release module aborts on a panic without running Rust (panic =
//   immediate-abort), so web/boot.js turns the trap (a WebAssembly.RuntimeError
//   out of an event handler or a promise job) into the recovery screen.
//   A real panic needs a bug to trigger; the trap is thrown as the engine throws
//   it, from a task and from a promise job.
// Screenshots: tests/e2e/screenshots/delivery-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { assertNoProblems, assetsOf, launch, open, rawGet, screenshot, tookOver, url } from './harness.mjs';

const WAIT = { timeout: 20_000 };
const ARTICLE = '2025-05-21/1/computing-centre/';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('precompressed assets', () => {
  test('glue, boot script, CSS, wasm and icon: sent as their .br / .gz files', async () => {
    const front = await rawGet(url(''));
    assert.equal(front.status, 200);
    const html = front.body.toString('utf8');
    const assets = assetsOf(html);
    const icon = html.match(/<link[^>]*rel="icon"[^>]*href="([^"]+)"/)?.[1];
    const list = [...assets.scripts, ...assets.styles, assets.wasm, icon];
    assert.equal(list.filter(Boolean).length, 5, `five hashed assets on the front page: ${list}`);
    for (const asset of list) {
      const plain = (await rawGet(url(asset), { 'accept-encoding': 'identity' })).body;
      for (const [encoding, decode] of [['br', zlib.brotliDecompressSync], ['gzip', zlib.gunzipSync]]) {
        const res = await rawGet(url(asset), { 'accept-encoding': encoding });
        assert.equal(res.status, 200, asset);
        assert.equal(res.headers['content-encoding'], encoding, `${asset} (${encoding})`);
        assert.equal(Number(res.headers['content-length']), res.body.length, `${asset} (${encoding}) sent as a file, with its length`);
        assert.ok(decode(res.body).equals(plain), `${asset} (${encoding}) decodes to the file`);
        assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable', asset);
      }
    }
  });
});

/** Waits for the recovery screen; its 重新加载 links to the address at the crash. */
async function crashScreen(page, address) {
  const panel = page.locator('#app .error-panel.crashed[role="alert"]');
  await panel.waitFor(WAIT);
  assert.match(await panel.innerText(), /数字报出了点问题[\s\S]*重新加载即可回到刚才阅读的位置/);
  assert.equal(await page.locator('.app-twin').count(), 0, 'no hidden twin left');
  const reload = panel.getByRole('link', { name: '重新加载' });
  assert.equal(await reload.getAttribute('href'), address, '重新加载 links to the same address');
  return reload;
}

describe('a trap once the app runs', () => {
  test('from an event handler: recovery screen, and 重新加载 brings the page back', async () => {
    const { page, problems, close } = await open(browser, 'phone', ARTICLE);
    try {
      await page.waitForFunction(() => document.documentElement.dataset.boot === 'ok', null, WAIT);
      await page.evaluate(() => {
        setTimeout(() => {
          throw new WebAssembly.RuntimeError('unreachable');
        });
      });
      const reload = await crashScreen(page, url(ARTICLE));
      await screenshot(page, 'delivery-crashed');
      const p = await problems();
      assert.equal(p.pageErrors.length, 1, `the trap itself is the only page error: ${p.pageErrors}`);
      await Promise.all([page.waitForNavigation(WAIT), reload.click()]);
      await page.waitForFunction(() => document.documentElement.dataset.boot === 'ok', null, WAIT);
      // The published reader and the app's hidden twin both have the title until the take-over.
      await tookOver(page);
      await page.locator('#reader-title').waitFor(WAIT);
      assert.equal(await page.locator('.crashed').count(), 0, 'the paper is back');
    } finally {
      await close();
    }
  });

  test('from a promise job (a render): the same screen', async () => {
    const { page, close } = await open(browser, 'desktop', '');
    try {
      await page.waitForFunction(() => document.documentElement.dataset.boot === 'ok', null, WAIT);
      // The app has moved / to the first page's own address by now.
      const address = await page.evaluate(() => location.href);
      await page.evaluate(() => {
        Promise.resolve().then(() => {
          throw new WebAssembly.RuntimeError('unreachable');
        });
      });
      await crashScreen(page, address);
    } finally {
      await close();
    }
  });

  test('an ordinary script error (an extension, a host script) leaves the paper alone', async () => {
    const { page, problems, close } = await open(browser, 'phone', '');
    try {
      await page.waitForFunction(() => document.documentElement.dataset.boot === 'ok', null, WAIT);
      // Listeners added now run after boot.js's: both errors have been seen.
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            let seen = 0;
            const done = () => ++seen === 2 && resolve();
            window.addEventListener('error', done);
            window.addEventListener('unhandledrejection', done);
            setTimeout(() => {
              throw new TypeError('not ours');
            });
            Promise.reject(new Error('not ours either'));
          }),
      );
      assert.equal(await page.locator('.crashed').count(), 0, 'no recovery screen');
      assert.ok(await page.locator('#app .page-image').count(), 'the page is still there');
      const p = await problems();
      assertNoProblems({ ...p, pageErrors: p.pageErrors.filter((e) => !/not ours/.test(e)) });
    } finally {
      await close();
    }
  });
});
