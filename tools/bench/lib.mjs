// Shared helpers of the benchmark scripts (tools/bench/*.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
// BENCH_RESULTS: another folder (the test command's smoke run writes under target/).
export const RESULTS_DIR = process.env.BENCH_RESULTS ? path.resolve(process.env.BENCH_RESULTS) : path.join(here, 'results');
export const RESULTS_FILE = path.join(RESULTS_DIR, 'latest.json');

export const BASE_URL = new URL(process.env.BENCH_BASE_URL || 'http://127.0.0.1:8282/').href;
// Chromium and its flags as the end-to-end tests launch it.
export { CHROMIUM, CHROME_FLAGS } from '../../tests/e2e/harness.mjs';
import { CHROMIUM, CHROME_FLAGS } from '../../tests/e2e/harness.mjs';

/** Lighthouse's mobile device: Moto G Power class, 412×823 at DPR 1.75, touch. */
export const PHONE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Urumqi',
};

/**
 * Network and CPU conditions. "mobile" is Lighthouse's mobile preset as plain
 * DevTools throttling (the numbers Lighthouse quotes: 150 ms RTT, 1.6 Mbps down,
 * 750 Kbps up, 4× CPU slowdown), applied with CDP for every request.
 */
export const CONDITIONS = {
  mobile: {
    label: 'mobile (4× CPU, 150 ms, 1.6 Mbps)',
    cpu: 4,
    network: {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    },
  },
  none: { label: 'no throttling', cpu: 1, network: null },
};

export function url(relative = '') {
  return new URL(relative, BASE_URL).href;
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS });
}

/** Applies a condition to a page through its own CDP session; returns the session. */
export async function throttle(context, page, condition) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (condition.network) await cdp.send('Network.emulateNetworkConditions', condition.network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpu });
  return cdp;
}

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export function percentile(values, p) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const i = Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1));
  return v[i];
}

/** { median, min, max, n, runs } of a list of numbers (nulls are failed runs). */
export function stats(values) {
  const ok = values.filter((x) => Number.isFinite(x));
  return {
    median: median(ok),
    min: ok.length ? Math.min(...ok) : null,
    max: ok.length ? Math.max(...ok) : null,
    n: ok.length,
    runs: values.map((x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null)),
  };
}

/** Reads results/latest.json, sets `key`, writes it back (parts run separately). */
export function saveResult(key, value) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  let all = {};
  try {
    all = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
  } catch {
    // first part of a run
  }
  all[key] = value;
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function log(...args) {
  console.error('[bench]', ...args);
}
