#!/usr/bin/env node
// Prints a SYNTHETIC two-page test edition to PDFs for tests/make_edition.rs,
// with a layout unlike the sample's: the lead story runs from page 1 on to
// page 2, a photo story, a story with subheads, a notice, a story with a
// figure inside, an advertisement. The printed text differs from the draft the
// way press PDFs do: full-width punctuation, spaces around numbers, a word
// hyphenated at a line end, and one typo present only in print.
//
// Writes (committed; the test never runs this script):
//   tests/fixtures/pdf/multi/page-01.pdf, page-02.pdf   the pages as printed
//   tests/fixtures/pdf/multi/draft.json                  the draft (no regions)
//   tests/fixtures/pdf/multi/expected.json               regions measured here
//   tests/fixtures/pdf/multi.chars.json                  where each character stands
//   tests/fixtures/pdf/errors/*                          one fixture per failure
//
// Everything is test data made up here (test_data: true, titles 【测试】).
// Needs playwright-core, /usr/bin/chromium, fonts-noto-cjk, and qpdf (Debian)
// for the encrypted and two-page fixtures.  Usage: node tools/testdata/print-test-pdfs.mjs

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { characterRuns, printPdf } from '../typeset/print.mjs';
import { articleRects, startTopLeft, unionPolygons } from '../typeset/regions.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'tests', 'fixtures', 'pdf');
const PAGE_W = 1000; // CSS px
const PAGE_H = 1400;
const SCALE = 2.4; // master px per CSS px: 2400 px wide
const PAD = 4; // CSS px around an article's text, as the typesetter pads

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

// Neutral made-up words: sentences are random strings of them, so every
// story has its own character sequences, as real stories do.
const WORDS = ('测试 样例 合成 虚构 模拟 示例 排版 栏目 段落 文字 版面 热区 坐标 区域 标题 行距 字号 列宽 页边 图片 ' +
  '说明 署名 引题 副题 电头 转版 检验 匹配 提取 定位 归并 轮廓 顶点 矩形 阅读 顺序 链接 页码 程序 工具 数据 格式 ' +
  '字段 规则 检查 报告 时间 速度 尺寸 压缩 质量 字体 字符 标点 空格 更正 窗口 屏幕 手机 平板 桌面 缩放 拖动 翻页 ' +
  '点击 返回 目录 往期 缩略 母版 像素 多边 线条 边框 颜色 灰度 纸张 油墨 印刷 夜班 编辑 校对 发排 清样').split(' ');
const JOIN = ['的', '与', '和', '在', '对', '把', '将', '从'];

function sentence(r) {
  const n = 3 + Math.floor(r() * 4);
  let s = '';
  for (let i = 0; i < n; i++) {
    s += WORDS[Math.floor(r() * WORDS.length)];
    if (i < n - 1) s += r() < 0.5 ? JOIN[Math.floor(r() * JOIN.length)] : '';
  }
  return s;
}

/** A paragraph as the draft has it (half-width punctuation). */
function paragraph(r, sentences) {
  let p = '';
  for (let i = 0; i < sentences; i++) {
    p += sentence(r) + (r() < 0.5 ? ',' : '') + sentence(r) + (i % 4 === 3 ? '(测试)' : '') + '。';
  }
  return p;
}

/** The same text as the layout system prints it. */
function printed(text) {
  return text
    .replaceAll(',', '，').replaceAll('(', '（').replaceAll(')', '）').replaceAll(':', '：')
    .replace(/(\d+)/g, ' $1 ')
    .replace('TYPESETTINGPROCESSCHECK', 'TYPE\u00adSET\u00adTING\u00adPRO\u00adCESS\u00adCHECK');
}

const r = rng(20000105);
const P = (n) => Array.from({ length: n }, () => ({ type: 'paragraph', text: paragraph(r, 3 + Math.floor(r() * 3)) }));
const lead = [...P(6)];
lead.splice(3, 0, { type: 'subhead', text: '测试小标题：版面与区域' });
const withLatin = P(4);
withLatin[1].text = `在 TYPESETTINGPROCESSCHECK 测试中,${withLatin[1].text}`;

const articles = [
  { id: 'lead', kind: 'news', column: '测试栏目', kicker: '【测试】这是一条跨版稿件的引题', title: '【测试】跨版头条：从第1版转到第2版',
    subtitle: '——副题：合成文字，只用于检验区域定位', byline: '□测试记者 甲', dateline: '本报讯', body: [...lead, ...P(6)] },
  { id: 'photo', kind: 'photo', title: '【测试】图片新闻的标题', body: [
    { type: 'figure', image: null, caption: `这是图片说明的第一段,${sentence(r)}。\n第二段:${sentence(r)},${sentence(r)}。`, credit: '□测试摄影 乙' }] },
  { id: 'subheads', kind: 'news', title: '【测试】带小标题的稿件', byline: '□测试通讯员 丙', body: [
    ...P(2), { type: 'subhead', text: '一、测试小标题' }, ...P(2), { type: 'subhead', text: '二、另一个小标题' }, ...P(1)] },
  { id: 'notice', kind: 'notice', title: '【测试】测试公告', body: [
    { type: 'paragraph', text: `本公告为合成的测试数据,${sentence(r)},无需办理任何事项。` },
    { type: 'paragraph', text: '特此公告。' }] },
  { id: 'figure-story', kind: 'news', kicker: '【测试】稿件中的图片', title: '【测试】配图稿件', dateline: '本报讯', body: [
    withLatin[0], { type: 'figure', image: null, caption: `配图说明:${sentence(r)},${sentence(r)}。`, credit: '□测试摄影 丁' },
    ...withLatin.slice(1)] },
  { id: 'advert', kind: 'advertisement', title: '【测试】测试广告', body: [
    { type: 'paragraph', text: `测试广告不推销任何商品或服务。${sentence(r)}。` },
    { type: 'paragraph', text: '联系方式:无(测试数据)。' }] },
];
// One typo, in print only: the draft was corrected after the page went out.
const TYPO = { id: 'subheads', block: 1, from: '的', to: '地' };

const draft = {
  format: 'changji-epaper/edition',
  version: 1,
  test_data: true,
  facsimile: { source: 'press-pdf', note: '测试数据：自动生成的合成版面，内容纯属虚构，不是真实报纸。' },
  publication: {
    name: '昌吉日报', latin_name: 'TEST EDITION', sponsor: '测试数据（虚构主办单位）', publisher: '测试数据（虚构出版单位）',
    imprint: ['□本期为测试数据，不是真实出版物'],
  },
  date: '2000-01-05', weekday: '星期三', lunar_date: null, issue_number: 1, printed_pages: 2,
  pages: [{ number: 1, label: '第01版', section: '要闻' }, { number: 2, label: '第02版', section: '综合' }],
  articles,
  reading_order: articles.map((a) => a.id),
};

// Where the lead breaks: page 1 takes its head and the first 5 blocks plus
// half of the sixth; page 2 the rest.
const SPLIT = 5;

const CSS = `
* { box-sizing: border-box; margin: 0; padding: 0; }
body { width: ${PAGE_W}px; background: #fff; }
#page { width: ${PAGE_W}px; height: ${PAGE_H}px; position: relative; overflow: hidden; background: #fff; color: #111;
  padding: 20px 36px; font-family: "Noto Serif CJK SC", serif; display: flex; flex-direction: column; }
.pagehead { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 3px solid #1f4e8c;
  padding-bottom: 6px; margin-bottom: 16px; font: 700 22px/1.3 "Noto Sans CJK SC", sans-serif; color: #1f4e8c; }
.pagehead span { font: 400 13px/1.3 "Noto Sans CJK SC", sans-serif; color: #333; }
.grid { display: flex; gap: 0; flex: 1 1 auto; }
.stack { display: flex; flex-direction: column; }
.stack + .stack { border-left: 1px solid #777; margin-left: 14px; padding-left: 14px; }
.art { display: flex; flex-direction: column; }
.art + .art { border-top: 1px solid #777; margin-top: 18px; padding-top: 18px; }
.head { display: flex; flex-direction: column; align-items: flex-start; margin-bottom: 10px; }
.colname { font: 700 13px/1 "Noto Sans CJK SC", sans-serif; color: #fff; background: #1f4e8c; padding: 4px 10px; margin-bottom: 6px; }
.kicker { font: 400 16px/1.4 "Noto Sans CJK SC", sans-serif; }
.title { font: 700 26px/1.3 "Noto Sans CJK SC", sans-serif; white-space: nowrap; }
.small .title { font-size: 19px; }
.subtitle { font: 400 14px/1.5 "Noto Sans CJK SC", sans-serif; }
.byline { font: 700 12px/1.6 "Noto Sans CJK SC", sans-serif; }
.cols { column-gap: 16px; column-fill: balance; orphans: 1; widows: 1; hyphens: manual; }
.cols p { font: 400 11px/17px "Noto Serif CJK SC", serif; text-align: justify; text-indent: 2em; }
.cols .dateline { font: 700 11px/17px "Noto Sans CJK SC", sans-serif; margin-right: 0.5em; }
.cols .subhead { font: 700 12px/1.5 "Noto Sans CJK SC", sans-serif; text-align: center; margin: 6px 0 4px; break-after: avoid; }
.cols .note { font: 700 11px/17px "Noto Sans CJK SC", sans-serif; text-align: right; }
.photobox { background: #d8d8d4; display: flex; align-items: center; justify-content: center; }
.photobox span { font: 400 16px/1 "Noto Sans CJK SC", sans-serif; color: #888; letter-spacing: 6px; }
.caption { margin-top: 6px; margin-bottom: 8px; }
.caption p { font: 400 10.5px/16px "Noto Sans CJK SC", sans-serif; text-align: justify; }
.credit { font: 700 10.5px/16px "Noto Sans CJK SC", sans-serif; text-align: right; }
.advert { border: 3px double #1f4e8c; padding: 10px; }
`;

// Runs in the page: lays out one page with DOM APIs (textContent only).
function buildPage({ page, css }) {
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  document.head.append(Object.assign(document.createElement('style'), { textContent: css }));
  const root = el('div');
  root.id = 'page';
  document.body.replaceChildren(root);
  const head = el('div', 'pagehead', '昌吉日报');
  head.append(el('span', null, `${page.label} ${page.section}  2000年1月5日 星期三  测试数据`));
  root.append(head);
  const grid = el('div', 'grid');
  root.append(grid);
  for (const stack of page.stacks) {
    const s = el('div', 'stack');
    s.style.width = `${stack.width}px`;
    grid.append(s);
    for (const item of stack.items) {
      const a = el('div', `art ${item.cls || ''}`);
      a.dataset.id = item.id;
      s.append(a);
      const h = el('div', 'head');
      if (item.column) h.append(el('div', 'colname', item.column));
      if (item.kicker) h.append(el('div', 'kicker', item.kicker));
      if (item.photo) {
        const box = el('div', 'photobox');
        box.style.height = `${item.photo}px`;
        box.style.alignSelf = 'stretch';
        box.append(el('span', null, '图片'));
        a.append(box);
      }
      if (item.title) h.append(el('div', 'title', item.title));
      if (item.subtitle) h.append(el('div', 'subtitle', item.subtitle));
      if (item.byline) h.append(el('div', 'byline', item.byline));
      if (item.title || item.kicker) a.append(h);
      for (const f of item.figures || []) {
        const box = el('div', 'photobox');
        box.style.height = `${f.height}px`;
        box.append(el('span', null, '图片'));
        const cap = el('div', 'caption');
        for (const line of f.caption.split('\n')) cap.append(el('p', null, line));
        if (f.credit) cap.append(el('div', 'credit', f.credit));
        a.append(box, cap);
      }
      if (item.blocks && item.blocks.length) {
        const cols = el('div', 'cols');
        cols.style.columnCount = String(item.columns || 1);
        let first = true;
        for (const b of item.blocks) {
          if (b.type === 'subhead') { cols.append(el('div', 'subhead', b.text)); continue; }
          if (b.type === 'note') { cols.append(el('div', 'note', b.text)); continue; }
          const p = el('p');
          if (b.noIndent) p.style.textIndent = '0';
          if (first && item.dateline) p.append(el('span', 'dateline', item.dateline));
          p.append(document.createTextNode(b.text));
          cols.append(p);
          first = false;
        }
        a.append(cols);
      }
    }
  }
}

// Runs in the page: the rectangles of each article (as the typesetter measures them).
function measureParts() {
  const P = document.getElementById('page').getBoundingClientRect();
  const rel = (r) => [r.left - P.left, r.top - P.top, r.right - P.left, r.bottom - P.top];
  const textRects = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map(rel);
  };
  const arts = {};
  for (const a of document.querySelectorAll('.art')) {
    const parts = [];
    for (const e of a.querySelectorAll('.colname, .kicker, .title, .subtitle, .byline, .caption p, .credit, .cols > *')) {
      for (const r of e.getClientRects()) {
        const lines = textRects(e).filter((t) => t[0] < r.right - P.left && t[2] > r.left - P.left && t[1] < r.bottom - P.top && t[3] > r.top - P.top);
        if (!lines.length) continue;
        const kind = e.closest('.cols') ? 'col' : 'head';
        const x0 = kind === 'col' ? r.left - P.left : Math.min(...lines.map((t) => t[0]));
        const x1 = kind === 'col' ? r.right - P.left : Math.max(...lines.map((t) => t[2]));
        parts.push({ kind, rect: [x0, Math.min(...lines.map((t) => t[1])), x1, Math.max(...lines.map((t) => t[3]))] });
      }
    }
    for (const e of a.querySelectorAll('.photobox')) parts.push({ kind: 'photo', rect: rel(e.getBoundingClientRect()) });
    arts[a.dataset.id] = { parts };
  }
  const overflow = [...document.querySelectorAll('#page *')].some((e) => e.getBoundingClientRect().bottom > P.bottom + 0.5);
  return { arts, overflow };
}

function pagesToPrint() {
  const byId = Object.fromEntries(articles.map((a) => [a.id, a]));
  const text = (b) => ({ ...b, text: printed(b.text) });
  const L = byId.lead;
  const half = Math.floor(L.body[SPLIT].text.length / 2);
  const lead1 = [...L.body.slice(0, SPLIT).map(text), text({ type: 'paragraph', text: L.body[SPLIT].text.slice(0, half) }),
    { type: 'note', text: '（下转第02版）' }];
  const lead2 = [{ type: 'note', text: '（上接第01版）' }, text({ type: 'paragraph', text: L.body[SPLIT].text.slice(half), noIndent: true }),
    ...L.body.slice(SPLIT + 1).map(text)];
  const S = byId.subheads;
  const sub = S.body.map((b, i) => (i === TYPO.block ? { ...b, text: b.text.replace(TYPO.from, TYPO.to) } : b)).map(text);
  const P = byId.photo.body[0], F = byId['figure-story'];
  return [
    { label: '第01版', section: '要闻', stacks: [
      { width: 600, items: [
        { id: 'lead', column: L.column, kicker: L.kicker, title: L.title, subtitle: L.subtitle, byline: L.byline, dateline: L.dateline, blocks: lead1, columns: 3 },
        { id: 'subheads', cls: 'small', title: S.title, byline: S.byline, blocks: sub, columns: 2 },
      ] },
      { width: 298, items: [
        { id: 'photo', cls: 'small', photo: 230, title: byId.photo.title, figures: [{ height: 0, caption: printed(P.caption), credit: P.credit }] },
        { id: 'notice', cls: 'small', title: byId.notice.title, blocks: byId.notice.body.map(text), columns: 1 },
      ] },
    ] },
    { label: '第02版', section: '综合', stacks: [
      { width: 600, items: [
        { id: 'lead', cls: 'small', title: `${L.title}（上接第01版）`.replace('（上接第01版）', ''), blocks: lead2, columns: 3 },
        { id: 'figure-story', cls: 'small', kicker: F.kicker, title: F.title, dateline: F.dateline,
          figures: [{ height: 150, caption: printed(F.body[1].caption), credit: F.body[1].credit }],
          blocks: [F.body[0], ...F.body.slice(2)].map(text), columns: 3 },
      ] },
      { width: 298, items: [
        { id: 'advert', cls: 'small advert', title: byId.advert.title, blocks: byId.advert.body.map(text), columns: 1 },
      ] },
    ] },
  ];
}

async function main() {
  const multi = path.join(OUT, 'multi');
  const errors = path.join(OUT, 'errors');
  fs.mkdirSync(multi, { recursive: true });
  fs.mkdirSync(errors, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'print-test-'));
  const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: PAGE_W, height: PAGE_H },
  });
  const expected = {};
  const chars = {};
  const tiny = path.join(tmp, 'tiny.pdf');
  try {
    const page = await context.newPage();
    // A tiny page for the fixtures whose content does not matter (encrypted, two pages).
    await page.setContent('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body style="margin:0"><div id="t" style="width:300px;height:100px;font:20px sans-serif">测试</div></body></html>');
    fs.writeFileSync(tiny, await printPdf(page, { width: 300, height: 100 }));
    const pages = pagesToPrint();
    for (let i = 0; i < pages.length; i++) {
      const number = i + 1;
      await page.setContent('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>test</title></head><body></body></html>');
      await page.evaluate(buildPage, { page: pages[i], css: CSS });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const m = await page.evaluate(measureParts);
      if (m.overflow) throw new Error(`page ${number} overflows`);
      for (const [id, info] of Object.entries(m.arts)) {
        const rects = articleRects(info).map((q) => [
          Math.max(0, Math.round((q[0] - PAD) * SCALE)), Math.max(0, Math.round((q[1] - PAD) * SCALE)),
          Math.min(PAGE_W * SCALE, Math.round((q[2] + PAD) * SCALE)), Math.min(PAGE_H * SCALE, Math.round((q[3] + PAD) * SCALE)),
        ]);
        for (const points of unionPolygons(rects).map(startTopLeft)) (expected[id] ||= []).push({ page: number, points });
      }
      chars[number] = await page.evaluate(characterRuns, '#page');
      const pdf = await printPdf(page, { width: PAGE_W, height: PAGE_H, photoSelector: '.photobox' });
      fs.writeFileSync(path.join(multi, `page-0${number}.pdf`), pdf);
    }
  } finally {
    await context.close();
  }
  const json = (v) => `${JSON.stringify(v, null, 2)}\n`;
  fs.writeFileSync(path.join(multi, 'draft.json'), json(draft));
  fs.writeFileSync(path.join(multi, 'expected.json'), json({ master_width: PAGE_W * SCALE, regions: expected }));
  fs.writeFileSync(path.join(OUT, 'multi.chars.json'), `${JSON.stringify({ master_per_css_px: SCALE, pages: chars })}\n`);

  // One fixture per way to fail.
  fs.writeFileSync(path.join(errors, 'not-a-pdf.pdf'), '这不是 PDF 文件，只是改了扩展名的文本。\n');
  const qpdf = (...args) => execFileSync('qpdf', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  // AES-256 salts are random: rewrite the encrypted fixture only when it is missing.
  const enc = path.join(errors, 'encrypted.pdf');
  if (!fs.existsSync(enc)) qpdf('--encrypt', 'user-secret', 'owner-secret', '256', '--', tiny, enc);
  qpdf('--deterministic-id', '--object-streams=generate', '--empty', '--pages', tiny, tiny, '--', path.join(errors, 'two-pages.pdf'));
  const text = json(draft);
  fs.writeFileSync(path.join(errors, 'draft-syntax.json'), text.slice(0, Math.floor(text.length / 3)));
  const typed = structuredClone(draft);
  typed.pages[1].number = '2';
  fs.writeFileSync(path.join(errors, 'draft-type.json'), json(typed));
  const dup = structuredClone(draft);
  dup.articles[2].id = dup.articles[1].id;
  dup.reading_order = dup.reading_order.filter((id) => id !== 'subheads');
  fs.writeFileSync(path.join(errors, 'draft-duplicate-id.json'), json(dup));
  const extra = structuredClone(draft);
  extra.articles.push({ id: 'not-printed', kind: 'news', title: '【测试】一篇没有排上版面的稿件',
    body: [{ type: 'paragraph', text: paragraph(rng(7), 4) }] });
  extra.reading_order.push('not-printed');
  fs.writeFileSync(path.join(errors, 'draft-extra-article.json'), json(extra));
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const f of ['page-01.pdf', 'page-02.pdf']) console.log(`multi/${f}: ${fs.statSync(path.join(multi, f)).size} bytes`);
  for (const [id, rs] of Object.entries(expected)) console.log(`  ${id}: ${rs.map((x) => `p${x.page} ${x.points.length} pts`).join(', ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
