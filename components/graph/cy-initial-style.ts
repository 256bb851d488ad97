/**
 * A shortcut in cytoscape's style application for elements styled for the first time.
 *
 * Cytoscape applies every property of its default stylesheet (~150) to a new element, and after each
 * one runs its change triggers: it dirties the element's derived-state cache and that of its edges
 * (allocating a collection of the edges each time, and an empty one for an edge), marks the bounding
 * boxes of the element, its edges and its parallel edges dirty (emitting a `bounds` event each time)
 * and notifies a z-order change. For an element being styled the first time these are no-ops: nothing
 * about it was computed yet — its bounding box, visibility and z-order are all read through its style,
 * which is applied before they are (cytoscape applies style lazily, on the first read). On a
 * 6,000-element graph they were ~200 ms and much of the garbage of the first paint.
 *
 * The shortcut keeps the one trigger that can matter, the derived-state caches of the element and of
 * edges already attached to it, without allocating; it is off where compound nodes exist (whose
 * bounds follow their children's style) and for every later style change, which go through cytoscape
 * as before. Installed on the Style prototype (cytoscape has no public hook for this), once; a
 * cytoscape whose internals differ is left alone. Tested against unpatched cytoscape in
 * cy-initial-style.test.ts.
 */
import type { Core } from 'cytoscape';

interface ElementInternals {
  _private: {
    appliedInitStyle?: boolean;
    styleCache: unknown;
    group: 'nodes' | 'edges';
    edges?: ElementInternals[];
    cy: { hasCompoundNodes(): boolean };
  };
}

type CheckTriggers = (this: unknown, ele: ElementInternals, name: string, from: unknown, to: unknown) => void;
interface StylePrototype { checkTriggers?: CheckTriggers; __meshscopeInitialShortcut?: CheckTriggers }

function styleProtoOf(cy: Core): StylePrototype | undefined {
  const style = (cy as unknown as { style?: () => unknown }).style?.();
  return style ? (Object.getPrototypeOf(style) as StylePrototype) : undefined;
}

/**
 * Installs the shortcut (idempotent) on the Style prototype of this cytoscape; returns a function
 * that removes it again (for tests). `cy` must have style enabled.
 */
export function installInitialStyleShortcut(cy: Core): () => void {
  const proto = styleProtoOf(cy);
  const original = proto?.checkTriggers;
  if (!proto || typeof original !== 'function') return () => undefined;
  if (proto.__meshscopeInitialShortcut) return () => undefined;
  const shortcut: CheckTriggers = function (this: unknown, ele, name, from, to) {
    const p = ele._private;
    if (p.appliedInitStyle || p.cy.hasCompoundNodes()) {
      original.call(this, ele, name, from, to);
      return;
    }
    p.styleCache = null;
    const edges = p.group === 'nodes' ? p.edges : undefined;
    if (edges) for (let i = 0; i < edges.length; i++) (edges[i] as ElementInternals)._private.styleCache = null;
  };
  proto.checkTriggers = shortcut;
  proto.__meshscopeInitialShortcut = original;
  return () => {
    if (proto.checkTriggers === shortcut) proto.checkTriggers = original;
    delete proto.__meshscopeInitialShortcut;
  };
}
