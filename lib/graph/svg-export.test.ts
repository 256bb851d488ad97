import { describe, expect, it } from 'vitest';
import { escapeXml, toSvg, type SvgModel } from './svg-export';

const model: SvgModel = {
  background: '#fff',
  text: '#111',
  boxes: [{ x1: -50, y1: -50, x2: 250, y2: 50, label: 'default', stroke: '#ccc', fill: '#eee' }],
  nodes: [
    { id: 'a', x: 0, y: 0, w: 30, h: 30, shape: 'ellipse', fill: '#fff', stroke: '#2e9e47', strokeWidth: 2, label: 'reviews v2\nVS · CB', opacity: 1, dashed: false },
    { id: 'b', x: 200, y: 0, w: 32, h: 28, shape: 'round-triangle', fill: '#fff', stroke: '#d33a2c', strokeWidth: 4, label: 'ratings <&>', opacity: 0.45, dashed: true },
  ],
  edges: [{ sx: 0, sy: 0, tx: 200, ty: 0, color: '#d33a2c', width: 3, label: '1.50 rps', dashed: true }],
  markers: [{ x: 100, y: 0, kind: 'partial', label: '62.5%' }, { x: 100, y: 40, kind: 'mtls', label: '' }],
};

describe('toSvg', () => {
  it('draws boxes, edges with heads and labels, nodes as their shapes, locks; escapes text', () => {
    const svg = toSvg(model);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('>default</text>');
    expect(svg).toContain('<ellipse cx="0" cy="0" rx="15" ry="15"');
    expect(svg).toMatch(/<polygon points="200,-14 216,14 184,14" fill="#fff" stroke="#d33a2c" stroke-width="4" stroke-dasharray="4 3"\/>/);
    // The line stops 16 px before the target's centre, where the arrow head is.
    expect(svg).toContain('<line x1="0" y1="0" x2="184" y2="0" stroke="#d33a2c" stroke-width="3" stroke-dasharray="6 4"/>');
    expect(svg).toContain('>1.50 rps</text>');
    expect(svg).toContain('>reviews v2</text>');
    expect(svg).toContain('>VS · CB</text>');
    expect(svg).toContain('ratings &lt;&amp;&gt;');
    expect(svg).toContain('opacity="0.5"');
    expect(svg).toContain('class="lock lock-partial"');
    expect(svg).toContain('>62.5%</text>');
    expect(svg).toContain('class="lock lock-mtls"');
    expect((svg.match(/<g class="lock/g) ?? []).length).toBe(2);
  });

  it('is a valid empty document for an empty graph', () => {
    const svg = toSvg({ ...model, boxes: [], nodes: [], edges: [], markers: [] });
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 100 100"/);
    expect(escapeXml(`a"b'c`)).toBe('a&quot;b&apos;c');
  });
});
