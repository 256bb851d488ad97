/**
 * The canvas under cytoscape's that draws the edges a big graph leaves to the overview
 * (lib/graph/detail.ts: all of them far out, those away from the view when zoomed in), as plain
 * lines (lib/graph/overview.ts), in step with cytoscape's pan, zoom and size and with nodes being
 * dragged. It draws in the next animation frame after a change, the frame cytoscape draws in too.
 * Clicks are cytoscape's: the canvas tells which of its edges a click on the background hit.
 */
import type { Core, NodeSingular } from 'cytoscape';
import type { ColorMode } from '@/lib/graph/display-params';
import type { EdgeElement } from '@/lib/graph/elements';
import { edgeAt, overviewStrokes, type OverviewColors } from '@/lib/graph/overview';
import type { Point } from '@/lib/graph/placement';

/** The event emitted on cytoscape after each draw of the overview (the test hook notes when it is painted). */
export const OVERVIEW_DRAW_EVENT = 'meshscope-overview-draw';

/** How far from an edge's line (screen px, beyond its half width) a click still takes it. */
const HIT_TOLERANCE_PX = 4;

export interface OverviewLook {
  colorBy: ColorMode;
  colors: OverviewColors;
  /** The selected edge, drawn with its halo. */
  selected?: string;
}

export class EdgeOverview {
  private list: EdgeElement[] = [];
  private byId = new Map<string, EdgeElement>();
  private nodes = new Map<string, NodeSingular>();
  private look: OverviewLook;
  private frame = 0;
  private readonly positionOf = (id: string): Point | undefined => this.nodes.get(id)?.position();
  private readonly schedule = () => {
    if (this.frame === 0) this.frame = requestAnimationFrame(this.drawFrame);
  };
  private readonly drawFrame = () => {
    this.frame = 0;
    this.draw();
    this.cy.emit(OVERVIEW_DRAW_EVENT);
  };

  constructor(private readonly cy: Core, private readonly canvas: HTMLCanvasElement, look: OverviewLook) {
    this.look = look;
    cy.on('viewport resize', this.schedule);
    cy.on('position', 'node[kind="node"]', this.schedule);
  }

  /** The edges to draw (after each element sync: nodes may have come or gone too). */
  setEdges(edges: EdgeElement[]): void {
    this.list = edges;
    this.byId = new Map(edges.map((e) => [e.data.id, e]));
    this.nodes = new Map();
    if (edges.length > 0) this.cy.nodes('[kind="node"]').forEach((n) => { this.nodes.set(n.id(), n); });
    this.schedule();
  }

  setLook(look: Partial<OverviewLook>): void {
    this.look = { ...this.look, ...look };
    this.schedule();
  }

  get edges(): readonly EdgeElement[] {
    return this.list;
  }

  edge(id: string): EdgeElement | undefined {
    return this.byId.get(id);
  }

  /** The selected edge's id, whichever draws it. */
  get selected(): string | undefined {
    return this.look.selected;
  }

  /** The edge a click at this model position hits, if any. */
  edgeAt(p: Point): string | undefined {
    return edgeAt(this.list, this.positionOf, p, HIT_TOLERANCE_PX / this.cy.zoom());
  }

  destroy(): void {
    this.cy.removeListener('viewport resize', this.schedule);
    this.cy.removeListener('position', 'node[kind="node"]', this.schedule);
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
  }

  private draw(): void {
    const { canvas, cy } = this;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(cy.width() * ratio);
    const height = Math.round(cy.height() * ratio);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
      canvas.style.width = `${cy.width()}px`;
      canvas.style.height = `${cy.height()}px`;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (this.list.length === 0) return;
    const zoom = cy.zoom();
    const pan = cy.pan();
    ctx.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * pan.x, ratio * pan.y);
    for (const batch of overviewStrokes(this.list, this.positionOf, this.look.colorBy, this.look.colors, this.look.selected, cy.extent())) {
      ctx.globalAlpha = batch.alpha;
      ctx.strokeStyle = batch.color;
      ctx.lineWidth = batch.width;
      ctx.setLineDash(batch.dash as number[]);
      ctx.beginPath();
      const c = batch.coords;
      for (let i = 0; i < c.length; i += 4) {
        ctx.moveTo(c[i] as number, c[i + 1] as number);
        ctx.lineTo(c[i + 2] as number, c[i + 3] as number);
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
}
