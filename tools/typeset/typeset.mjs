#!/usr/bin/env node
// Typesets page 1 of an edition of 昌吉日报 from its content file
// (tools/typeset/<date>.content.json) in headless Chromium, screenshots the
// page, and writes the page images and the edition file with article regions
// computed from the same layout run.
//
//   node tools/typeset/typeset.mjs [--date 2025-05-21] [--debug]
//
// Outputs (committed; the app never runs this tool):
//   editions/<date>/edition.json
//   editions/<date>/page-01-{600,1200,2400}.jpg, page-01-thumb.jpg
//   editions/<date>/page-01.pdf (the page printed to PDF, as a press PDF)
//   tests/fixtures/pdf/<date>.chars.json (where each article's characters stand)
//   editions/index.json
//   tmp/typeset-debug.png (with --debug: the regions drawn over the page)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { characterRuns, printPdf } from './print.mjs';
import { articleRects, pointInPoly, startTopLeft, unionPolygons } from './regions.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const DEBUG = argv.includes('--debug');
const dateArg = argv.indexOf('--date');
const DATE = dateArg >= 0 ? argv[dateArg + 1] : '2025-05-21';

const PAGE_W = 1200; // CSS px
const SCALE = 2; // master px per CSS px
const RENDITIONS = [600, 800, 1200, 2400];
const THUMB_W = 200;
const MAX_BYTES = 600 * 1000; // every JPEG stays under 600 KB
// What each rendition may weigh: phones load the 1200 px picture first, over
// slow networks, so it gets a tighter budget than the 2400 px zoom picture.
const BUDGET = { 600: 160 * 1000, 800: 230 * 1000, 1200: 330 * 1000, 2400: MAX_BYTES, [THUMB_W]: 40 * 1000 };
const REGION_PAD = 4; // CSS px around the text of an article

// ---------------------------------------------------------------------------
// Layout of page 1: rows of cells, each cell a stack of articles. Widths in
// CSS px; `columns` is the number of text columns of an article.
const LAYOUTS = {
  '2025-05-21': {
    rows: [
      [
        { width: 791, items: [{ id: 'computing-centre', style: 'lead', columns: 5 }] },
        { width: 304, items: [{ id: 'zhundong-aluminium-photo', style: 'photo', photoMin: 170 }] },
      ],
      [
        {
          width: 791,
          items: [
            { id: 'zhundong-projects', style: 'feature', columns: 5, bylineInColumns: true },
            { id: 'rumour-works', style: 'second', columns: 5 },
          ],
        },
        { width: 304, items: [{ id: 'social-science-week', style: 'side', columns: 2, columnGap: 10, titleBreakBefore: '暨', photoMin: 200 }] },
      ],
    ],
  },
};

const CSS = `
* { box-sizing: border-box; margin: 0; padding: 0; }
html, body { background: #fff; }
body { width: ${PAGE_W}px; }
#page {
  width: ${PAGE_W}px; position: relative; overflow: hidden;
  background: #fdfcf7; color: #1b1b1b;
  padding: 24px 40px 0;
  font-family: "Noto Serif CJK SC", serif;
  display: flex; flex-direction: column;
}
.sans { font-family: "Noto Sans CJK SC", sans-serif; }
.red { color: #c8161e; }

/* masthead */
.mast { display: flex; align-items: stretch; height: 150px; }
.mast-name { width: 470px; display: flex; flex-direction: column; justify-content: center; }
.mast-title { font: 700 112px/1 "Noto Serif CJK SC", serif; color: #c8161e; letter-spacing: 6px; white-space: nowrap; }
.mast-latin { font: 700 18px/1 "Noto Serif CJK SC", serif; color: #c8161e; letter-spacing: 12.6px; margin-top: 12px; padding-left: 4px; white-space: nowrap; }
.mast-sponsor { width: 230px; display: flex; flex-direction: column; justify-content: flex-end; padding: 0 0 10px 6px;
  font: 400 13px/1.9 "Noto Sans CJK SC", sans-serif; color: #333; white-space: nowrap; }
.mast-date { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center;
  border-left: 1px solid #b9b4a8; border-right: 1px solid #b9b4a8; margin: 0; color: #222; }
.mast-date .ym { font: 700 15px/1.2 "Noto Sans CJK SC", sans-serif; letter-spacing: 1px; }
.mast-date .day { font: 700 52px/1 "Noto Serif CJK SC", serif; color: #c8161e; margin: 2px 0 3px; }
.mast-date .wd { font: 400 12.5px/1.4 "Noto Sans CJK SC", sans-serif; }
.mast-date .issue { font: 400 12px/1.4 "Noto Sans CJK SC", sans-serif; color: #444; }
.mast-app { width: 150px; display: flex; align-items: center; justify-content: flex-end; }
.app-box { width: 126px; height: 126px; border: 2px solid #c8161e; display: flex; flex-direction: column;
  align-items: center; justify-content: center; gap: 8px; }
.app-box .mark { width: 60px; height: 60px; border: 1px solid #c8161e; border-radius: 14px;
  background: #dcdcd8; }
.app-box .label { font: 700 14px/1 "Noto Sans CJK SC", sans-serif; color: #c8161e; letter-spacing: 1px; white-space: nowrap; }
.infoline { margin-top: 8px; border-top: 3px solid #c8161e; border-bottom: 1px solid #c8161e; padding: 5px 0 4px;
  font: 400 12px/1.4 "Noto Sans CJK SC", sans-serif; color: #333; display: flex; justify-content: space-between; white-space: nowrap; }
.infoline + .gap { height: 3px; border-bottom: 1px solid #c8161e; margin-bottom: 14px; }

/* story grid */
.row { display: flex; align-items: stretch; }
.row + .row { border-top: 2px solid #2a2a2a; margin-top: 14px; padding-top: 16px; }
.cell { display: flex; flex-direction: column; box-sizing: content-box; }
.cell + .cell { border-left: 1px solid #555; margin-left: 12px; padding-left: 12px; }
.art { display: flex; flex-direction: column; }
.art + .art { border-top: 1px solid #555; margin-top: 14px; padding-top: 14px; }
.art.grow { flex: 1 1 auto; }

.head { display: flex; flex-direction: column; align-items: center; text-align: center; margin-bottom: 12px; }
.colname { align-self: flex-start; display: flex; align-items: center; margin-bottom: 6px; }
.colname .tag { font: 700 15px/1 "Noto Sans CJK SC", sans-serif; color: #fff; background: #c8161e; padding: 5px 12px 6px 10px; letter-spacing: 2px; }
.colname .tail { width: 0; height: 0; border-top: 13px solid transparent; border-bottom: 13px solid transparent; border-left: 10px solid #c8161e; }
.kicker { font: 400 19px/1.4 "Noto Sans CJK SC", sans-serif; color: #222; letter-spacing: 1px; }
.title { font: 700 30px/1.3 "Noto Serif CJK SC", serif; color: #111; letter-spacing: 1px; white-space: nowrap; }
.kicker, .subtitle { white-space: nowrap; }
.lead .title { font-size: 42px; letter-spacing: 2px; margin: 4px 0 6px; }
.feature .title { font-size: 36px; letter-spacing: 3px; }
.second .title { font: 700 25px/1.3 "Noto Sans CJK SC", sans-serif; letter-spacing: 1px; }
.side .title { font: 700 16.5px/1.45 "Noto Sans CJK SC", sans-serif; letter-spacing: 0; }
.photo .title { font: 700 18px/1.4 "Noto Sans CJK SC", sans-serif; margin: 8px 0 4px; align-self: stretch; text-align: center; }
.subtitle { font: 400 15px/1.5 "Noto Sans CJK SC", sans-serif; color: #222; margin-top: 4px; max-width: 96%; }
.lead .subtitle { font-size: 16px; color: #333; }

.cols { column-gap: 14px; column-fill: balance; orphans: 1; widows: 1; }
.cols p, .caption p { font: 400 10.5px/16.5px "Noto Serif CJK SC", serif; text-align: justify; text-indent: 2em; }
.cols .dateline { font: 700 10.5px/16.5px "Noto Sans CJK SC", sans-serif; margin-right: 0.5em; }
.cols .byline { font: 700 11px/16.5px "Noto Sans CJK SC", sans-serif; margin-bottom: 4px; break-after: avoid; }
.cols .subhead { font: 700 11px/1.5 "Noto Sans CJK SC", sans-serif; text-align: center; color: #111;
  border-top: 1px solid #888; border-bottom: 1px solid #888; padding: 3px 0; margin: 8px 0 6px; break-inside: avoid; break-after: avoid; }
.cols .subhead:first-child { margin-top: 0; }

.figure { display: flex; flex-direction: column; }
.figure.grow { flex: 1 1 auto; }
.photobox { background: #dcdcd8; display: flex; align-items: center; justify-content: center; flex: 1 1 auto; }
.photobox span { font: 400 18px/1 "Noto Sans CJK SC", sans-serif; color: #8a8a86; letter-spacing: 6px; }
.caption { margin-top: 6px; }
.caption p { font-family: "Noto Sans CJK SC", sans-serif; font-size: 10px; line-height: 16px; color: #222; }
.credit { font: 700 10px/16px "Noto Sans CJK SC", sans-serif; text-align: right; color: #222; }
.side .figure { margin-bottom: 10px; }

.imprint { margin-top: 16px; border-top: 3px double #2a2a2a; padding: 6px 0 14px;
  display: grid; grid-template-rows: auto auto; grid-auto-flow: column; grid-auto-columns: auto; justify-content: space-between;
  font: 400 10.5px/1.6 "Noto Sans CJK SC", sans-serif; color: #333; white-space: nowrap; column-gap: 18px; }
`;

// ---------------------------------------------------------------------------
// Runs in the page: builds the front page from the edition with DOM APIs.
function buildPage({ ed, layout, css }) {
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);

  const pub = ed.publication;
  const page = el('div');
  page.id = 'page';
  document.body.appendChild(page);

  // masthead
  const mast = el('div', 'mast');
  const name = el('div', 'mast-name');
  name.append(el('div', 'mast-title', pub.name), el('div', 'mast-latin', pub.latin_name || ''));
  const sponsor = el('div', 'mast-sponsor');
  if (pub.sponsor) sponsor.append(el('div', null, pub.sponsor));
  if (pub.publisher) sponsor.append(el('div', null, pub.publisher));
  const [y, m, d] = ed.date.split('-').map(Number);
  const date = el('div', 'mast-date');
  date.append(el('div', 'ym', `${y}年${m}月`), el('div', 'day', String(d)), el('div', 'wd', ed.weekday));
  if (ed.lunar_date) date.append(el('div', 'wd', ed.lunar_date));
  date.append(el('div', 'issue', `总第${ed.issue_number}期`), el('div', 'issue', `今日${ed.printed_pages}版`));
  const app = el('div', 'mast-app');
  const box = el('div', 'app-box');
  box.append(el('div', 'mark'), el('div', 'label', '丝路昌吉客户端'));
  app.append(box);
  mast.append(name, sponsor, date, app);
  page.append(mast);

  const info = el('div', 'infoline');
  const infoParts = [];
  if (pub.serial_number) infoParts.push(`□国内统一刊号${pub.serial_number}`);
  if (pub.postal_code) infoParts.push(`□邮发代号${pub.postal_code}`);
  if (pub.website) infoParts.push(`□中国昌吉网: ${pub.website}`);
  if (pub.email) infoParts.push(`□${pub.name}邮箱 ${pub.email}`);
  if (pub.news_hotline) infoParts.push(`□24小时新闻热线:${pub.news_hotline}`);
  for (const s of infoParts) info.append(el('span', null, s));
  page.append(info, el('div', 'gap'));

  const byId = new Map(ed.articles.map((a) => [a.id, a]));
  const placed = [];

  function figureEl(fig, spec) {
    const f = el('div', 'figure');
    const pb = el('div', 'photobox');
    pb.style.minHeight = `${spec.photoMin || 160}px`;
    pb.append(el('span', null, '图片'));
    f.append(pb);
    return f;
  }
  function captionEl(fig) {
    const c = el('div', 'caption');
    for (const line of fig.caption.split('\n')) c.append(el('p', null, line));
    if (fig.credit) c.append(el('div', 'credit', fig.credit));
    return c;
  }
  function textBlocks(art, blocks, spec) {
    const cols = el('div', 'cols');
    cols.style.columnCount = String(spec.columns || 1);
    if (spec.columnGap != null) cols.style.columnGap = `${spec.columnGap}px`;
    if (spec.bylineInColumns && art.byline) cols.append(el('div', 'byline', art.byline));
    let first = true;
    for (const b of blocks) {
      if (b.type === 'paragraph') {
        const p = el('p');
        if (first && art.dateline) p.append(el('span', 'dateline', art.dateline));
        p.append(document.createTextNode(b.text));
        cols.append(p);
        first = false;
      } else if (b.type === 'subhead') {
        cols.append(el('div', 'subhead', b.text));
      }
    }
    return cols;
  }
  function titleEl(text, spec) {
    const t = el('div', 'title');
    const k = spec.titleBreakBefore ? text.indexOf(spec.titleBreakBefore) : -1;
    if (k > 0) {
      t.append(el('div', null, text.slice(0, k)), el('div', null, text.slice(k)));
    } else {
      t.textContent = text;
    }
    return t;
  }

  function articleEl(spec) {
    const art = byId.get(spec.id);
    if (!art) throw new Error(`layout names unknown article ${spec.id}`);
    placed.push(spec.id);
    const a = el('div', `art ${spec.style || ''}`);
    a.dataset.id = art.id;
    const figures = art.body.filter((b) => b.type === 'figure');
    const texts = art.body.filter((b) => b.type !== 'figure');

    if (art.kind === 'photo') {
      a.classList.add('grow');
      for (const fig of figures) {
        const f = figureEl(fig, spec);
        f.classList.add('grow');
        a.append(f);
        a.append(titleEl(art.title, spec));
        a.lastChild.classList.add('part');
        const c = captionEl(fig);
        a.append(c);
      }
      return a;
    }
    const head = el('div', 'head');
    if (art.column) {
      const cn = el('div', 'colname');
      cn.append(el('span', 'tag', art.column), el('span', 'tail'));
      head.append(cn);
    }
    if (art.kicker) head.append(el('div', 'kicker', art.kicker));
    head.append(titleEl(art.title, spec));
    if (art.subtitle) head.append(el('div', 'subtitle', art.subtitle));
    if (art.byline && !spec.bylineInColumns) head.append(el('div', 'subtitle', art.byline));
    a.append(head);
    if (figures.length) {
      a.classList.add('grow');
      for (const fig of figures) {
        const f = figureEl(fig, spec);
        f.classList.add('grow');
        f.append(captionEl(fig));
        a.append(f);
      }
    }
    a.append(textBlocks(art, texts, spec));
    return a;
  }

  const main = el('div', 'main');
  for (const row of layout.rows) {
    const r = el('div', 'row');
    for (const cell of row) {
      const c = el('div', 'cell');
      c.style.width = `${cell.width}px`;
      for (const spec of cell.items) c.append(articleEl(spec));
      r.append(c);
    }
    main.append(r);
  }
  page.append(main);

  const imp = el('div', 'imprint');
  for (const line of pub.imprint || []) imp.append(el('span', null, line));
  page.append(imp);
  return placed;
}

// Runs in the page: measures, checks, and collects the rectangles of every article.
function measure({ pageH }) {
  const page = document.getElementById('page');
  page.style.height = `${pageH}px`;
  const P = page.getBoundingClientRect();
  const problems = [];
  for (const e of page.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < P.left - 0.5 || r.top < P.top - 0.5 || r.right > P.right + 0.5 || r.bottom > P.bottom + 0.5) {
      problems.push(`outside page: <${e.tagName.toLowerCase()} class="${e.className}"> ${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}`);
    }
    // layout overflow: a block child sticking out of its parent box
    for (const c of e.children) {
      if (getComputedStyle(c).display.startsWith('inline')) continue;
      for (const cr of c.getClientRects()) {
        if (cr.left < r.left - 0.5 || cr.top < r.top - 0.5 || cr.right > r.right + 0.5 || cr.bottom > r.bottom + 0.5) {
          problems.push(`overflow: <${c.tagName.toLowerCase()} class="${c.className}"> ${c.textContent.slice(0, 12)} [${Math.round(cr.left)},${Math.round(cr.top)},${Math.round(cr.right)},${Math.round(cr.bottom)}] out of <${e.tagName.toLowerCase()} class="${e.className}"> [${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}]`);
        }
      }
    }
  }
  // every title line stands on one line as set
  for (const t of page.querySelectorAll('.title, .kicker, .colname .tag, .subtitle, .infoline span, .imprint span, .mast-sponsor div, .mast-date div')) {
    const lines = t.children.length ? [...t.children] : [t];
    for (const l of lines) {
      const range = document.createRange();
      range.selectNodeContents(l);
      // text runs of one line overlap vertically; a new line starts below the last
      const rs = [...range.getClientRects()].filter((r) => r.width > 0).sort((p, q) => p.top - q.top);
      const tops = new Set();
      let bottom = -Infinity;
      for (const r of rs) {
        if ((r.top + r.bottom) / 2 > bottom) { tops.add(r.top); bottom = r.bottom; }
      }
      if (tops.size > 1) { l.style.width = "max-content"; problems.push(`wraps onto ${tops.size} lines: ${l.textContent.slice(0, 20)} (needs ${l.getBoundingClientRect().width.toFixed(1)}px, has ${l.parentElement.getBoundingClientRect().width.toFixed(1)}px)`); }
    }
  }
  if (page.scrollHeight > page.clientHeight || page.scrollWidth > page.clientWidth) problems.push('page overflows');
  // every line of text inside the page
  const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.left < P.left || r.top < P.top || r.right > P.right || r.bottom > P.bottom) problems.push(`text outside page: ${n.data.slice(0, 12)}`);
    }
  }
  const rel = (r) => [r.left - P.left, r.top - P.top, r.right - P.left, r.bottom - P.top];
  const textRects = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map(rel);
  };
  const arts = {};
  for (const a of page.querySelectorAll('.art')) {
    const parts = [];
    const box = rel(a.getBoundingClientRect());
    // every fragment of every block of text, each text line, and each photo box
    for (const e of a.querySelectorAll('.colname, .kicker, .title, .subtitle, .caption p, .credit, .cols > *')) {
      for (const r of e.getClientRects()) {
        // block fragments: full column width, height tight to the text lines
        const lines = textRects(e).filter((t) => t[0] < r.right - P.left && t[2] > r.left - P.left && t[1] < r.bottom - P.top && t[3] > r.top - P.top);
        if (!lines.length) continue;
        const kind = e.closest('.cols') ? 'col' : 'head';
        const x0 = kind === 'col' ? r.left - P.left : Math.min(...lines.map((t) => t[0]));
        const x1 = kind === 'col' ? r.right - P.left : Math.max(...lines.map((t) => t[2]));
        parts.push({ kind, rect: [x0, Math.min(...lines.map((t) => t[1])), x1, Math.max(...lines.map((t) => t[3]))] });
      }
    }
    for (const e of a.querySelectorAll('.photobox')) parts.push({ kind: 'photo', rect: rel(e.getBoundingClientRect()) });
    arts[a.dataset.id] = { box, parts };
  }
  return { problems, arts, text: page.textContent };
}

// ---------------------------------------------------------------------------

async function main() {
  const contentPath = path.join(ROOT, 'tools', 'typeset', `${DATE}.content.json`);
  const ed = JSON.parse(fs.readFileSync(contentPath, 'utf8'));
  const layout = LAYOUTS[DATE];
  if (!layout) throw new Error(`no layout for ${DATE}`);
  const outDir = path.join(ROOT, 'editions', DATE);
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'typeset-'));
  const userDataDir = path.join(tmp, 'profile');

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: PAGE_W, height: 1000 },
    deviceScaleFactor: SCALE,
  });
  try {
    const page = await context.newPage();
    // The title is the PDF's title (what a viewer shows for 下载本版PDF).
    const [year, month, day] = DATE.split('-').map(Number);
    const title = `昌吉日报 ${year}年${month}月${day}日 第01版（据文字稿重新排版）`;
    await page.setContent(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body></body></html>`);
    const placed = await page.evaluate(buildPage, { ed, layout, css: CSS });
    for (const id of ed.reading_order) if (!placed.includes(id)) throw new Error(`article ${id} is not placed on the page`);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const fontsOk = await page.evaluate(() => ['"Noto Serif CJK SC"', '"Noto Sans CJK SC"'].every((f) => document.fonts.check(`12px ${f}`, '昌吉')));
    if (!fontsOk) console.warn('warning: Noto CJK fonts not reported available');

    // page height: the natural height of the content, a multiple of 6 CSS px so
    // that every rendition has an integer height with the same aspect ratio.
    const natural = await page.evaluate(() => {
      const p = document.getElementById('page');
      p.style.height = 'auto';
      return p.getBoundingClientRect().height;
    });
    const pageH = Math.ceil(natural / 6) * 6;
    const m = await page.evaluate(measure, { pageH });
    if (m.problems.length) {
      console.error(m.problems.join('\n'));
      throw new Error('layout problems (see above)');
    }
    // every text of the edition is on the page
    const norm = (s) => s.replace(/\s+/g, '');
    const pageText = norm(m.text);
    const missing = [];
    for (const a of ed.articles) {
      for (const s of [a.column, a.kicker, a.title, a.subtitle, a.byline, a.dateline]) if (s && !pageText.includes(norm(s))) missing.push(s);
      for (const b of a.body) {
        if (b.type === 'figure') {
          for (const s of [...b.caption.split('\n'), b.credit]) if (s && !pageText.includes(norm(s))) missing.push(s);
        } else if (!pageText.includes(norm(b.text))) missing.push(b.text);
      }
    }
    for (const s of ed.publication.imprint) if (!pageText.includes(norm(s))) missing.push(s);
    if (missing.length) throw new Error(`text missing from the page: ${missing.map((s) => s.slice(0, 20)).join(' | ')}`);

    // regions
    const masterW = PAGE_W * SCALE, masterH = pageH * SCALE;
    const regionsById = {};
    for (const id of ed.reading_order) {
      const info = m.arts[id];
      const rects = articleRects(info).map((r) => [
        Math.max(0, Math.round((r[0] - REGION_PAD) * SCALE)),
        Math.max(0, Math.round((r[1] - REGION_PAD) * SCALE)),
        Math.min(masterW, Math.round((r[2] + REGION_PAD) * SCALE)),
        Math.min(masterH, Math.round((r[3] + REGION_PAD) * SCALE)),
      ]);
      const polys = unionPolygons(rects).map(startTopLeft);
      polys.sort((a, b) => a[0][1] - b[0][1] || a[0][0] - b[0][0]);
      regionsById[id] = polys.map((points) => ({ page: 1, points }));
    }
    // no two articles' regions overlap (sampled every 4 master px)
    const ids = Object.keys(regionsById);
    for (let y = 0; y < masterH; y += 4) {
      for (let x = 0; x < masterW; x += 4) {
        let hits = 0;
        for (const id of ids) if (regionsById[id].some((r) => pointInPoly(x + 0.5, y + 0.5, r.points))) hits++;
        if (hits > 1) throw new Error(`regions overlap at ${x},${y}`);
      }
    }

    // master screenshot
    const masterPng = path.join(tmp, 'page-01-master.png');
    await page.setViewportSize({ width: PAGE_W, height: pageH });
    await page.locator('#page').screenshot({ path: masterPng, animations: 'disabled' });
    if (process.env.TYPESET_KEEP_MASTER) fs.copyFileSync(masterPng, process.env.TYPESET_KEEP_MASTER);

    // The page as a press PDF (what make-edition reads), and where each
    // article's characters stand on it (what tests/make_edition.rs checks the
    // regions make-edition finds against).
    const runs = await page.evaluate(characterRuns, '#page');
    const pdf = await printPdf(page, { width: PAGE_W, height: pageH, photoSelector: '.photobox' });
    fs.writeFileSync(path.join(outDir, 'page-01.pdf'), pdf);
    const charsFile = path.join(ROOT, 'tests', 'fixtures', 'pdf', `${DATE}.chars.json`);
    fs.mkdirSync(path.dirname(charsFile), { recursive: true });
    fs.writeFileSync(charsFile, `${JSON.stringify({ master_per_css_px: SCALE, pages: { 1: runs } })}\n`);

    // renditions: the master drawn into a canvas, halved step by step
    const b64 = fs.readFileSync(masterPng).toString('base64');
    const work = await context.newPage();
    await work.setContent('<!doctype html><html><body></body></html>');
    const jpegs = await work.evaluate(async ({ b64, widths, thumbW, maxBytes, budget }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const scaled = (w) => {
        let src = img, sw = img.naturalWidth, sh = img.naturalHeight;
        const h = Math.round((w * img.naturalHeight) / img.naturalWidth);
        while (sw / 2 >= w * 1.0001 && sw / 2 > w) {
          const c = document.createElement('canvas');
          c.width = Math.round(sw / 2); c.height = Math.round(sh / 2);
          const g = c.getContext('2d');
          g.imageSmoothingEnabled = true; g.imageSmoothingQuality = 'high';
          g.drawImage(src, 0, 0, c.width, c.height);
          src = c; sw = c.width; sh = c.height;
        }
        const c = document.createElement('canvas');
        c.width = w; c.height = h;
        const g = c.getContext('2d');
        g.imageSmoothingEnabled = true; g.imageSmoothingQuality = 'high';
        g.drawImage(src, 0, 0, w, h);
        return c;
      };
      const encode = async (c, q) => {
        const blob = await new Promise((res) => c.toBlob(res, 'image/jpeg', q));
        const buf = new Uint8Array(await blob.arrayBuffer());
        let s = '';
        for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
        return btoa(s);
      };
      const out = [];
      for (const w of [...widths, thumbW]) {
        const c = scaled(w);
        // the best quality (at most 90) whose file stays under the size limit
        let lo = 10, hi = 90, best = null;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const d = await encode(c, mid / 100);
          if (d.length * 0.75 < (budget[w] || maxBytes)) { best = { q: mid, d }; lo = mid + 1; } else hi = mid - 1;
        }
        if (!best) best = { q: 10, d: await encode(c, 0.1) };
        const q = best.q / 100, data = best.d;
        out.push({ width: w, height: c.height, quality: Math.round(q * 100), data });
      }
      return out;
    }, { b64, widths: RENDITIONS, thumbW: THUMB_W, maxBytes: MAX_BYTES, budget: BUDGET });

    const files = [];
    for (const j of jpegs) {
      const name = j.width === THUMB_W ? 'page-01-thumb.jpg' : `page-01-${j.width}.jpg`;
      const buf = Buffer.from(j.data, 'base64');
      if (buf.length >= MAX_BYTES) throw new Error(`${name} is ${buf.length} bytes even at JPEG quality ${j.quality}`);
      fs.writeFileSync(path.join(outDir, name), buf);
      files.push({ name, width: j.width, height: j.height, bytes: buf.length, quality: j.quality });
    }

    // edition file
    const out = structuredClone(ed);
    out.pages = ed.pages.map((p) => (p.number === 1 ? {
      number: p.number,
      label: p.label,
      section: p.section ?? null,
      width: masterW,
      height: masterH,
      images: RENDITIONS.map((w) => ({ url: `page-01-${w}.jpg`, width: w })),
      thumbnail: { url: 'page-01-thumb.jpg', width: THUMB_W },
      pdf: 'page-01.pdf',
    } : p));
    for (const a of out.articles) a.regions = regionsById[a.id] || [];
    fs.writeFileSync(path.join(outDir, 'edition.json'), `${JSON.stringify(out, null, 2)}\n`);

    const index = {
      format: 'changji-epaper/index',
      version: 1,
      publication: ed.publication.name,
      latest: DATE,
      editions: [{
        date: DATE,
        issue_number: ed.issue_number,
        url: `${DATE}/edition.json`,
        thumbnail: `${DATE}/page-01-thumb.jpg`,
        page_images: [`${DATE}/page-01-1200.jpg`],
      }],
    };
    fs.writeFileSync(path.join(ROOT, 'editions', 'index.json'), `${JSON.stringify(index, null, 2)}\n`);

    if (DEBUG) {
      const png = await work.evaluate(async ({ b64, regions }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth; c.height = img.naturalHeight;
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        const colors = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6'];
        Object.entries(regions).forEach(([id, rs], n) => {
          const col = colors[n % colors.length];
          for (const r of rs) {
            g.beginPath();
            r.points.forEach(([x, y], k) => (k ? g.lineTo(x, y) : g.moveTo(x, y)));
            g.closePath();
            g.globalAlpha = 0.12; g.fillStyle = col; g.fill();
            g.globalAlpha = 1; g.lineWidth = 4; g.strokeStyle = col; g.stroke();
            g.font = 'bold 28px sans-serif'; g.fillStyle = col;
            g.fillText(id, r.points[0][0] + 8, r.points[0][1] + 30);
          }
        });
        return c.toDataURL('image/png').split(',')[1];
      }, { b64, regions: regionsById });
      fs.mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
      fs.writeFileSync(path.join(ROOT, 'tmp', 'typeset-debug.png'), Buffer.from(png, 'base64'));
      console.log('debug overlay: tmp/typeset-debug.png');
    }

    console.log(`page 1: ${PAGE_W}×${pageH} CSS px, master ${masterW}×${masterH} px, page-01.pdf ${pdf.length} bytes`);
    for (const f of files) console.log(`  ${f.name}: ${f.width}×${f.height}, ${f.bytes} bytes (JPEG q ${f.quality})`);
    for (const id of ed.reading_order) console.log(`  ${id}: ${regionsById[id].length} region(s), ${regionsById[id].map((r) => r.points.length).join('/')} points`);
  } finally {
    await context.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
