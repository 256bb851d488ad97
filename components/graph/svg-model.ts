/** Reads what cytoscape shows (positions, sizes, computed colours, labels) into the SVG export model. */
import type { Core } from 'cytoscape';
import type { SvgModel } from '@/lib/graph/svg-export';
import { readColors } from './graph-style';

export function collectSvgModel(cy: Core): SvgModel {
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
  cy.nodes('.marker').forEach((m) => {
    const p = m.position();
    model.markers.push({ x: p.x, y: p.y, kind: String(m.data('security')), label: String(m.data('label') ?? '') });
  });
  return model;
}
