// The reader's second actions come from the second module (src/web/lazy.rs):
// the oldest engine we support (Chrome 69, the Android WebViews and X5
// kernels it stands for) must load it from the reader and run them. Phone
// size, touch. Screenshot: tests/e2e/screenshots/old-chrome-69-settings.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SCREENSHOT_DIR, url } from './harness.mjs';
import { ENGINES, launchOld, openPhone, placeUrl, webviewUserAgent } from './old-engines.mjs';

const WAIT = { timeout: 20_000 };
const LEAD_TITLE = '六院士领衔打造中亚地区“最强大脑”';
const engine = ENGINES[0];

let browser;
let ua;
before(async () => {
  const launched = await launchOld(engine);
  browser = launched.browser;
  ua = webviewUserAgent(launched.version);
});
after(async () => {
  await browser?.close();
});

test(`${engine.name}: the 字号 panel comes from the second module and works`, async () => {
  const { page, problems, close } = await openPhone(browser, ua);
  try {
    await page.goto(url(placeUrl({ date: '2025-05-21', page: 1, article: 'computing-centre' })), { waitUntil: 'load' });
    await page.waitForFunction(
      (t) => {
        // Chrome 69 parses this: no optional chaining.
        const h = document.querySelector('section.reader #reader-title');
        return h && h.textContent === t;
      },
      WAIT,
      LEAD_TITLE,
    );
    // The app has taken the published page over (its Aa button is live).
    await page.waitForFunction(
      () => document.documentElement.getAttribute('data-boot') === 'ok' && !document.querySelector('#app[data-published], .app-twin'),
      WAIT,
    );
    await page.tap('#app .settings-toggle');
    await page.waitForSelector('#app .settings-panel:not([aria-busy]) .size-step', WAIT);
    const bigger = await page.$$('#app .settings-panel .size-step');
    await bigger[1].tap();
    await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--text-scale') === '1.15', WAIT);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `old-${engine.name}-settings.png`) });
    const p = await problems();
    assert.deepEqual(p.crashes, [], 'renderer crashes');
    assert.deepEqual(p.pageErrors, [], 'page errors (uncaught exceptions)');
    assert.deepEqual(p.consoleErrors, [], 'console errors');
    assert.deepEqual(p.failedRequests, [], 'failed requests');
  } finally {
    await close();
  }
});
