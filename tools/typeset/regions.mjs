// Geometry of article regions, shared by typeset.mjs and
// tools/testdata/print-test-pdfs.mjs: the rectangles of an article's text and
// photos (CSS px) → rectilinear polygons.

export const BRIDGE = 24; // CSS px: gaps up to this inside one article are filled
export const SNAP = 8; // CSS px: column feet closer than this to the lowest one align with it

export function articleRects({ box, parts }) {
  const rects = parts.map((p) => ({ ...p, rect: [...p.rect] }));
  // Headline and caption lines widen to the article's text width: a headline
  // stands over all the columns of its story.
  const minX = Math.min(...rects.map((p) => p.rect[0]));
  const maxX = Math.max(...rects.map((p) => p.rect[2]));
  for (const p of rects) if (p.kind === 'head') { p.rect[0] = minX; p.rect[2] = maxX; }
  // Column feet that differ by less than half a line (a subhead's extra space) align,
  // so that the outline has no slivers.
  const cols = rects.filter((p) => p.kind === 'col');
  if (cols.length) {
    const foot = Math.max(...cols.map((p) => p.rect[3]));
    for (const p of cols) if (foot - p.rect[3] < SNAP) p.rect[3] = foot;
  }
  const rs = rects.map((p) => p.rect);
  // Bridge small gaps between parts of the same article, so that it reads as one block.
  const bridges = [];
  for (let i = 0; i < rs.length; i++) {
    for (let j = 0; j < rs.length; j++) {
      if (i === j) continue;
      const a = rs[i], b = rs[j];
      const ox0 = Math.max(a[0], b[0]), ox1 = Math.min(a[2], b[2]);
      const oy0 = Math.max(a[1], b[1]), oy1 = Math.min(a[3], b[3]);
      if (ox1 > ox0 && b[1] >= a[3] && b[1] - a[3] <= BRIDGE) bridges.push([ox0, a[3], ox1, b[1]]);
      if (oy1 > oy0 && b[0] >= a[2] && b[0] - a[2] <= BRIDGE) bridges.push([a[2], oy0, b[0], oy1]);
    }
  }
  return [...rs, ...bridges];
}

export function unionPolygons(rects) {
  const xs = [...new Set(rects.flatMap((r) => [r[0], r[2]]))].sort((a, b) => a - b);
  const ys = [...new Set(rects.flatMap((r) => [r[1], r[3]]))].sort((a, b) => a - b);
  const W = xs.length - 1, H = ys.length - 1;
  const filled = (i, j) => {
    if (i < 0 || j < 0 || i >= W || j >= H) return false;
    const cx = (xs[i] + xs[i + 1]) / 2, cy = (ys[j] + ys[j + 1]) / 2;
    return rects.some((r) => cx > r[0] && cx < r[2] && cy > r[1] && cy < r[3]);
  };
  const grid = [];
  for (let j = 0; j < H; j++) { grid.push([]); for (let i = 0; i < W; i++) grid[j].push(filled(i, j)); }
  const on = (i, j) => i >= 0 && j >= 0 && i < W && j < H && grid[j][i];
  // Directed boundary edges, clockwise on screen (interior on the right in y-down).
  const edges = new Map(); // "x,y" (grid indices) -> list of [x2, y2]
  const add = (a, b, c, d) => { const k = `${a},${b}`; if (!edges.has(k)) edges.set(k, []); edges.get(k).push([c, d]); };
  for (let j = 0; j < H; j++) for (let i = 0; i < W; i++) {
    if (!grid[j][i]) continue;
    if (!on(i, j - 1)) add(i, j, i + 1, j);
    if (!on(i + 1, j)) add(i + 1, j, i + 1, j + 1);
    if (!on(i, j + 1)) add(i + 1, j + 1, i, j + 1);
    if (!on(i - 1, j)) add(i, j + 1, i, j);
  }
  const loops = [];
  const keys = [...edges.keys()].sort((a, b) => { const [ax, ay] = a.split(',').map(Number), [bx, by] = b.split(',').map(Number); return ay - by || ax - bx; });
  for (const start of keys) {
    while (edges.get(start) && edges.get(start).length) {
      const loop = [];
      let [cx, cy] = start.split(',').map(Number);
      let prev = null;
      for (;;) {
        const k = `${cx},${cy}`;
        const outs = edges.get(k);
        if (!outs || !outs.length) break;
        // at a pinch point keep turning right (clockwise) so loops stay simple
        let idx = 0;
        if (outs.length > 1 && prev) {
          const turn = (o) => { const dx = o[0] - cx, dy = o[1] - cy; return prev[0] * dy - prev[1] * dx; };
          idx = outs.findIndex((o) => turn(o) > 0);
          if (idx < 0) idx = 0;
        }
        const [nx, ny] = outs.splice(idx, 1)[0];
        loop.push([cx, cy]);
        prev = [nx - cx, ny - cy];
        cx = nx; cy = ny;
        if (`${cx},${cy}` === start && !(edges.get(start) || []).length) break;
        if (`${cx},${cy}` === start) break;
      }
      // drop collinear points
      const pts = loop.map(([i, j]) => [xs[i], ys[j]]);
      const simple = pts.filter((p, n) => {
        const a = pts[(n - 1 + pts.length) % pts.length], b = pts[(n + 1) % pts.length];
        return !((a[0] === p[0] && p[0] === b[0]) || (a[1] === p[1] && p[1] === b[1]));
      });
      let area = 0;
      for (let n = 0; n < simple.length; n++) { const a = simple[n], b = simple[(n + 1) % simple.length]; area += a[0] * b[1] - b[0] * a[1]; }
      loops.push({ pts: simple, area: area / 2 });
    }
  }
  // clockwise on screen = positive area in y-down coordinates: outer outlines
  return loops.filter((l) => l.area > 0).map((l) => l.pts);
}

export function startTopLeft(pts) {
  let k = 0;
  for (let n = 1; n < pts.length; n++) if (pts[n][1] < pts[k][1] || (pts[n][1] === pts[k][1] && pts[n][0] < pts[k][0])) k = n;
  return [...pts.slice(k), ...pts.slice(0, k)];
}

export function pointInPoly(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i], [xj, yj] = pts[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

