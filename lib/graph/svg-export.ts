/**
 * The graph as a standalone SVG document, drawn from the positions and colours on screen (no
 * dependency: boxes, straight edges with an arrow head and a label, nodes as shapes with labels).
 */
export interface SvgNode { id: string; x: number; y: number; w: number; h: number; shape: string; fill: string; stroke: string; strokeWidth: number; label: string; opacity: number; dashed: boolean }
export interface SvgBox { x1: number; y1: number; x2: number; y2: number; label: string; stroke: string; fill: string }
export interface SvgEdge { sx: number; sy: number; tx: number; ty: number; color: string; width: number; label: string; dashed: boolean }
export interface SvgMarker { x: number; y: number; kind: string; label: string }

export interface SvgModel {
  nodes: SvgNode[];
  boxes: SvgBox[];
  edges: SvgEdge[];
  markers: SvgMarker[];
  text: string;
  background: string;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function shapeSvg(n: SvgNode): string {
  const common = `fill="${escapeXml(n.fill)}" stroke="${escapeXml(n.stroke)}" stroke-width="${r1(n.strokeWidth)}"${n.dashed ? ' stroke-dasharray="4 3"' : ''}`;
  const { x, y } = n;
  const hw = n.w / 2;
  const hh = n.h / 2;
  if (n.shape.includes('triangle')) return `<polygon points="${r1(x)},${r1(y - hh)} ${r1(x + hw)},${r1(y + hh)} ${r1(x - hw)},${r1(y + hh)}" ${common}/>`;
  if (n.shape.includes('diamond')) return `<polygon points="${r1(x)},${r1(y - hh)} ${r1(x + hw)},${r1(y)} ${r1(x)},${r1(y + hh)} ${r1(x - hw)},${r1(y)}" ${common}/>`;
  if (n.shape.includes('hexagon')) {
    const pts = [0, 1, 2, 3, 4, 5].map((i) => `${r1(x + hw * Math.cos((Math.PI / 3) * i))},${r1(y + hh * Math.sin((Math.PI / 3) * i))}`).join(' ');
    return `<polygon points="${pts}" ${common}/>`;
  }
  if (n.shape.includes('rectangle')) return `<rect x="${r1(x - hw)}" y="${r1(y - hh)}" width="${r1(n.w)}" height="${r1(n.h)}" rx="4" ${common}/>`;
  return `<ellipse cx="${r1(x)}" cy="${r1(y)}" rx="${r1(hw)}" ry="${r1(hh)}" ${common}/>`;
}

function textLines(lines: string[], x: number, y: number, size: number, color: string, anchor = 'middle'): string {
  return lines.map((l, i) => `<text x="${r1(x)}" y="${r1(y + i * (size + 2))}" font-size="${size}" text-anchor="${anchor}" fill="${escapeXml(color)}">${escapeXml(l)}</text>`).join('');
}

export function toSvg(model: SvgModel): string {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const b of model.boxes) { xs.push(b.x1, b.x2); ys.push(b.y1 - 16, b.y2); }
  for (const n of model.nodes) { xs.push(n.x - n.w / 2 - 60, n.x + n.w / 2 + 60); ys.push(n.y - n.h / 2, n.y + n.h / 2 + 30); }
  const minX = xs.length ? Math.min(...xs) - 20 : 0;
  const minY = ys.length ? Math.min(...ys) - 20 : 0;
  const w = xs.length ? Math.max(...xs) + 20 - minX : 100;
  const h = ys.length ? Math.max(...ys) + 20 - minY : 100;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${r1(minX)} ${r1(minY)} ${r1(w)} ${r1(h)}" width="${Math.ceil(w)}" height="${Math.ceil(h)}" font-family="DejaVu Sans, system-ui, sans-serif">`);
  parts.push(`<rect x="${r1(minX)}" y="${r1(minY)}" width="${r1(w)}" height="${r1(h)}" fill="${escapeXml(model.background)}"/>`);
  for (const b of model.boxes) {
    parts.push(`<rect x="${r1(b.x1)}" y="${r1(b.y1)}" width="${r1(b.x2 - b.x1)}" height="${r1(b.y2 - b.y1)}" rx="6" fill="${escapeXml(b.fill)}" fill-opacity="0.35" stroke="${escapeXml(b.stroke)}" stroke-dasharray="5 3"/>`);
    parts.push(textLines([b.label], (b.x1 + b.x2) / 2, b.y1 - 4, 11, model.text));
  }
  for (const e of model.edges) {
    const dx = e.tx - e.sx;
    const dy = e.ty - e.sy;
    const len = Math.hypot(dx, dy) || 1;
    // Stop the line at the target's rim (about 16 px) and draw the head there.
    const ex = e.tx - (dx / len) * 16;
    const ey = e.ty - (dy / len) * 16;
    const ux = dx / len;
    const uy = dy / len;
    const head = `${r1(ex)},${r1(ey)} ${r1(ex - ux * 8 - uy * 4)},${r1(ey - uy * 8 + ux * 4)} ${r1(ex - ux * 8 + uy * 4)},${r1(ey - uy * 8 - ux * 4)}`;
    parts.push(`<line x1="${r1(e.sx)}" y1="${r1(e.sy)}" x2="${r1(ex)}" y2="${r1(ey)}" stroke="${escapeXml(e.color)}" stroke-width="${r1(e.width)}"${e.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(`<polygon points="${head}" fill="${escapeXml(e.color)}"/>`);
    if (e.label) parts.push(textLines([e.label], (e.sx + e.tx) / 2, (e.sy + e.ty) / 2 - 6, 9, model.text));
  }
  for (const n of model.nodes) {
    parts.push(`<g${n.opacity < 1 ? ` opacity="${r1(n.opacity)}"` : ''}>${shapeSvg(n)}${textLines(n.label.split('\n'), n.x, n.y + n.h / 2 + 12, 11, model.text)}</g>`);
  }
  for (const m of model.markers) {
    const color = m.kind === 'mtls' ? model.text : m.kind === 'partial' ? '#e08a00' : '#d33a2c';
    const shackle = m.kind === 'plaintext' ? `M${r1(m.x - 5)} ${r1(m.y)}v-4a5 5 0 0 1 9.6 -2` : `M${r1(m.x - 4)} ${r1(m.y)}v-4a4 4 0 0 1 8 0v4`;
    parts.push(`<g class="lock lock-${escapeXml(m.kind)}"><path d="${shackle}" fill="none" stroke="${color}" stroke-width="2"/><rect x="${r1(m.x - 6)}" y="${r1(m.y - 1)}" width="12" height="8" rx="2" fill="${m.kind === 'mtls' ? color : model.background}" stroke="${color}" stroke-width="1.5"/>${m.label ? textLines([m.label], m.x, m.y + 17, 9, model.text) : ''}</g>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
