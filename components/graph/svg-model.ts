/** Reads what cytoscape shows (positions, sizes, computed colours, labels) into the SVG export model. */
import type { Core } from 'cytoscape';
import type { GraphElements } from '@/lib/graph/elements';
import type { SvgModel } from '@/lib/graph/svg-export';
import { readColors } from './graph-style';

/** Markers come from the element definitions: a big graph zoomed far out has none on the canvas. */
export function collectSvgModel(cy: Core, els: GraphElements): SvgModel {
  const colors = readColors();
  const model: SvgModel = { nodes: [], boxes: [], edges: [], markers: [], text: colors.text, background: colors.bg };
  cy.nodes('.box').forEach((b) => {
    const bb = b.boundingBox({ includeLabels: false });
    model.boxes.push({ x1: bb.x1, y1: bb.y1, x2: bb.x2, y2: bb.y2, label: String(b.data('label') ?? ''), stroke: colors.border, fill: colors.surface2 });
  });
  cy.edges().forEach((e) => {
    const s = e.source().position();
    const t = e.target().position();
    model.edges.push({
      sx: s.x, sy: s.y, tx: t.x, ty: t.y,
      color: String(e.style('line-color')),
      width: Number.parseFloat(String(e.style('width'))) || 1,
      label: String(e.data('label') ?? ''),
      dashed: e.style('line-style') !== 'solid',
    });
  });
  cy.nodes('[kind="node"]').forEach((n) => {
    const p = n.position();
    model.nodes.push({
      id: n.id(), x: p.x, y: p.y, w: n.width(), h: n.height(),
      shape: String(n.style('shape')),
      fill: String(n.style('background-color')),
      stroke: String(n.style('border-color')),
      strokeWidth: Number.parseFloat(String(n.style('border-width'))) || 1,
      label: String(n.data('label') ?? ''),
      opacity: Number(n.style('opacity')) || 1,
      dashed: n.style('border-style') === 'dashed',
    });
  });
  for (const m of els.nodes) {
    if (m.data.kind !== 'marker') continue;
    const e = cy.getElementById(String(m.data.edge));
    if (e.empty() || !e.isEdge()) continue;
    const s = e.source().position();
    const t = e.target().position();
    model.markers.push({ x: (s.x + t.x) / 2, y: (s.y + t.y) / 2, kind: String(m.data.security), label: m.data.label });
  }
  return model;
}
