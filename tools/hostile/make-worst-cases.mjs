// Writes the hostile worst-case editions of issue 14 into a folder (default
// target/hostile/): each just under the 5 MiB cap, each packed with as many
// broken references as fit. They are generated, not committed.
//
//   node tools/hostile/make-worst-cases.mjs [out-dir]
//
// Then, e.g.:  /usr/bin/time -v target/release/validate-edition target/hostile/*.json
//
// Synthetic data only (test_data: true, 【测试】 titles), derived from
// tests/fixtures/valid/minimal.json.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const OUT = process.argv[2] ?? join(ROOT, "target", "hostile");
const CAP = 5 * 1024 * 1024;
const minimal = () =>
  JSON.parse(readFileSync(join(ROOT, "tests/fixtures/valid/minimal.json"), "utf8"));

/// Fills `fill(n)` with the largest n whose compact JSON stays under the cap.
function fitted(fill) {
  let lo = 1;
  let hi = 4_000_000;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (Buffer.byteLength(JSON.stringify(fill(mid))) <= CAP) lo = mid;
    else hi = mid - 1;
  }
  return JSON.stringify(fill(lo));
}

const cases = {
  // ~1.3 M ids in reading_order that name no article.
  "reading-order-unknown": (n) => {
    const e = minimal();
    e.reading_order = ["a1", "a2", ...Array(n).fill("x")];
    return e;
  },
  // Every point of many 1000-point polygons outside the page.
  "region-outside": (n) => {
    const e = minimal();
    const points = Array(1000).fill([9, -1]);
    const regions = Math.ceil(n / 1000);
    e.articles[0].regions = Array.from({ length: Math.min(regions, 100) }, () => ({ page: 1, points }));
    const more = Math.max(0, Math.ceil((regions - 100) / 100));
    for (let i = 0; i < more; i++) {
      const id = `x${i}`;
      e.articles.push({ id, kind: "news", title: "【测试】x", body: [], regions: Array(100).fill({ page: 1, points }) });
      e.reading_order.push(id);
    }
    return e;
  },
  // Zero-area polygons of 1000 points each (the costly area/crossing check).
  "region-area": (n) => {
    const e = minimal();
    const points = Array.from({ length: 1000 }, (_, i) => [i % 2 ? 200 : 100, 300]);
    const regions = Math.ceil(n / 1000);
    for (let i = 0; i * 100 < regions; i++) {
      const id = `z${i}`;
      e.articles.push({ id, kind: "news", title: "【测试】z", body: [], regions: Array(100).fill({ page: 1, points }) });
      e.reading_order.push(id);
    }
    return e;
  },
  // A weekday of ~1.7 M characters with no break point.
  "long-weekday": (n) => {
    const e = minimal();
    e.weekday = "星".repeat(n);
    return e;
  },
  // Many articles, each with an unknown-page region and an empty title.
  "many-articles": (n) => {
    const e = minimal();
    for (let i = 0; i < n; i++) {
      const id = `m${i}`;
      e.articles.push({ id, kind: "news", title: "", body: [], regions: [{ page: 7, points: [[0, 0], [1, 0], [1, 1]] }] });
      e.reading_order.push(id);
    }
    return e;
  },
};

mkdirSync(OUT, { recursive: true });
for (const [name, fill] of Object.entries(cases)) {
  const file = join(OUT, `${name}.json`);
  const text = fitted(fill);
  writeFileSync(file, text);
  console.log(`${file}\t${Buffer.byteLength(text)} bytes`);
}
