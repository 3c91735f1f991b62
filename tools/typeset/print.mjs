// Printing a typeset page to PDF, and where each article's characters stand.
// Shared by typeset.mjs (the sample edition) and tools/testdata/print-test-pdfs.mjs
// (the multi-page test edition): both lay pages out as DOM in headless
// Chromium, with each article in an element carrying `data-id`.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A grey 1×1 PNG (#dcdcd8): photo boxes get it as their background image when
// printed, so that the PDF places a picture there, as a press PDF would.
export const GREY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGO4c+cGAAUoApH0pGStAAAAAElFTkSuQmCC';

/**
 * Prints the element `selector` (w × h CSS px, at the top left of the page) to
 * a one-page PDF and returns its bytes, made deterministic: Chromium stamps
 * the time and a random document id, which are replaced by fixed values of
 * the same length (so that the cross-reference offsets stay right).
 */
export async function printPdf(page, { width, height, photoSelector }) {
  if (photoSelector) {
    await page.evaluate(({ sel, png }) => {
      for (const e of document.querySelectorAll(sel)) {
        e.style.backgroundImage = `url("${png}")`;
        e.style.backgroundSize = '100% 100%';
      }
    }, { sel: photoSelector, png: GREY_PNG });
  }
  const pdf = await page.pdf({
    width: `${width}px`,
    height: `${height}px`,
    printBackground: true,
    margin: { top: 0, right: 0, bottom: 0, left: 0 },
    pageRanges: '1',
  });
  let s = Buffer.from(pdf).toString('latin1');
  s = s.replace(/D:\d{14}[^)]*/g, (m) => 'D:20000101000000Z'.padEnd(m.length, ' ').slice(0, m.length));
  s = s.replace(/\/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]/g, (m, a, b) => m.replace(a, '0'.repeat(a.length)).replace(b, '0'.repeat(b.length)));
  return pack(Buffer.from(s, 'latin1'));
}

/**
 * Chromium sets CJK text (CFF fonts) as Type 3 fonts: one small object per
 * glyph. qpdf (Debian's `qpdf`, needed only here) packs those objects into
 * compressed object streams, which takes a page from 1.3 MB to about 0.85 MB.
 * Without qpdf the PDF is kept as Chromium wrote it.
 */
function pack(pdf) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdfpack-'));
  try {
    const src = path.join(dir, 'in.pdf'), dst = path.join(dir, 'out.pdf');
    fs.writeFileSync(src, pdf);
    execFileSync('qpdf', ['--deterministic-id', '--object-streams=generate', '--compress-streams=y',
      '--recompress-flate', '--compression-level=9', src, dst], { stdio: ['ignore', 'ignore', 'inherit'] });
    return fs.readFileSync(dst);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
    console.warn('qpdf not found: the PDF is not packed (apt-get install qpdf)');
    return pdf;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs in the page: for every `[data-id]` element under `root`, the runs of
 * its visible characters, each as [x0, y0, x1, y1, n] in CSS px relative to
 * `root`: n characters side by side on one line. A test spreads the n
 * characters evenly over the run to get each one's position.
 */
export function characterRuns(rootSelector) {
  const root = document.querySelector(rootSelector);
  const R = root.getBoundingClientRect();
  const out = {};
  for (const art of root.querySelectorAll('[data-id]')) {
    const runs = [];
    const walker = document.createTreeWalker(art, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement.closest('.photobox')) continue; // the 图片 label is no text of the story
      let run = null;
      for (let i = 0; i < n.data.length; i++) {
        if (/\s/.test(n.data[i])) continue;
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const x0 = r.left - R.left, y0 = r.top - R.top, x1 = r.right - R.left, y1 = r.bottom - R.top;
        if (run && Math.abs(y0 - run[1]) < 0.5 && x0 >= run[2] - 0.5 && x0 - run[2] < r.width) {
          run[2] = x1;
          run[4] += 1;
        } else {
          run = [x0, y0, x1, y1, 1];
          runs.push(run);
        }
      }
    }
    out[art.dataset.id] = runs.map((r) => r.map((v, k) => (k < 4 ? Math.round(v * 10) / 10 : v)));
  }
  return out;
}
