#!/usr/bin/env node
// Generates the SYNTHETIC test fixtures under tests/fixtures/:
//
//   editions/   two synthetic editions (2000-01-03: 8 pages, 2000-01-01: 2 pages)
//               with SVG page pictures and an index, for the app and e2e tests;
//   valid/      the minimal valid edition and index the invalid files derive from;
//   invalid/    one file per validation rule, each with exactly one thing broken,
//               and expected.json naming the rule code and JSON path per file.
//
// Everything is test data made up here: no real names, places, events or
// figures. Deterministic: the same script writes byte-identical files.
// Node 20, no dependencies.  Usage: node tools/testdata/make-test-edition.mjs

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FIXTURES = join(ROOT, "tests", "fixtures");
const EDITIONS = join(FIXTURES, "editions");

const EDITION_FORMAT = "changji-epaper/edition";
const INDEX_FORMAT = "changji-epaper/index";
const PAGE_W = 2400;
const PAGE_H = 3400;

// ---------------------------------------------------------------------------
// Output helpers

/** JSON, 2-space indented, but arrays of numbers / of number pairs on one line. */
function pretty(value, indent = "") {
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const flat = value.every(
      (v) => typeof v === "number" || (Array.isArray(v) && v.every((x) => typeof x === "number")),
    );
    if (flat) return "[" + value.map((v) => JSON.stringify(v).replaceAll(",", ", ")).join(", ") + "]";
    return "[\n" + value.map((v) => inner + pretty(v, inner)).join(",\n") + "\n" + indent + "]";
  }
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined);
    if (keys.length === 0) return "{}";
    return (
      "{\n" +
      keys.map((k) => inner + JSON.stringify(k) + ": " + pretty(value[k], inner)).join(",\n") +
      "\n" +
      indent +
      "}"
    );
  }
  return JSON.stringify(value);
}

const written = [];
function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  written.push(path.slice(ROOT.length + 1));
}
const writeJson = (path, value) => write(path, pretty(value) + "\n");

/** Small deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
const pad2 = (n) => String(n).padStart(2, "0");
const xml = (s) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

// ---------------------------------------------------------------------------
// Page grid: 6 columns x 12 rows below the page head, with 20 px gutters.
// A layout is 12 strings of 6 letters; each letter is one article on that
// page, and every 4-connected group of a letter's cells becomes one region.
// Region outlines follow the cells, inset by the gutters, so L-, U- and
// stair-shapes come out as rectilinear polygons.

const COLS = 6;
const ROWS = 12;
const GUTTER = 20;
const LEFT = 100;
const RIGHT = 2300;
const BOTTOM = 3300;

function grid(top) {
  const colW = (RIGHT - LEFT - (COLS - 1) * GUTTER) / COLS;
  const rowH = (BOTTOM - top - (ROWS - 1) * GUTTER) / ROWS;
  return {
    colStart: (c) => Math.round(LEFT + c * (colW + GUTTER)),
    colEnd: (c) => Math.round(LEFT + c * (colW + GUTTER) + colW),
    rowStart: (r) => Math.round(top + r * (rowH + GUTTER)),
    rowEnd: (r) => Math.round(top + r * (rowH + GUTTER) + rowH),
  };
}

/** The 4-connected groups of `letter` in `layout`, in reading (row-major) order. */
function components(layout, letter) {
  const seen = new Set();
  const groups = [];
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      if (layout[r][c] !== letter || seen.has(`${r},${c}`)) continue;
      const group = [];
      const stack = [[r, c]];
      seen.add(`${r},${c}`);
      while (stack.length) {
        const [y, x] = stack.pop();
        group.push([y, x]);
        for (const [dy, dx] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
          const ny = y + dy;
          const nx = x + dx;
          if (ny < 0 || ny >= ROWS || nx < 0 || nx >= COLS) continue;
          if (layout[ny][nx] !== letter || seen.has(`${ny},${nx}`)) continue;
          seen.add(`${ny},${nx}`);
          stack.push([ny, nx]);
        }
      }
      groups.push(group);
    }
  }
  return groups;
}

/**
 * Outline of a group of cells as a clockwise (on screen) polygon starting at
 * its top-left corner, in page pixels. Cells must form a simple shape: no
 * holes and no cells touching only at a corner.
 */
function outline(cells, g) {
  const has = new Set(cells.map(([r, c]) => `${r},${c}`));
  const inside = (r, c) => has.has(`${r},${c}`);
  // Directed boundary edges on the lattice, interior on the right-hand side
  // when walking clockwise on screen (y down). Each edge carries its pixel
  // coordinate: horizontal edges a y, vertical edges an x.
  const edges = new Map(); // "x,y" of start -> edge
  const add = (x0, y0, x1, y1, px) => edges.set(`${x0},${y0}`, { x0, y0, x1, y1, px });
  for (const [r, c] of cells) {
    if (!inside(r - 1, c)) add(c, r, c + 1, r, g.rowStart(r)); // top, left to right
    if (!inside(r, c + 1)) add(c + 1, r, c + 1, r + 1, g.colEnd(c)); // right, downwards
    if (!inside(r + 1, c)) add(c + 1, r + 1, c, r + 1, g.rowEnd(r)); // bottom, right to left
    if (!inside(r, c - 1)) add(c, r + 1, c, r, g.colStart(c)); // left, upwards
  }
  // Start at the top edge of the first cell in row-major order.
  const [r0, c0] = [...cells].sort((a, b) => a[0] - b[0] || a[1] - b[1])[0];
  const start = edges.get(`${c0},${r0}`);
  const chain = [];
  let e = start;
  do {
    chain.push(e);
    e = edges.get(`${e.x1},${e.y1}`);
  } while (e !== start);
  if (chain.length !== edges.size) throw new Error("shape has a hole or a corner touch");
  // Merge runs of collinear edges, then make one vertex per turn.
  const horiz = (e) => e.y0 === e.y1;
  const runs = [];
  for (const e of chain) {
    const last = runs[runs.length - 1];
    if (last && horiz(last) === horiz(e) && last.px === e.px) last.x1 = e.x1, last.y1 = e.y1;
    else runs.push({ ...e });
  }
  if (runs.length > 1 && horiz(runs[0]) === horiz(runs[runs.length - 1]) && runs[0].px === runs[runs.length - 1].px) {
    throw new Error("outline did not start at a corner");
  }
  // Vertex i is where run i-1 ends and run i begins; the first run is a top edge.
  const points = [];
  for (let i = 0; i < runs.length; i++) {
    const prev = runs[(i + runs.length - 1) % runs.length];
    const cur = runs[i];
    const [h, v] = horiz(cur) ? [cur, prev] : [prev, cur];
    points.push([v.px, h.px]);
  }
  return points;
}

// ---------------------------------------------------------------------------
// Synthetic texts

const NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const LONG_TITLES = [
  "这是一条专门用来检验标题换行效果的很长很长的测试标题，它不报道任何真实的事情，只是为了让标题足够长而一直一直地写下去，直到超过六十个字为止",
  "测试标题：一篇虚构的测试文章在这里使用了超过六十个字符的主标题，以便检查窄屏手机上标题的折行、对齐、行距和省略号是否都显示正常",
  "又一条超长测试标题，内容纯属虚构，与任何真实的人物、单位、地点和事件均无关系，仅用于检验版面热区的对齐效果和文章页面的标题排版是否正确无误",
  "第四条长标题用于测试：当标题里同时出现数字123、英文ABC和标点符号（括号、引号“”、顿号、）时，标题折行是否依然美观整齐而不会溢出屏幕",
];

function paragraph(r, page, n, para) {
  const sentence = `这是第${page}版第${n}篇测试文章的第${para}段。`;
  const extra = [
    "本段文字为合成的测试内容，不含任何真实信息。",
    "测试文字只用于检查排版、换行和滚动效果。",
    "此处没有报道任何真实的人和事。",
    "这一句用来把段落拉长到接近真实稿件的长度。",
  ];
  let text = sentence;
  const sentences = pick(r, 3, 7);
  for (let i = 0; i < sentences; i++) text += i % 2 === 0 ? extra[(para + i) % extra.length] : sentence;
  return text;
}

function makeBody(r, spec, page, n) {
  const body = [];
  switch (spec.kind) {
    case "photo": {
      const figure = {
        type: "figure",
        image: spec.figure ? { url: spec.figure, width: 1200 } : undefined,
        caption:
          `这是第${page}版第${n}篇测试图片新闻的图片说明第一段，画面内容为合成的测试图形。\n` +
          "图片说明第二段：本图不表现任何真实的人物或场景。",
        credit: "□测试摄影 甲",
      };
      body.push(figure);
      break;
    }
    case "advertisement":
      body.push({ type: "paragraph", text: `这是第${page}版第${n}篇测试广告，不推销任何商品或服务。` });
      body.push({ type: "paragraph", text: "测试广告联系方式：无。本广告为合成的测试数据。" });
      break;
    case "notice":
      body.push({ type: "paragraph", text: `这是第${page}版第${n}篇测试公告的正文。本公告为测试数据，无需办理任何事项。` });
      body.push({ type: "paragraph", text: "特此测试。" });
      body.push({ type: "paragraph", text: "测试单位（虚构）\n2000年1月" });
      break;
    default: {
      const paras = spec.long ? pick(r, 10, 14) : pick(r, 3, 7);
      const subheadEvery = spec.subheads ? Math.ceil(paras / 3) : 0;
      let sub = 0;
      for (let p = 1; p <= paras; p++) {
        if (subheadEvery && (p - 1) % subheadEvery === 0) {
          sub += 1;
          body.push({ type: "subhead", text: `测试小标题${NUMERALS[sub] ?? sub}` });
        }
        body.push({ type: "paragraph", text: paragraph(r, page, n, p) });
      }
      if (spec.figureInNews) {
        body.splice(2, 0, {
          type: "figure",
          image: { url: spec.figureInNews, width: 1200 },
          caption: `第${page}版第${n}篇测试文章的配图说明，图为合成的测试图形。`,
          credit: "□测试摄影 乙",
        });
      }
    }
  }
  return body;
}

// ---------------------------------------------------------------------------
// The main test edition: 2000-01-03, 8 pages.

// Per page: section, layout, and per letter an article spec. `cont: "p02:E"`
// makes the letter more regions of an article defined on an earlier page.
const MAIN_PAGES = [
  {
    section: "要闻",
    layout: [
      "AAAAAA",
      "AAAAAA",
      "AAAABB",
      "CCCCBB",
      "CCCCBB",
      "CCCCBB",
      "DDEEEE",
      "DDEEEE",
      "DDEEEE",
      "DDFFGG",
      "DDFFGG",
      "HHHHGG",
    ],
    articles: {
      A: { kind: "news", longTitle: 0, kicker: true, subtitle: true, byline: true, dateline: true, long: true, subheads: true, column: "测试栏目" },
      B: { kind: "news", byline: true, dateline: true },
      C: { kind: "news", kicker: true, dateline: true, subheads: true, long: true, figureInNews: "figure-01-03.svg" },
      D: { kind: "news", byline: true },
      E: { kind: "news", subtitle: true, dateline: true },
      F: { kind: "photo", figure: "figure-01-06.svg" },
      G: { kind: "other", title: "测试天气栏" },
      H: { kind: "notice", title: "测试公告" },
    },
  },
  {
    section: "综合",
    layout: [
      "AAABBB",
      "AAABBB",
      "AAABBB",
      "CCCCCC",
      "CDDDDC",
      "CDDDDC",
      "EEEFFF",
      "EEEFFF",
      "EEGGGG",
      "EEGGGG",
      "EEHHHH",
      "EEHHHH",
    ],
    articles: {
      A: { kind: "news", dateline: true, byline: true },
      B: { kind: "news", kicker: true },
      C: { kind: "news", longTitle: 1, byline: true, dateline: true },
      D: { kind: "photo", figure: "figure-02-04.svg" },
      E: { kind: "news", title: "跨版测试文章（转第03版）", kicker: true, subtitle: true, byline: true, dateline: true, long: true, subheads: true },
      F: { kind: "news" },
      G: { kind: "news", byline: true },
      H: { kind: "advertisement", title: "测试广告一" },
    },
  },
  {
    section: "经济",
    layout: [
      "XXAAAA",
      "XXAAAA",
      "XXAAAA",
      "BBBCCC",
      "BBBCCC",
      "BBBCCC",
      "DDDDDD",
      "DDDDDD",
      "EEFFBB",
      "EEFFBB",
      "EEFFBB",
      "GGGGGG",
    ],
    articles: {
      X: { cont: "p02:E" },
      A: { kind: "news", dateline: true, column: "测试经济栏目" },
      B: { kind: "news", title: "两块区域的测试文章（下接本版右下）", byline: true, long: true },
      C: { kind: "news", subtitle: true },
      D: { kind: "news", kicker: true, subheads: true, long: true },
      E: { kind: "news" },
      F: { kind: "photo" },
      G: { kind: "notice", title: "测试启事" },
    },
  },
  {
    section: "民生",
    layout: [
      "AAAABB",
      "AAAABB",
      "AACCBB",
      "AACCCC",
      "AACCCC",
      "DDDDEE",
      "DDDDEE",
      "FFDDEE",
      "FFDDGG",
      "FFHHGG",
      "FFHHGG",
      "FFHHGG",
    ],
    articles: {
      A: { kind: "news", longTitle: 2, kicker: true, byline: true, dateline: true, long: true, subheads: true },
      B: { kind: "news" },
      C: { kind: "news", dateline: true },
      D: { kind: "news", subtitle: true, byline: true },
      E: { kind: "photo", figure: "figure-04-05.svg" },
      F: { kind: "news", dateline: true },
      G: { kind: "news" },
      H: { kind: "notice", title: "测试通知" },
    },
  },
  {
    section: "文化",
    layout: [
      "AAAAAA",
      "AAAAAA",
      "BBBCCC",
      "BBBCCC",
      "BBBCCC",
      "BBBCCC",
      "DDDEEE",
      "DDDDEE",
      "DDDDDE",
      "FFGGHH",
      "FFGGHH",
      "FFGGHH",
    ],
    // B and C share a slanted edge: both become trapezoids.
    slant: { left: "B", right: "C", by: 120 },
    articles: {
      A: { kind: "photo", figure: "figure-05-01.svg", title: "测试图片新闻：通栏大图" },
      B: { kind: "news", title: "梯形区域测试文章（左）", byline: true },
      C: { kind: "news", title: "梯形区域测试文章（右）", dateline: true },
      D: { kind: "news", title: "阶梯形区域测试文章（八个顶点）", kicker: true, subheads: true, long: true },
      E: { kind: "news", title: "倒阶梯形区域测试文章" },
      F: { kind: "news", byline: true },
      G: { kind: "news" },
      H: { kind: "other", title: "测试文化副刊小栏" },
    },
  },
  {
    section: "社会",
    layout: [
      "AAAAAA",
      "AAAAAA",
      "AAAAAA",
      "BBCCDD",
      "BBCCDD",
      "BBCCDD",
      "EEEEEE",
      "EEEEEE",
      "FFGGGG",
      "FFGGGG",
      "FFHHHH",
      "FFHHHH",
    ],
    articles: {
      A: { kind: "photo", title: "测试组图（图片暂缺）" },
      B: { kind: "news", dateline: true },
      C: { kind: "news", byline: true },
      D: { kind: "news" },
      E: { kind: "news", longTitle: 3, subtitle: true, byline: true, dateline: true, long: true, subheads: true },
      F: { kind: "news", kicker: true },
      G: { kind: "news" },
      H: { kind: "notice", title: "测试声明" },
    },
  },
  {
    section: "广告",
    layout: [
      "AAAAAA",
      "AAAAAA",
      "AAAAAA",
      "BBBBCC",
      "BBBBCC",
      "DDDDCC",
      "DDDDCC",
      "EEEEEE",
      "EEEEEE",
      "FFFGGG",
      "FFFGGG",
      "FFFGGG",
    ],
    articles: {
      A: { kind: "advertisement", title: "测试广告二" },
      B: { kind: "advertisement", title: "测试广告三" },
      C: { kind: "notice", title: "测试遗失声明" },
      D: { kind: "advertisement", title: "测试广告四" },
      E: { kind: "notice", title: "测试招聘启事（虚构）" },
      F: { kind: "advertisement", title: "测试广告五" },
      G: { kind: "other", title: "测试分类信息" },
    },
  },
  {
    section: "副刊",
    noImages: true,
    layout: [
      "AAABBB",
      "AAABBB",
      "AAABBB",
      "AAABBB",
      "CCCCCC",
      "CCCCCC",
      "CCCCCC",
      "CCCCCC",
      "DDEEFF",
      "DDEEFF",
      "DDEEFF",
      "DDEEFF",
    ],
    articles: {
      A: { kind: "news", title: "无页面图片版面的测试散文", byline: true, long: true },
      B: { kind: "news", title: "无页面图片版面的测试随笔", byline: true },
      C: { kind: "news", kicker: true, subtitle: true, subheads: true, long: true },
      D: { kind: "photo" },
      E: { kind: "news" },
      F: { kind: "advertisement", title: "测试广告六" },
    },
  },
];

const SMALL_PAGES = [
  {
    section: "要闻",
    layout: [
      "AAAAAA",
      "AAAAAA",
      "AAAAAA",
      "AAAAAA",
      "AAAAAA",
      "AAAAAA",
      "AAABBB",
      "AAABBB",
      "AAABBB",
      "AAABBB",
      "AAABBB",
      "AAABBB",
    ],
    articles: {
      A: { kind: "news", kicker: true, byline: true, dateline: true, subheads: true, long: true },
      B: { kind: "photo", figure: "figure-01-02.svg" },
    },
  },
  {
    section: "综合",
    layout: [
      "AAAAAA",
      "AAAAAA",
      "AAAAAA",
      "AAAAAA",
      "AAAAAA",
      "AAAAAA",
      "AAAAAA",
      "AAAAAA",
      "BBBBBB",
      "BBBBBB",
      "BBBBBB",
      "BBBBBB",
    ],
    articles: {
      A: { kind: "news", dateline: true },
      B: { kind: "notice", title: "测试公告" },
    },
  },
];

const KIND_NAME = { news: "测试文章", photo: "测试图片新闻", notice: "测试公告", advertisement: "测试广告", other: "测试栏目" };

function buildEdition({ date, weekday, lunar, issue, pages: pageSpecs, seed }) {
  const r = rng(seed);
  const pages = [];
  const articles = [];
  const byKey = new Map(); // "p02:E" -> article
  const firstRegionOf = new Map(); // article -> its first region (for the SVG label)
  const onPage = []; // per page: [{article, regions, cont}]

  pageSpecs.forEach((spec, i) => {
    const number = i + 1;
    const g = grid(number === 1 ? 560 : 260);
    const page = {
      number,
      label: `第${pad2(number)}版`,
      section: spec.section,
      width: PAGE_W,
      height: PAGE_H,
      images: spec.noImages ? [] : [{ url: `page-${pad2(number)}.svg`, width: PAGE_W }],
      thumbnail: spec.noImages ? undefined : { url: `page-${pad2(number)}.svg`, width: 200 },
    };
    pages.push(page);
    const placed = [];
    let n = 0;
    for (const letter of Object.keys(spec.articles)) {
      const a = spec.articles[letter];
      const regions = components(spec.layout, letter).map((cells) => ({ page: number, points: outline(cells, g) }));
      if (regions.length === 0) throw new Error(`page ${number}: letter ${letter} not in layout`);
      if (a.cont) {
        const article = byKey.get(a.cont);
        article.regions.push(...regions);
        placed.push({ article, regions, cont: true });
        continue;
      }
      n += 1;
      const title =
        a.longTitle !== undefined
          ? LONG_TITLES[a.longTitle]
          : a.title ?? `第${number}版第${n}篇${KIND_NAME[a.kind]}的标题`;
      const article = {
        id: `p${pad2(number)}-${pad2(n)}`,
        kind: a.kind,
        column: a.column,
        kicker: a.kicker ? `测试引题：第${number}版第${n}篇` : undefined,
        title: `【测试】${title}`,
        subtitle: a.subtitle ? `——测试副题，第${number}版第${n}篇` : undefined,
        byline: a.byline ? `□测试记者 甲 测试通讯员 乙` : undefined,
        dateline: a.dateline ? "本报讯" : undefined,
        body: makeBody(r, a, number, n),
        regions: [...regions], // a continuation on a later page adds to this copy
      };
      if (a.kind === "photo" && a.figure === undefined) {
        // Photo not available: the figure has no image, only the caption.
        delete article.body[0].image;
      }
      byKey.set(`p${pad2(number)}:${letter}`, article);
      articles.push(article);
      placed.push({ article, regions, cont: false });
    }
    if (spec.slant) {
      const left = byKey.get(`p${pad2(number)}:${spec.slant.left}`).regions[0].points;
      const right = byKey.get(`p${pad2(number)}:${spec.slant.right}`).regions[0].points;
      const lx = Math.max(...left.map((p) => p[0]));
      const rx = Math.min(...right.map((p) => p[0]));
      const top = Math.min(...left.map((p) => p[1]));
      for (const p of left) if (p[0] === lx) p[0] += p[1] === top ? spec.slant.by : -spec.slant.by;
      for (const p of right) if (p[0] === rx) p[0] += p[1] === top ? spec.slant.by : -spec.slant.by;
    }
    onPage.push(placed);
  });

  const edition = {
    format: EDITION_FORMAT,
    version: 1,
    test_data: true,
    facsimile: {
      source: "typeset-reproduction",
      note: "测试数据：本期为自动生成的合成测试版面，页面图片只是标出文章区域的示意图，内容纯属虚构，不是真实报纸。",
    },
    publication: {
      name: "昌吉日报",
      latin_name: "TEST EDITION",
      sponsor: "测试数据（虚构主办单位）",
      publisher: "测试数据（虚构出版单位）",
      serial_number: "CN 00—0000（测试）",
      postal_code: "00—000（测试）",
      website: "https://example.invalid/",
      email: "test@example.invalid",
      news_hotline: "0000000（测试）",
      imprint: ["□本报地址:测试地址（虚构）", "□本期为测试数据，不是真实出版物", "□编辑/测试甲 □版式/测试乙 □审校/测试丙"],
    },
    date,
    weekday,
    lunar_date: lunar,
    issue_number: issue,
    printed_pages: pageSpecs.length,
    pages,
    articles,
    reading_order: articles.map((a) => a.id), // created page by page, in reading order
  };
  return { edition, onPage };
}

// ---------------------------------------------------------------------------
// SVG pictures

function pageSvg(edition, page, placed) {
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${PAGE_W} ${PAGE_H}" width="${PAGE_W}" height="${PAGE_H}" font-family="Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif">`);
  out.push(`<rect width="${PAGE_W}" height="${PAGE_H}" fill="#fff"/>`);
  const head = `测试版 ${page.label} ${page.section}`;
  if (page.number === 1) {
    out.push(`<text x="1200" y="250" font-size="200" text-anchor="middle" fill="#b00">昌吉日报（测试版）</text>`);
    out.push(`<text x="1200" y="360" font-size="56" text-anchor="middle" fill="#333">${xml(head)} · ${edition.date} ${edition.weekday} · 测试数据，不是真实报纸</text>`);
    out.push(`<line x1="100" y1="480" x2="2300" y2="480" stroke="#b00" stroke-width="8"/>`);
  } else {
    out.push(`<text x="100" y="150" font-size="80" fill="#b00">${xml(head)}</text>`);
    out.push(`<text x="2300" y="150" font-size="48" text-anchor="end" fill="#333">昌吉日报（测试版） ${edition.date}</text>`);
    out.push(`<line x1="100" y1="200" x2="2300" y2="200" stroke="#b00" stroke-width="6"/>`);
  }
  for (const { regions } of placed) {
    for (const region of regions) {
      const pts = region.points.map(([x, y]) => `${x},${y}`).join(" ");
      out.push(`<polygon points="${pts}" fill="#e4e4e4" stroke="#999" stroke-width="4"/>`);
    }
  }
  // Each region gets its article's title at its top: the first point of a
  // region is its top-left corner, the second its top-right one. Regions after
  // an article's first are marked （续） and numbered.
  for (const { article, regions } of placed) {
    for (const region of regions) {
      const [[x0, y0], [x1]] = region.points;
      const at = article.regions.indexOf(region);
      const label =
        (at === 0 ? article.title : `（续）${article.title}`) +
        (article.regions.length > 1 ? `〔${at + 1}/${article.regions.length}〕` : "");
      const size = 44;
      const perLine = Math.max(1, Math.floor((x1 - x0 - 60) / size));
      const lines = [];
      for (let i = 0; i < label.length && lines.length < 3; i += perLine) lines.push(label.slice(i, i + perLine));
      if (lines.length * perLine < label.length) lines[2] = lines[2].slice(0, -1) + "…";
      lines.forEach((line, i) => {
        out.push(`<text x="${x0 + 20}" y="${y0 + 16 + Math.round(size * 1.25 * (i + 1))}" font-size="${size}" fill="#000">${xml(line)}</text>`);
      });
      out.push(`<text x="${x0 + 20}" y="${y0 + 16 + Math.round(size * 1.25 * lines.length) + 44}" font-size="30" fill="#666">${article.id} ${article.kind}</text>`);
    }
  }
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

function figureSvg(label) {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 800" width="1200" height="800" font-family="Noto Sans CJK SC, sans-serif">`,
    `<rect width="1200" height="800" fill="#cfd8dc"/>`,
    `<path d="M0 800 L380 360 L620 600 L860 300 L1200 800 Z" fill="#90a4ae"/>`,
    `<circle cx="960" cy="180" r="80" fill="#eceff1"/>`,
    `<text x="600" y="120" font-size="64" text-anchor="middle" fill="#263238">测试图片 ${xml(label)}</text>`,
    `</svg>`,
    "",
  ].join("\n");
}

function writeEdition(dir, built) {
  const { edition, onPage } = built;
  rmSync(dir, { recursive: true, force: true });
  writeJson(join(dir, "edition.json"), edition);
  edition.pages.forEach((page, i) => {
    if (page.images.length) write(join(dir, page.images[0].url), pageSvg(edition, page, onPage[i]));
  });
  for (const article of edition.articles) {
    for (const block of article.body) {
      if (block.type === "figure" && block.image) write(join(dir, block.image.url), figureSvg(article.id));
    }
  }
}

const main = buildEdition({
  date: "2000-01-03",
  weekday: "星期一",
  lunar: "己卯年十一月廿七",
  issue: 2,
  pages: MAIN_PAGES,
  seed: 20000103,
});
const small = buildEdition({
  date: "2000-01-01",
  weekday: "星期六",
  lunar: "己卯年十一月廿五",
  issue: 1,
  pages: SMALL_PAGES,
  seed: 20000101,
});
writeEdition(join(EDITIONS, "2000-01-03"), main);
writeEdition(join(EDITIONS, "2000-01-01"), small);

const entry = (e) => ({
  date: e.date,
  issue_number: e.issue_number,
  url: `${e.date}/edition.json`,
  thumbnail: `${e.date}/${e.pages[0].thumbnail.url}`,
  page_images: [`${e.date}/${e.pages[0].images[0].url}`],
});
writeJson(join(EDITIONS, "index.json"), {
  format: INDEX_FORMAT,
  version: 1,
  publication: "昌吉日报",
  latest: main.edition.date,
  editions: [entry(main.edition), entry(small.edition)],
});

// ---------------------------------------------------------------------------
// Minimal valid files and one invalid file per rule.

const rect = (x0, y0, x1, y1) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const MINIMAL = {
  format: EDITION_FORMAT,
  version: 1,
  test_data: true,
  facsimile: { source: "typeset-reproduction", note: "测试数据" },
  publication: { name: "昌吉日报" },
  date: "2000-01-02",
  weekday: "星期日",
  issue_number: 12257,
  printed_pages: 8,
  pages: [
    {
      number: 1,
      label: "第01版",
      section: "要闻",
      width: 2400,
      height: 3400,
      images: [{ url: "p1.jpg", width: 2400 }],
    },
  ],
  articles: [
    {
      id: "a1",
      kind: "news",
      title: "【测试】最小测试版面的第一篇文章",
      body: [{ type: "paragraph", text: "这是最小测试版面第1篇测试文章的第1段。" }],
      regions: [{ page: 1, points: rect(100, 300, 2300, 1700) }],
    },
    {
      id: "a2",
      kind: "notice",
      title: "【测试】最小测试版面的第二篇文章",
      body: [{ type: "paragraph", text: "这是最小测试版面第2篇测试文章的第1段。" }],
      regions: [{ page: 1, points: rect(100, 1800, 2300, 3300) }],
    },
  ],
  reading_order: ["a1", "a2"],
};
const MINIMAL_INDEX = {
  format: INDEX_FORMAT,
  version: 1,
  publication: "昌吉日报",
  latest: "2000-01-02",
  editions: [
    {
      date: "2000-01-02",
      issue_number: 12257,
      url: "2000-01-02/edition.json",
      thumbnail: "2000-01-02/p1-thumb.jpg",
      page_images: ["2000-01-02/p1.jpg"],
    },
    { date: "2000-01-01", issue_number: 12256, url: "2000-01-01/edition.json" },
  ],
};
writeJson(join(FIXTURES, "valid", "minimal.json"), MINIMAL);
writeJson(join(FIXTURES, "valid", "index.json"), MINIMAL_INDEX);
// Editors on Windows save UTF-8 with a byte-order mark: that is still UTF-8.
write(join(FIXTURES, "valid", "minimal-bom.json"), "\ufeff" + pretty(MINIMAL) + "\n");

const expected = [];
function invalid(file, kind, code, path, change, message) {
  const doc = structuredClone(kind === "edition" ? MINIMAL : MINIMAL_INDEX);
  const text = change(doc) ?? pretty(doc) + "\n";
  write(join(FIXTURES, "invalid", file), text);
  expected.push(message ? { file, kind, code, path, message } : { file, kind, code, path });
}

/** GBK bytes of `text`, from the GBK decoder every Node with ICU has (no table to ship). */
function toGbk(text) {
  const decoder = new TextDecoder("gbk");
  const table = new Map();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes = [];
  for (const ch of text) {
    if (ch.codePointAt(0) < 0x80) bytes.push(ch.codePointAt(0));
    else if (table.has(ch)) bytes.push(...table.get(ch));
    else throw new Error(`no GBK code for ${ch}`);
  }
  return Buffer.from(bytes);
}
const E = "edition";
const I = "index";

invalid("syntax.json", E, "syntax", "$", (d) => {
  const full = pretty(d);
  return full.slice(0, full.indexOf('"articles"')) + "\n"; // truncated mid-object
});
invalid("type-wrong-type.json", E, "type", "$.issue_number", (d) => {
  d.issue_number = String(d.issue_number);
});
invalid("type-missing-field.json", E, "type", "$.articles[0]", (d) => {
  delete d.articles[0].title;
});
invalid("format.json", E, "format", "$.format", (d) => {
  d.format = INDEX_FORMAT;
});
invalid("version.json", E, "version", "$.version", (d) => {
  d.version = 2;
});
invalid("date.json", E, "date", "$.date", (d) => {
  d.date = "2025-13-45";
});
invalid("no-pages.json", E, "no-pages", "$.pages", (d) => {
  d.pages = [];
});
invalid("page-number-duplicate.json", E, "page-number", "$.pages[1].number", (d) => {
  d.pages.push({ ...structuredClone(d.pages[0]), label: "第02版", images: [{ url: "p2.jpg", width: 2400 }] });
});
invalid("page-number-over-printed.json", E, "page-number", "$.pages[0].number", (d) => {
  // Regions move along to page 9 so that only the page number is wrong.
  d.pages[0].number = 9;
  d.pages[0].label = "第09版";
  for (const a of d.articles) for (const r of a.regions) r.page = 9;
});
invalid("page-number-order.json", E, "page-number", "$.pages[1].number", (d) => {
  // Pages must come in ascending order: here 第02版 is listed before 第01版.
  d.pages.unshift({ ...structuredClone(d.pages[0]), number: 2, label: "第02版", images: [{ url: "p2.jpg", width: 2400 }] });
});
invalid("image-width.json", E, "image-width", "$.pages[0].images[0].width", (d) => {
  d.pages[0].images[0].width = 0;
});
invalid("page-size.json", E, "page-size", "$.pages[0].width", (d) => {
  d.pages[0].width = 0;
});
invalid("url-scheme-image.json", E, "url-scheme", "$.pages[0].images[0].url", (d) => {
  d.pages[0].images[0].url = "javascript:alert(1)";
});
invalid("url-scheme-thumbnail.json", E, "url-scheme", "$.pages[0].thumbnail.url", (d) => {
  d.pages[0].thumbnail = { url: "data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E", width: 200 };
});
invalid("url-scheme-pdf.json", E, "url-scheme", "$.pages[0].pdf", (d) => {
  d.pages[0].pdf = "http://example.invalid/p1.pdf";
});
invalid("url-scheme-figure.json", E, "url-scheme", "$.articles[0].body[0].image.url", (d) => {
  d.articles[0].body[0] = {
    type: "figure",
    image: { url: "//evil.example/x.jpg", width: 1200 },
    caption: "这是最小测试版面的测试图片说明。",
  };
});
invalid("duplicate-id.json", E, "duplicate-id", "$.articles[1].id", (d) => {
  // reading_order lists the one id once, so that only the duplicate is wrong.
  d.articles[1].id = "a1";
  d.reading_order = ["a1"];
});
invalid("article-id.json", E, "article-id", "$.articles[0].id", (d) => {
  d.articles[0].id = "头条 1";
  d.reading_order[0] = "头条 1";
});
invalid("empty-title.json", E, "empty-title", "$.articles[0].title", (d) => {
  d.articles[0].title = "  ";
});
invalid("no-regions.json", E, "no-regions", "$.articles[0].regions", (d) => {
  d.articles[0].regions = [];
});
invalid("region-page.json", E, "region-page", "$.articles[0].regions[0].page", (d) => {
  d.articles[0].regions[0].page = 5;
});
invalid("region-points.json", E, "region-points", "$.articles[0].regions[0].points", (d) => {
  d.articles[0].regions[0].points = [[100, 300], [2300, 1700]];
});
invalid("region-outside.json", E, "region-outside", "$.articles[0].regions[0].points[1]", (d) => {
  d.articles[0].regions[0].points[1] = [2450, 300];
});
invalid("region-area.json", E, "region-area", "$.articles[0].regions[0].points", (d) => {
  d.articles[0].regions[0].points = [[100, 300], [1200, 300], [2300, 300]];
});
invalid("reading-order-missing.json", E, "reading-order-missing", "$.reading_order", (d) => {
  d.reading_order = ["a1"];
});
invalid("reading-order-unknown.json", E, "reading-order-unknown", "$.reading_order[1]", (d) => {
  d.reading_order = ["a1", "nope", "a2"];
});
invalid("reading-order-duplicate.json", E, "reading-order-duplicate", "$.reading_order[1]", (d) => {
  d.reading_order = ["a1", "a1", "a2"];
});
invalid("empty-text.json", E, "empty-text", "$.articles[0].body[0].text", (d) => {
  d.articles[0].body[0].text = "";
});
invalid("limit.json", E, "limit", "$.articles[0].body[0].text", (d) => {
  d.articles[0].body[0].text = "这是超长段落测试。".repeat(2250); // 20250 characters, 60750 bytes
});
invalid("index-format.json", I, "index-format", "$.format", (d) => {
  d.format = EDITION_FORMAT;
});
invalid("index-latest.json", I, "index-latest", "$.latest", (d) => {
  d.latest = "2000-01-05";
});
invalid("index-duplicate-date.json", I, "index-duplicate-date", "$.editions[1].date", (d) => {
  d.editions[1].date = d.editions[0].date;
});
invalid("index-url-scheme.json", I, "url-scheme", "$.editions[0].url", (d) => {
  d.editions[0].url = "javascript:x";
});
invalid("index-date.json", I, "date", "$.editions[0].date", (d) => {
  d.editions[0].date = "2000-13-45";
});
invalid("index-version.json", I, "version", "$.version", (d) => {
  d.version = 2;
});
invalid("index-no-editions.json", I, "no-editions", "$.editions", (d) => {
  d.editions = [];
});

// Issue 14, hostile editions: limits, encoding, version, cross-file rules.
invalid("limit-count.json", E, "limit", "$.reading_order", (d) => {
  d.reading_order = [...d.reading_order, ...Array(1999).fill("a1")]; // 2001 entries
});
invalid("limit-weekday.json", E, "limit", "$.weekday", (d) => {
  d.weekday = "星期日".repeat(4); // 12 characters, limit 10
});
invalid("limit-title.json", E, "limit", "$.articles[0].title", (d) => {
  d.articles[0].title = "【测试】" + "W".repeat(200); // 204 characters without a break, limit 200
});
invalid("encoding-gbk.json", E, "encoding", "$", (d) => toGbk(pretty(d) + "\n"));
invalid("version-type.json", E, "version", "$.version", (d) => {
  // A later format version that changed a type: the version is what to report.
  d.version = 2;
  d.issue_number = "12257";
});
invalid("version-huge.json", E, "version", "$.version", (d) => {
  d.version = 4294967296;
});
invalid("facsimile-source.json", E, "facsimile-source", "$.facsimile.source", (d) => {
  d.facsimile.source = "photo";
});
invalid("empty-title-invisible.json", E, "empty-title", "$.articles[0].title", (d) => {
  d.articles[0].title = "\u200b\u2060\ufeff\u200d";
});
invalid("region-area-bowtie.json", E, "region-area", "$.articles[0].regions[0].points", (d) => {
  d.articles[0].regions[0].points = [[100, 300], [2300, 1700], [2300, 300], [100, 1700]];
}, "自相交");
invalid("index-csp-blocked.json", "index-warnings", "csp-blocked", "$.editions[1].url", (d) => {
  d.editions[1].url = "https://other.example/2000-01-01/edition.json";
});
invalid("index-edition-date.json", "site", "index-edition-date", "$.editions[0].date", (d) => {
  // Entries point at real fixture files; the first is dated 2000-01-02 inside.
  d.latest = "2000-01-03";
  d.editions = [{ date: "2000-01-03", issue_number: 12257, url: "../valid/minimal.json" }];
});
writeJson(join(FIXTURES, "invalid", "expected.json"), expected);

for (const f of written) console.log(f);
