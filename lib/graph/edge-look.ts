/**
 * How an edge looks in each colour mode: its colour (a theme colour's name) and line style. One table
 * for the two places that draw edges: cytoscape's stylesheet (components/graph/graph-style.ts) and
 * the overview that draws a big graph's edges far out (overview.ts).
 */
import type { ColorMode } from './display-params';
import type { EdgeSecurity } from './security';
import type { HealthStatus } from '../health/rules';

export type EdgeColor = 'healthy' | 'degraded' | 'failing' | 'idle';
export type LineStyle = 'solid' | 'dotted' | 'dashed';

export interface EdgeLook {
  color: EdgeColor;
  style: LineStyle;
}

/** Dashes of a `dashed` edge, in model units (cytoscape's line-dash-pattern). */
export const DASH_PATTERN: readonly number[] = [6, 4];
/** Dots of a `dotted` edge (what cytoscape's canvas uses). */
export const DOT_PATTERN: readonly number[] = [1, 1];

/** Health mode, by the edge's health; security mode, by its transport security (lib/graph/security.ts). */
export const EDGE_LOOKS = {
  health: {
    healthy: { color: 'healthy', style: 'solid' },
    degraded: { color: 'degraded', style: 'solid' },
    failing: { color: 'failing', style: 'solid' },
    idle: { color: 'idle', style: 'dotted' },
  },
  security: {
    mtls: { color: 'healthy', style: 'solid' },
    partial: { color: 'degraded', style: 'solid' },
    plaintext: { color: 'failing', style: 'dashed' },
    unknown: { color: 'idle', style: 'dotted' },
  },
} as const satisfies { health: Record<HealthStatus, EdgeLook>; security: Record<EdgeSecurity, EdgeLook> };

/** The class prefix each mode's looks are selected by (elements.ts gives every edge both classes). */
export const EDGE_LOOK_CLASS: Record<ColorMode, string> = { health: 'health-', security: 'sec-' };

/** An edge without a known health or security looks like this (the stylesheet's base edge). */
export const PLAIN_EDGE_LOOK: EdgeLook = { color: 'idle', style: 'solid' };

export function edgeLookOf(colorBy: ColorMode, edge: { health?: unknown; security?: unknown }): EdgeLook {
  const looks: Record<string, EdgeLook> = EDGE_LOOKS[colorBy];
  const key = colorBy === 'health' ? edge.health : edge.security;
  return (typeof key === 'string' ? looks[key] : undefined) ?? PLAIN_EDGE_LOOK;
}

/** The accent halo of what a Find expression matched (cytoscape's underlay), and of a selected edge (its overlay). */
export const FOUND_HALO = { opacity: 0.35, padding: 8 } as const;
export const SELECTED_EDGE_HALO = { opacity: 0.25, padding: 4 } as const;
