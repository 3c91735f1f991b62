// Old Chromium engines for the end-to-end tests (old-engines.test.mjs): the
// headless Chromium that npm's chrome-aws-lambda package carries, driven by
// puppeteer 1.6.2 (playwright cannot drive them). They stand for the Android
// System WebViews and X5/WeChat kernels that readers still have.
//
// Each engine is a locked devDependency (package.json aliases); its
// bin/chromium-<version>.br is unpacked once into node_modules/.cache/old-chromium/
// (an npm ci that replaces node_modules unpacks again).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import puppeteer from 'puppeteer';
import { BASE_URL, CHROME_FLAGS } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = path.join(ROOT, 'node_modules/.cache/old-chromium');

/** npm package (or alias) → the Chromium inside it. */
export const ENGINES = [
  { name: 'chrome-69', pkg: 'chrome-aws-lambda' }, // 1.6.3 → 69.0.3494.0
  { name: 'chrome-70', pkg: 'chrome-aws-lambda-70' }, // 1.7.0 → 70.0.3508.0
  { name: 'chrome-72', pkg: 'chrome-aws-lambda-72' }, // 1.11.2 → 72.0.3617.0
];

/**
 * The app's address of a place, relative to BASE_URL: `date/page/article/?query`.
 */
export function placeUrl({ date, page, article, query } = {}) {
  const parts = [date, page, article].filter((p) => p !== undefined);
  return `${parts.map((p) => `${p}/`).join('')}${query ? `?${query}` : ''}`;
}

/** Waits until the address shows that place (query ignored), then asserts it. */
export async function placeIs(page, place, timeout = 5_000) {
  const want = new URL(placeUrl(place), BASE_URL);
  const key = (u) => u.pathname + u.hash;
  await page
    .waitForFunction((k) => location.pathname + location.hash === k, { timeout }, key(want))
    .catch(() => {});
  assert.equal(key(new URL(page.url())), key(want), 'address of the place');
}

/** Unpacks the engine's Chromium (once) and returns { version, executable }. */
export async function unpack(engine) {
  const bin = path.join(ROOT, 'node_modules', engine.pkg, 'bin');
  let packed;
  try {
    packed = fs.readdirSync(bin).find((f) => /^chromium-[\d.]+\.br$/.test(f));
  } catch {
    // reported below
  }
  assert.ok(packed, `${bin}/chromium-*.br missing: run scripts/setup.sh (npm ci installs ${engine.pkg})`);
  const version = packed.slice('chromium-'.length, -'.br'.length);
  const executable = path.join(CACHE, version, 'chromium');
  if (!fs.existsSync(executable)) {
    fs.mkdirSync(path.dirname(executable), { recursive: true });
    const part = `${executable}.${process.pid}.part`;
    await pipeline(fs.createReadStream(path.join(bin, packed)), zlib.createBrotliDecompress(), fs.createWriteStream(part));
    fs.chmodSync(part, 0o755);
    fs.renameSync(part, executable);
  }
  return { version, executable };
}

/** Launches the engine headless; resolves to { browser, version }. */
export async function launchOld(engine) {
  const { version, executable } = await unpack(engine);
  const browser = await puppeteer.launch({
    executablePath: executable,
    headless: true,
    args: CHROME_FLAGS,
  });
  return { browser, version };
}

/** An Android System WebView's User-Agent for Chromium `version` (or a modern one). */
export function webviewUserAgent(version) {
  return (
    `Mozilla/5.0 (Linux; Android 9; MI 8 Build/PKQ1.180729.001; wv) AppleWebKit/537.36 ` +
    `(KHTML, like Gecko) Version/4.0 Chrome/${version} Mobile Safari/537.36`
  );
}

/** The phone of the modern tests (harness.mjs DEVICES.phone) as puppeteer emulates it. */
export const PHONE = { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

// Runs in every page before its own scripts: records CSP violations on window.
function recordCspViolations() {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  });
}

/**
 * A new page at phone size with the given User-Agent, in a context of its own
 * (its own HTTP cache: a document cached under another User-Agent would bring
 * that one's policy), collecting console errors, uncaught exceptions, failed
 * requests, CSP violations and renderer crashes; `initScript` (a function)
 * runs before the page's own scripts. Returns { page, problems, close }.
 */
export async function openPhone(browser, userAgent, initScript) {
  const context = await browser.createIncognitoBrowserContext();
  const page = await context.newPage();
  await page.emulate({ viewport: PHONE, userAgent });
  await page.evaluateOnNewDocument(recordCspViolations);
  if (initScript) await page.evaluateOnNewDocument(initScript);
  const consoleErrors = [];
  const pageErrors = [];
  const failedRequests = [];
  const crashes = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => pageErrors.push(String(err && err.stack ? err.stack : err)));
  page.on('requestfailed', (req) => failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText}`));
  page.on('error', (err) => crashes.push(String(err)));

  async function problems() {
    let cspViolations = [];
    try {
      cspViolations = await page.evaluate(() => window.__cspViolations || []);
    } catch (e) {
      crashes.push(`page unreachable: ${e.message}`);
    }
    return { crashes, consoleErrors, pageErrors, failedRequests, cspViolations };
  }
  return { page, problems, close: () => context.close().catch(() => {}) };
}
