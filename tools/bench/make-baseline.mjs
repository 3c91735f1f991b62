#!/usr/bin/env node
// Usage: node tools/bench/make-baseline.mjs SITE_DIR
//
// Writes a static "Founder-style" e-paper (what the newspaper runs today: one
// HTML page per printed page with the page picture as one JPG and an image map,
// one HTML page per article) under SITE_DIR/baseline/, from the same edition
// files the e-paper reads:
//
//   SITE_DIR/editions/index.json       -> SITE_DIR/baseline/editions/<date>/…
//   SITE_DIR/test-editions/index.json  -> SITE_DIR/baseline/test-editions/<date>/…
//
// Per printed page N: node_0N.html — masthead line, 上一版/下一版 links, the page
// picture (the rendition closest to 1200 px wide, as Founder serves one JPG) shown
// at DISPLAY_WIDTH CSS px, `<img usemap>` + `<map>` with one
// `<area shape="poly">` per article region (coords scaled from the page's master
// pixels to the displayed pixels), and the list of the page's articles.
// Per article: content_<id>.html — title stack and body as plain HTML.
// One small stylesheet, content-hashed under baseline/assets/ so that the
// production nginx config caches it like the app's assets (the server's CSP
// forbids inline styles). No JavaScript at all. All text is HTML-escaped.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Width in CSS px at which the page picture is shown (fits a 412 px phone). */
export const DISPLAY_WIDTH = 400;
/** The rendition Founder serves: the one closest to this many pixels wide. */
const WANTED_RENDITION = 1200;

const CSS = `body{margin:0 auto;max-width:760px;padding:4px 6px 24px;font:16px/1.7 sans-serif;color:#222;background:#fff}
.mast{display:flex;justify-content:space-between;align-items:baseline;border-bottom:2px solid #b71c1c;padding:4px 0;margin-bottom:6px}
.mast b{color:#b71c1c;font-size:20px}.mast span{font-size:13px;color:#555}
.pager{display:flex;gap:12px;margin:6px 0;font-size:15px}.pager a,.pager span{padding:6px 10px;border:1px solid #ccc;border-radius:4px;color:#222;text-decoration:none}
.pager span{color:#aaa}
.paper img{display:block;border:1px solid #ccc}
.missing{width:${DISPLAY_WIDTH - 20}px;padding:40px 10px;border:1px dashed #999;color:#666}
.titles{padding-left:20px}.titles li{margin:4px 0}.titles a{color:#1a1a6e}
article h1{font-size:22px;line-height:1.4;margin:8px 0}.column,.kicker,.subtitle,.byline{margin:4px 0;color:#555}
.column{color:#b71c1c;font-size:14px}.byline{font-size:14px}
article p{text-indent:2em;margin:0 0 12px}article .column,article .kicker,article .subtitle,article .byline,figure p{text-indent:0}
figure{margin:12px 0}figure img{max-width:100%;height:auto}.photo-missing{padding:30px;text-align:center;background:#eee;color:#777}
figcaption{font-size:14px;color:#444}.credit{text-align:right}
`;

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A file name part from an article id (ids are [a-z0-9-] today; be safe anyway). */
function safeId(id) {
  return String(id).replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0).toString(16)}`);
}

const pad2 = (n) => String(n).padStart(2, '0');
export const nodeName = (n) => `node_${pad2(n)}.html`;
export const contentName = (id) => `content_${safeId(id)}.html`;

/** The rendition Founder would serve: exists on disk, width closest to 1200 px. */
function pickRendition(page, editionDir) {
  const existing = (page.images || []).filter((img) => fs.existsSync(path.join(editionDir, img.url)));
  existing.sort((a, b) => Math.abs(a.width - WANTED_RENDITION) - Math.abs(b.width - WANTED_RENDITION) || b.width - a.width);
  return existing[0] || null;
}

function pageTitle(page) {
  return page.section ? `${page.label} ${page.section}` : page.label;
}

function head(title, cssHref) {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${esc(cssHref)}">
</head>
<body>
`;
}

function masthead(edition, extra) {
  return `<header class="mast"><b>${esc(edition.publication?.name || '昌吉日报')}</b><span>${esc(edition.date)} ${esc(edition.weekday || '')} ${esc(extra)}</span></header>\n`;
}

function pager(edition, number) {
  const idx = edition.pages.findIndex((p) => p.number === number);
  const prev = edition.pages[idx - 1];
  const next = edition.pages[idx + 1];
  const link = (p, label) => (p ? `<a href="${nodeName(p.number)}">${label}</a>` : `<span>${label}</span>`);
  return `<nav class="pager">${link(prev, '上一版')}${link(next, '下一版')}</nav>\n`;
}

function nodePage(edition, page, editionDir, imagePrefix, cssHref) {
  const articles = edition.articles.filter((a) => (a.regions || []).some((r) => r.page === page.number));
  const rendition = pickRendition(page, editionDir);
  const scale = DISPLAY_WIDTH / page.width;
  const height = Math.round(page.height * scale);
  let picture;
  if (rendition) {
    const areas = articles.flatMap((a) =>
      a.regions
        .filter((r) => r.page === page.number)
        .map((r) => {
          const coords = r.points.map(([x, y]) => `${Math.round(x * scale)},${Math.round(y * scale)}`).join(',');
          return `<area shape="poly" coords="${coords}" href="${contentName(a.id)}" alt="${esc(a.title)}" title="${esc(a.title)}">`;
        }),
    );
    picture =
      `<div class="paper"><img src="${esc(imagePrefix + rendition.url)}" width="${DISPLAY_WIDTH}" height="${height}" ` +
      `usemap="#PagePicMap" alt="${esc(page.label)}版面图">\n<map name="PagePicMap">\n${areas.join('\n')}\n</map></div>\n`;
  } else {
    picture = `<div class="paper"><p class="missing">${esc(page.label)}没有版面图片。</p></div>\n`;
  }
  const list = articles.map((a) => `<li><a href="${contentName(a.id)}">${esc(a.title)}</a></li>`).join('\n');
  return (
    head(`${edition.publication?.name || '昌吉日报'} ${edition.date} ${pageTitle(page)}`, cssHref) +
    masthead(edition, pageTitle(page)) +
    pager(edition, page.number) +
    picture +
    `<h2>本版标题</h2>\n<ul class="titles">\n${list}\n</ul>\n` +
    pager(edition, page.number) +
    '</body>\n</html>\n'
  );
}

function contentPage(edition, article, imagePrefix, cssHref) {
  const first = (article.regions || [])[0]?.page ?? 1;
  const page = edition.pages.find((p) => p.number === first);
  let dateline = article.dateline;
  const blocks = (article.body || []).map((b) => {
    if (b.type === 'paragraph') {
      const lead = dateline ? `<strong>${esc(dateline)}</strong> ` : '';
      dateline = null;
      return `<p>${lead}${esc(b.text)}</p>`;
    }
    if (b.type === 'subhead') return `<h3>${esc(b.text)}</h3>`;
    if (b.type === 'figure') {
      const img = b.image
        ? `<img src="${esc(imagePrefix + b.image.url)}" alt="${esc(b.caption)}">`
        : '<div class="photo-missing">图片</div>';
      const lines = String(b.caption || '')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => `<p>${esc(l)}</p>`)
        .join('');
      const credit = b.credit ? `<p class="credit">${esc(b.credit)}</p>` : '';
      return `<figure>${img}<figcaption>${lines}${credit}</figcaption></figure>`;
    }
    return '';
  });
  const opt = (cls, text) => (text ? `<p class="${cls}">${esc(text)}</p>\n` : '');
  return (
    head(`${article.title} - ${edition.publication?.name || '昌吉日报'}`, cssHref) +
    masthead(edition, page ? pageTitle(page) : '') +
    `<nav class="pager"><a href="${nodeName(first)}">返回版面</a></nav>\n` +
    '<article>\n' +
    opt('column', article.column) +
    opt('kicker', article.kicker) +
    `<h1 id="title">${esc(article.title)}</h1>\n` +
    opt('subtitle', article.subtitle) +
    opt('byline', article.byline) +
    blocks.join('\n') +
    '\n</article>\n</body>\n</html>\n'
  );
}

export function makeBaseline(site) {
  const out = path.join(site, 'baseline');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'assets'), { recursive: true });
  const hash = crypto.createHash('sha256').update(CSS).digest('hex').slice(0, 10);
  const cssFile = `baseline.${hash}.css`;
  fs.writeFileSync(path.join(out, 'assets', cssFile), CSS);
  const made = [];
  for (const root of ['editions', 'test-editions']) {
    const indexFile = path.join(site, root, 'index.json');
    if (!fs.existsSync(indexFile)) continue;
    const index = JSON.parse(fs.readFileSync(indexFile, 'utf8'));
    for (const entry of index.editions) {
      const editionFile = path.join(site, root, entry.url);
      const editionDir = path.dirname(editionFile);
      const edition = JSON.parse(fs.readFileSync(editionFile, 'utf8'));
      const dir = path.join(out, root, edition.date);
      fs.mkdirSync(dir, { recursive: true });
      // From baseline/<root>/<date>/ back to the site root, then to the edition's folder.
      const imagePrefix = `../../../${root}/${path.posix.dirname(entry.url)}/`;
      const cssHref = `../../assets/${cssFile}`;
      for (const page of edition.pages) {
        fs.writeFileSync(path.join(dir, nodeName(page.number)), nodePage(edition, page, editionDir, imagePrefix, cssHref));
      }
      for (const article of edition.articles) {
        fs.writeFileSync(path.join(dir, contentName(article.id)), contentPage(edition, article, imagePrefix, cssHref));
      }
      made.push({ dir: path.relative(site, dir), pages: edition.pages.length, articles: edition.articles.length });
    }
  }
  return made;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('make-baseline.mjs')) {
  const site = process.argv[2];
  if (!site) {
    console.error('usage: node tools/bench/make-baseline.mjs SITE_DIR');
    process.exit(2);
  }
  for (const m of makeBaseline(site)) {
    console.error(`baseline: ${m.dir}/ (${m.pages} node pages, ${m.articles} content pages)`);
  }
}
