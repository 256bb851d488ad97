/**
 * A memo for cytoscape's style hints.
 *
 * After styling an element, cytoscape computes its "style hints": hash keys of its style per property
 * group, which its renderer uses to share label and node textures between elements that look alike.
 * They are a function of the element's own style properties only (cytoscape keeps the ones that differ
 * from the defaults, three to six on this stylesheet) and of whether it is a node, yet each call
 * allocates some twenty arrays and closures and rehashes the default label properties: ~10 µs an
 * element, 70–130 ms of a 6,000-element first paint. Most elements of a big graph look alike (the
 * same classes, the same width), so the hints of an element are memoised by its properties' names
 * and values and copied to the next element with the same ones.
 *
 * Falls back to cytoscape for a removed element (it has no hints to update) and for a node sized by
 * its label (its hash uses the element's pool index). Installed on the Style prototype, as the
 * initial-style shortcut (cy-initial-style.ts); a cytoscape whose internals differ is left alone.
 * Tested against unpatched cytoscape in cy-style-hints.test.ts.
 */
import type { Core } from 'cytoscape';

interface ParsedProperty {
  value?: unknown;
  strValue?: string;
  pfValue?: unknown;
}

interface HintedElement {
  _private: Record<string, unknown> & {
    group: 'nodes' | 'edges';
    style: Record<string, ParsedProperty | undefined>;
    styleKeys: Record<string, unknown>;
    styleKey: unknown;
  };
  removed(): boolean;
}

type UpdateStyleHints = (this: unknown, ele: HintedElement) => boolean;
interface StylePrototype { updateStyleHints?: UpdateStyleHints; __meshscopeHintsMemo?: UpdateStyleHints }

/** The hint fields updateStyleHints sets, for every element and for each group only. */
const COMMON_FIELDS = ['styleKey', 'labelDimsKey', 'labelKey', 'labelStyleKey'] as const;
const EDGE_FIELDS = ['sourceLabelKey', 'sourceLabelStyleKey', 'targetLabelKey', 'targetLabelStyleKey'] as const;
const NODE_FIELDS = ['nodeKey', 'hasPie', 'hasStripe'] as const;

interface Hints {
  /** Per property group, the [hash, alt hash] pair; the pairs are never written after the call that made them. */
  styleKeys: Record<string, unknown>;
  fields: unknown[];
}

/** Past this many distinct looks the memo starts over (a refresh of a big graph makes a few thousand). */
const MAX_ENTRIES = 20_000;

/** The element's own style as a string, or undefined when its hints must come from cytoscape. */
function lookOf(ele: HintedElement): string | undefined {
  const style = ele._private.style;
  let look = ele._private.group === 'nodes' ? 'n' : 'e';
  for (const name in style) {
    const prop = style[name];
    if (prop == null) {
      look += `|${name}`;
      continue;
    }
    if ((name === 'width' || name === 'height') && prop.value === 'label') return undefined;
    look += `|${name}=${prop.strValue}#${String(prop.pfValue)}`;
  }
  return look;
}

function styleProtoOf(cy: Core): StylePrototype | undefined {
  const style = (cy as unknown as { style?: () => unknown }).style?.();
  return style ? (Object.getPrototypeOf(style) as StylePrototype) : undefined;
}

/**
 * Installs the memo (idempotent) on the Style prototype of this cytoscape; returns a function that
 * removes it again (for tests). `cy` must have style enabled.
 */
export function installStyleHintsMemo(cy: Core): () => void {
  const proto = styleProtoOf(cy);
  const original = proto?.updateStyleHints;
  if (!proto || typeof original !== 'function') return () => undefined;
  if (proto.__meshscopeHintsMemo) return () => undefined;
  const memo = new Map<string, Hints>();
  const memoised: UpdateStyleHints = function (this: unknown, ele) {
    const look = ele.removed() ? undefined : lookOf(ele);
    if (look === undefined) return original.call(this, ele);
    const p = ele._private;
    const fields = p.group === 'nodes' ? NODE_FIELDS : EDGE_FIELDS;
    const known = memo.get(look);
    if (known === undefined) {
      const changed = original.call(this, ele);
      if (memo.size >= MAX_ENTRIES) memo.clear();
      memo.set(look, {
        styleKeys: { ...p.styleKeys },
        fields: [...COMMON_FIELDS.map((f) => p[f]), ...fields.map((f) => p[f])],
      });
      return changed;
    }
    const before = p.styleKey;
    // A copy of the pairs' holder: cytoscape writes new pairs into it when it recomputes this element.
    p.styleKeys = { ...known.styleKeys };
    COMMON_FIELDS.forEach((f, i) => {
      p[f] = known.fields[i];
    });
    fields.forEach((f, i) => {
      p[f] = known.fields[COMMON_FIELDS.length + i];
    });
    return before !== p.styleKey;
  };
  proto.updateStyleHints = memoised;
  proto.__meshscopeHintsMemo = original;
  return () => {
    if (proto.updateStyleHints === memoised) proto.updateStyleHints = original;
    delete proto.__meshscopeHintsMemo;
  };
}
