/**
 * Find / hide expressions over graph nodes and edges, e.g.
 *   rps > 5        %error > 1        name = reviews        !mtls        protocol = tcp and rps > 0
 * Grammar:  expr := term (("or" | "||") term)* ;  term := factor (("and" | "&&") factor)* ;
 *           factor := "!" factor | "(" expr ")" | field [op value]
 *           op := = | != | > | >= | < | <=        value := number | word | "quoted" (a * in a word matches anything)
 * A field that does not apply to an element (e.g. `mtls` on a node) makes the comparison not match,
 * also under `!`, so `!mtls` finds edges without full mTLS and never nodes.
 */
import type { GraphEdge, GraphNode } from './types';

export type Op = '=' | '!=' | '>' | '>=' | '<' | '<=';

export type FindExpr =
  | { type: 'and' | 'or'; left: FindExpr; right: FindExpr }
  | { type: 'not'; expr: FindExpr }
  | { type: 'flag'; field: string }
  | { type: 'cmp'; field: string; op: Op; value: string | number };

export type ParseResult = { ok: true; expr: FindExpr } | { ok: false; error: string };

export type FindTarget = { kind: 'node'; node: GraphNode } | { kind: 'edge'; edge: GraphEdge };

type Value = number | string | boolean | string[] | undefined;

/** Fields and what they read; the help text lists them in this order. */
const NODE_FIELDS: Record<string, (n: GraphNode) => Value> = {
  name: (n) => [n.workload, n.app, n.service, n.host ?? ''].filter((s) => s !== ''),
  namespace: (n) => n.namespace,
  ns: (n) => n.namespace,
  app: (n) => n.app,
  version: (n) => n.version,
  workload: (n) => n.workload,
  service: (n) => n.service,
  type: (n) => n.nodeType,
  health: (n) => n.health,
  rps: (n) => (n.traffic.inRps > 0 ? n.traffic.inRps : n.traffic.outRps),
  inrps: (n) => n.traffic.inRps,
  outrps: (n) => n.traffic.outRps,
  '%error': (n) => 100 * (n.traffic.inRps > 0 ? n.traffic.inErrorRate : n.traffic.outErrorRate),
  p95: (n) => n.traffic.inP95 ?? undefined,
  idle: (n) => n.isIdle === true || n.health === 'idle',
  outside: (n) => n.isOutside === true,
  gateway: (n) => n.isGateway !== undefined,
  unknown: (n) => n.nodeType === 'unknown',
  external: (n) => n.nodeType === 'external',
  root: (n) => n.isRoot === true,
  sidecar: (n) => (n.nodeType === 'unknown' || n.nodeType === 'external' ? undefined : n.badges?.missingSidecar !== true),
  vs: (n) => (n.badges?.virtualService?.length ?? 0) > 0,
  cb: (n) => n.badges?.circuitBreaker === true,
  fi: (n) => n.badges?.faultInjection === true,
  configerror: (n) => (n.badges?.configErrors?.length ?? 0) > 0,
};

const EDGE_FIELDS: Record<string, (e: GraphEdge) => Value> = {
  rps: (e) => e.rps,
  '%error': (e) => 100 * e.errorRate,
  '%source': (e) => e.percentOfSource,
  p50: (e) => e.p50 ?? undefined,
  p95: (e) => e.p95 ?? undefined,
  p99: (e) => e.p99 ?? undefined,
  rt: (e) => e.p95 ?? undefined,
  protocol: (e) => e.protocol,
  health: (e) => e.health,
  http: (e) => e.protocol === 'http',
  grpc: (e) => e.protocol === 'grpc',
  tcp: (e) => e.protocol === 'tcp',
  mtls: (e) => (e.mtlsPercent === null ? false : e.mtlsPercent >= 100 - 1e-9),
  '%mtls': (e) => e.mtlsPercent ?? undefined,
  idle: (e) => !(e.rps > 0),
};

const FIELD_ALIASES: Record<string, string> = { error: '%error', errors: '%error', '%err': '%error', responsetime: 'rt', '%tls': '%mtls' };

export const FIND_FIELDS = { node: Object.keys(NODE_FIELDS), edge: Object.keys(EDGE_FIELDS) };

type Token = { t: 'word' | 'op' | '(' | ')' | '!' | 'and' | 'or' | 'str'; v: string; pos: number };

function tokenize(src: string): Token[] | string {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')') { out.push({ t: c, v: c, pos: i }); i++; continue; }
    if (src.startsWith('&&', i)) { out.push({ t: 'and', v: '&&', pos: i }); i += 2; continue; }
    if (src.startsWith('||', i)) { out.push({ t: 'or', v: '||', pos: i }); i += 2; continue; }
    const op = ['!=', '>=', '<=', '=', '>', '<'].find((o) => src.startsWith(o, i));
    if (op) {
      // `=` may be written `==`.
      const len = op === '=' && src[i + 1] === '=' ? 2 : op.length;
      out.push({ t: 'op', v: op, pos: i });
      i += len;
      continue;
    }
    if (c === '!') { out.push({ t: '!', v: '!', pos: i }); i++; continue; }
    if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) return `unterminated quote at ${i + 1}`;
      out.push({ t: 'str', v: src.slice(i + 1, end), pos: i });
      i = end + 1;
      continue;
    }
    const m = /^[^\s()!=<>&|"']+/.exec(src.slice(i));
    if (!m) return `unexpected "${c}" at ${i + 1}`;
    const w = m[0];
    const lower = w.toLowerCase();
    out.push({ t: lower === 'and' ? 'and' : lower === 'or' ? 'or' : lower === 'not' ? '!' : 'word', v: w, pos: i });
    i += w.length;
  }
  return out;
}

function fieldName(raw: string): string {
  const f = raw.toLowerCase();
  return FIELD_ALIASES[f] ?? f;
}

function isField(f: string): boolean {
  return f in NODE_FIELDS || f in EDGE_FIELDS;
}

export function parseFind(src: string): ParseResult {
  const tokens = tokenize(src);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  if (tokens.length === 0) return { ok: false, error: 'empty expression' };
  let i = 0;
  const peek = () => tokens[i];
  const fail = (msg: string): never => {
    throw new Error(msg);
  };

  const factor = (): FindExpr => {
    const tok = peek();
    if (!tok) return fail('expression ends too early');
    if (tok.t === '!') {
      i++;
      return { type: 'not', expr: factor() };
    }
    if (tok.t === '(') {
      i++;
      const e = expr();
      if (peek()?.t !== ')') fail(`missing ")" for "(" at ${tok.pos + 1}`);
      i++;
      return e;
    }
    if (tok.t !== 'word') return fail(`expected a field at ${tok.pos + 1}, found "${tok.v}"`);
    i++;
    const field = fieldName(tok.v);
    if (!isField(field)) fail(`unknown field "${tok.v}"; try one of: ${[...new Set([...FIND_FIELDS.node, ...FIND_FIELDS.edge])].join(', ')}`);
    const op = peek();
    if (op?.t !== 'op') return { type: 'flag', field };
    i++;
    const val = peek();
    if (!val || (val.t !== 'word' && val.t !== 'str')) return fail(`expected a value after "${op.v}" at ${op.pos + 1}`);
    i++;
    const num = val.t === 'word' ? Number(val.v.replace(/%$/, '')) : NaN;
    const value: string | number = val.t === 'word' && val.v !== '' && Number.isFinite(num) ? num : val.v;
    const o = op.v as Op;
    if ((o === '>' || o === '<' || o === '>=' || o === '<=') && typeof value !== 'number') fail(`"${op.v}" needs a number, found "${val.v}"`);
    return { type: 'cmp', field, op: o, value };
  };

  const term = (): FindExpr => {
    let left = factor();
    while (peek()?.t === 'and') {
      i++;
      left = { type: 'and', left, right: factor() };
    }
    return left;
  };

  const expr = (): FindExpr => {
    let left = term();
    while (peek()?.t === 'or') {
      i++;
      left = { type: 'or', left, right: term() };
    }
    return left;
  };

  try {
    const e = expr();
    const rest = peek();
    if (rest) return { ok: false, error: `unexpected "${rest.v}" at ${rest.pos + 1}` };
    return { ok: true, expr: e };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

function glob(pattern: string, s: string): boolean {
  const p = pattern.toLowerCase();
  const v = s.toLowerCase();
  if (!p.includes('*')) return p === v;
  const re = new RegExp(`^${p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(v);
}

function compare(actual: Value, op: Op, expected: string | number): boolean | undefined {
  if (actual === undefined) return undefined;
  if (Array.isArray(actual)) {
    if (op === '!=') return actual.every((a) => compare(a, '=', expected) === false);
    return actual.some((a) => compare(a, op, expected) === true);
  }
  if (typeof actual === 'boolean') {
    const want = String(expected).toLowerCase();
    const b = want === 'true' || want === 'yes' || want === '1';
    return op === '=' ? actual === b : op === '!=' ? actual !== b : undefined;
  }
  if (typeof actual === 'number') {
    if (typeof expected !== 'number') return undefined;
    switch (op) {
      case '=': return Math.abs(actual - expected) < 1e-9;
      case '!=': return Math.abs(actual - expected) >= 1e-9;
      case '>': return actual > expected;
      case '>=': return actual >= expected;
      case '<': return actual < expected;
      case '<=': return actual <= expected;
    }
  }
  const s = String(expected);
  if (op === '=') return glob(s, actual);
  if (op === '!=') return !glob(s, actual);
  return undefined;
}

/** Three-valued: undefined = the expression does not apply to this element. */
function evalExpr(e: FindExpr, read: (field: string) => Value): boolean | undefined {
  switch (e.type) {
    case 'and': {
      const l = evalExpr(e.left, read);
      if (l === false) return false;
      const r = evalExpr(e.right, read);
      if (r === false) return false;
      return l === undefined || r === undefined ? undefined : true;
    }
    case 'or': {
      const l = evalExpr(e.left, read);
      const r = evalExpr(e.right, read);
      if (l === true || r === true) return true;
      return l === undefined && r === undefined ? undefined : false;
    }
    case 'not': {
      const v = evalExpr(e.expr, read);
      return v === undefined ? undefined : !v;
    }
    case 'flag': {
      const v = read(e.field);
      if (v === undefined) return undefined;
      if (typeof v === 'boolean') return v;
      if (typeof v === 'number') return v > 0;
      return Array.isArray(v) ? v.length > 0 : v !== '';
    }
    case 'cmp':
      return compare(read(e.field), e.op, e.value);
  }
}

export function matchesFind(expr: FindExpr, target: FindTarget): boolean {
  const read = target.kind === 'node'
    ? (f: string) => NODE_FIELDS[f]?.(target.node)
    : (f: string) => EDGE_FIELDS[f]?.(target.edge);
  return evalExpr(expr, read) === true;
}
