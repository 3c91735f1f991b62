#!/usr/bin/env node
// Generates a SYNTHETIC archive of daily editions for tests and benchmarks:
// every edition is marked `test_data: true`, its text recombined from the
// synthetic test editions in tests/fixtures/editions/ (never the real sample
// edition), and it is written under target/ — never under editions/, never
// shipped.
//
//   node tools/testdata/make-test-archive.mjs [--out DIR] [--count N]
//        [--start YYYY-MM-DD] [--every-day] [--pages P] [--articles A]
//        [--chars C] [--lexicon]
//
// Defaults (the test archive): 365 editions from 2000-07-01 on, Sundays
// skipped (the calendar then has days without an edition), 4 pages × 3
// articles, in target/test-archive/. Rare words stand in a few editions so
// that a search for them lists exactly those, newest first (RARE below).
//
// --lexicon (the benchmark's archives) mixes in words of a synthetic lexicon
// drawn with Zipf's law over the CJK block, so that the index sees the many
// distinct bigrams of real news rather than the fixtures' few sentences.
// The text is then gibberish, and still marked test data.
//
// Then: `cargo run --release --bin search-index DIR DIR-search --archive 30`
// writes the search index and index.json with per-year lists.
// Deterministic: the same arguments write byte-identical files.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FIXTURES = join(ROOT, "tests", "fixtures", "editions");

/** Rare words and the editions (by position, 0 = oldest) that carry them in a body. */
export const RARE = [
  { word: "琥珀灯塔", at: [40, 200, 330] },
  { word: "QX47", at: [12, 300] },
];

function args() {
  const a = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = a.indexOf(name);
    return i >= 0 ? a[i + 1] : dflt;
  };
  return {
    out: resolve(ROOT, opt("--out", "target/test-archive")),
    count: Number(opt("--count", 365)),
    start: opt("--start", "2000-07-01"),
    everyDay: a.includes("--every-day"),
    pages: Number(opt("--pages", 4)),
    articles: Number(opt("--articles", 3)),
    chars: Number(opt("--chars", 260)),
    lexicon: a.includes("--lexicon"),
  };
}

/** mulberry32: small, seeded, the same everywhere. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sentences and titles of the synthetic fixtures: the material recombined. */
function material() {
  const sentences = new Set();
  const titles = new Set();
  const captions = new Set();
  for (const date of ["2000-01-01", "2000-01-03"]) {
    const e = JSON.parse(readFileSync(join(FIXTURES, date, "edition.json"), "utf8"));
    if (e.test_data !== true) throw new Error(`${date}: not test data`);
    for (const a of e.articles) {
      titles.add(a.title.replace(/^【测试】/, ""));
      for (const b of a.body) {
        const text = b.type === "figure" ? b.caption : b.text;
        for (const s of text.split(/(?<=[。！？])/)) {
          const t = s.replace(/这是第\d+版第\d+篇/, "这是").trim();
          if (t.length >= 6) (b.type === "figure" ? captions : sentences).add(t);
        }
      }
    }
  }
  return { sentences: [...sentences], titles: [...titles], captions: [...captions] };
}

/** A Zipf-distributed lexicon of 2–4 character words over the CJK block. */
function lexicon(random) {
  const chars = 6000;
  const charAt = (rank) => String.fromCodePoint(0x4e00 + ((rank * 7919) % 20902));
  // Zipf's law (s = 1): rank k with probability ∝ 1/(k+1), by inverting
  // the continuous CDF log(k+1)/log(n+1).
  const zipfPick = (n) => Math.min(n - 1, Math.floor(Math.pow(n + 1, random()) - 1));
  const words = [];
  for (let i = 0; i < 60000; i++) {
    const len = 2 + (random() < 0.25 ? 1 : 0) + (random() < 0.1 ? 1 : 0);
    let w = "";
    for (let j = 0; j < len; j++) w += charAt(zipfPick(chars));
    words.push(w);
  }
  return () => words[zipfPick(words.length)];
}

const WEEKDAYS = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
const PAGE_W = 2400;
const PAGE_H = 3400;
const SECTIONS = ["要闻", "综合", "经济", "民生", "文化", "社会", "副刊", "专版"];

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function paragraph(random, m, chars, words) {
  let text = "";
  while (text.length < chars) {
    if (words && random() < 0.7) {
      let s = "";
      const n = 4 + Math.floor(random() * 8);
      for (let i = 0; i < n; i++) s += words();
      text += s + (random() < 0.3 ? "，" : "。");
    } else {
      text += pick(random, m.sentences);
    }
  }
  return text;
}

function article(random, m, words, o) {
  const { page, n, perPage, chars, rare, date } = o;
  const slot = (PAGE_H - 200) / perPage;
  const top = 100 + slot * n;
  const body = [];
  let left = chars;
  while (left > 0) {
    const len = Math.min(left, 60 + Math.floor(random() * 120));
    body.push({ type: "paragraph", text: paragraph(random, m, len, words) });
    left -= len;
  }
  if (rare.length && n === 0) {
    const text = body[body.length - 1].text;
    body[body.length - 1].text = `${text}测试稿件提到${rare.join("和")}。`;
  }
  const photo = n === perPage - 1 && page % 2 === 0;
  const id = `p${String(page).padStart(2, "0")}-${String(n + 1).padStart(2, "0")}`;
  return {
    id,
    kind: photo ? "photo" : "news",
    kicker: n === 0 ? `测试引题：${date} 第${page}版` : null,
    title: `【测试】${pick(random, m.titles)}`.slice(0, 60),
    subtitle: null,
    byline: "□测试记者 甲",
    dateline: photo ? null : "本报讯",
    body: photo
      ? [{ type: "figure", image: null, caption: pick(random, m.captions), credit: "□测试摄影 乙" }]
      : body,
    regions: [
      {
        page,
        points: [
          [100, Math.round(top)],
          [PAGE_W - 100, Math.round(top)],
          [PAGE_W - 100, Math.round(top + slot - 40)],
          [100, Math.round(top + slot - 40)],
        ],
      },
    ],
  };
}

function edition(random, m, words, o, date, issue, rare) {
  const pages = [];
  const articles = [];
  for (let p = 1; p <= o.pages; p++) {
    pages.push({
      number: p,
      label: `第${String(p).padStart(2, "0")}版`,
      section: SECTIONS[(p - 1) % SECTIONS.length],
      width: PAGE_W,
      height: PAGE_H,
      images: [{ url: "../shared/page.svg", width: PAGE_W }],
      thumbnail: { url: "../shared/page.svg", width: 200 },
    });
    for (let n = 0; n < o.articles; n++) {
      articles.push(
        article(random, m, words, {
          page: p,
          n,
          perPage: o.articles,
          chars: o.chars,
          rare: p === 2 ? rare : [],
          date,
        }),
      );
    }
  }
  const [y, mo, d] = date.split("-").map(Number);
  return {
    format: "changji-epaper/edition",
    version: 1,
    test_data: true,
    facsimile: {
      source: "typeset-reproduction",
      note: "测试数据：自动生成的合成往期，由测试文字重新组合而成，内容纯属虚构，不是真实报纸。",
    },
    publication: {
      name: "昌吉日报",
      latin_name: "TEST ARCHIVE",
      website: "https://example.invalid/",
      imprint: ["□本期为测试数据，不是真实出版物"],
    },
    date,
    weekday: WEEKDAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()],
    lunar_date: null,
    issue_number: issue,
    printed_pages: o.pages,
    pages,
    articles,
    reading_order: articles.map((a) => a.id),
  };
}

const PAGE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_W}" height="${PAGE_H}" viewBox="0 0 ${PAGE_W} ${PAGE_H}">
<rect width="100%" height="100%" fill="#f7f4ec"/>
<text x="1200" y="1700" font-size="160" text-anchor="middle" fill="#b9b2a0">测试数据 · 合成往期</text>
</svg>
`;

function main() {
  const o = args();
  if (!o.out.startsWith(join(ROOT, "target")) && !o.out.startsWith("/tmp/")) {
    throw new Error(`--out must be under target/ (never shipped): ${o.out}`);
  }
  const random = rng(20000701 + o.count);
  const m = material();
  const words = o.lexicon ? lexicon(rng(7)) : null;
  rmSync(o.out, { recursive: true, force: true });
  mkdirSync(join(o.out, "shared"), { recursive: true });
  writeFileSync(join(o.out, "shared", "page.svg"), PAGE_SVG);
  const entries = [];
  const day = new Date(`${o.start}T00:00:00Z`);
  for (let i = 0; i < o.count; ) {
    if (o.everyDay || day.getUTCDay() !== 0) {
      const date = day.toISOString().slice(0, 10);
      const rare = RARE.filter((r) => r.at.includes(i)).map((r) => r.word);
      const e = edition(random, m, words, o, date, i + 1, rare);
      mkdirSync(join(o.out, date), { recursive: true });
      writeFileSync(join(o.out, date, "edition.json"), JSON.stringify(e));
      entries.push({ date, issue_number: i + 1, url: `${date}/edition.json` });
      if (rare.length) console.error(`${date}: ${rare.join(", ")}`);
      i++;
    }
    day.setUTCDate(day.getUTCDate() + 1);
  }
  entries.reverse();
  const index = {
    format: "changji-epaper/index",
    version: 1,
    publication: "昌吉日报",
    latest: entries[0].date,
    editions: entries,
  };
  writeFileSync(join(o.out, "index.json"), JSON.stringify(index, null, 2) + "\n");
  console.log(`${o.out}: ${entries.length} 期测试数据，${entries.at(-1).date} 至 ${entries[0].date}`);
}

main();
