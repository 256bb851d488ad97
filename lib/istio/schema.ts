/**
 * Schema validation of Istio specs (IST0106): unknown fields, wrong types, missing required fields,
 * bad enum values, each with its field path. Also returns a usable copy of the spec for the semantic
 * checks: unknown fields dropped, and a list item with a type error removed, so one broken route does
 * not hide the problems of the others.
 */
import type { z } from 'zod';
import type { PathSegment } from './yaml-loader';

export interface SchemaIssue {
  /** Path below the object, starting with `spec`. */
  path: PathSegment[];
  message: string;
}

export interface SchemaResult<T> {
  issues: SchemaIssue[];
  /** The spec the checks can rely on, or undefined when it could not be repaired. */
  usable?: T;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_type':
      return issue.message.includes('received undefined') ? 'required field is missing' : issue.message.replace(/^Invalid input: /, '');
    case 'invalid_union':
      return 'value does not match any allowed form';
    case 'invalid_value':
      return issue.message.replace(/^Invalid option: /, '');
    default:
      return issue.message;
  }
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function getAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** Validates `spec` (path prefix `spec`) and repairs what it can. */
export function validateSpec<T>(schema: z.ZodType<T>, spec: unknown): SchemaResult<T> {
  const first = schema.safeParse(spec ?? {});
  if (first.success) return { issues: [], usable: first.data };
  const issues: SchemaIssue[] = [];
  for (const issue of first.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: ['spec', ...path, key], message: `unknown field "${key}"` });
    } else {
      issues.push({ path: ['spec', ...path], message: describeIssue(issue) });
    }
  }
  // Repair without moving list items (paths must keep pointing at the source): drop unknown keys and
  // fields with errors; only when that is not enough (a required field), drop the list item holding it.
  let work: unknown = clone(spec ?? {});
  let current = first.error.issues;
  for (let attempt = 0; attempt < 6; attempt++) {
    let changed = false;
    const dropItems = attempt >= 3;
    for (const issue of current) {
      const path = issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
      if (issue.code === 'unrecognized_keys') {
        const target = getAt(work, path);
        if (target && typeof target === 'object') for (const k of issue.keys) delete (target as Record<string, unknown>)[k];
        changed = true;
        continue;
      }
      const last = path[path.length - 1];
      const parent = getAt(work, path.slice(0, -1));
      if (!dropItems && typeof last === 'string' && parent && typeof parent === 'object' && !Array.isArray(parent) && last in parent) {
        delete (parent as Record<string, unknown>)[last];
        changed = true;
        continue;
      }
      let idx = -1;
      for (let i = path.length - 1; i >= 0; i--) {
        if (typeof path[i] === 'number') {
          idx = i;
          break;
        }
      }
      if (idx < 0) {
        if (dropItems) return { issues };
        continue;
      }
      const list = getAt(work, path.slice(0, idx));
      if (Array.isArray(list)) {
        list[path[idx] as number] = undefined; // marked; compacted below
        changed = true;
      }
    }
    if (!changed && attempt >= 3) return { issues };
    work = compact(work);
    const retry = schema.safeParse(work);
    if (retry.success) return { issues, usable: retry.data };
    current = retry.error.issues;
  }
  return { issues };
}

function compact(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(compact);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = compact(x);
    return out;
  }
  return v;
}

/** `spec/http[0]/route[1]` style path for display, from segments. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `/${seg}`;
  }
  return out;
}
