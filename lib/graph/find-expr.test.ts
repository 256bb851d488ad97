import { describe, expect, it } from 'vitest';
import { matchesFind, parseFind, type FindExpr } from './find-expr';
import { tedge, tnode } from './test-graph';

function expr(src: string): FindExpr {
  const r = parseFind(src);
  if (!r.ok) throw new Error(r.error);
  return r.expr;
}

const reviews2 = tnode('vapp:default:reviews:v2', { traffic: { inRps: 6, outRps: 4, inErrorRate: 0.02, outErrorRate: 0.5, inP50: 1, inP95: 30, inP99: 40, tcpInBps: 0, tcpOutBps: 0 } });
const ratings = tnode('vapp:default:ratings:v1', { traffic: { inRps: 2, outRps: 0, inErrorRate: 0.005, outErrorRate: 0, inP50: 1, inP95: 2, inP99: 3, tcpInBps: 0, tcpOutBps: 0 } });
const reviewsSvc = tnode('svc:default:reviews');
const gateway = tnode('wl:istio-system:istio-ingressgateway', { isGateway: 'ingress', isRoot: true, traffic: { inRps: 0, outRps: 10, inErrorRate: 0, outErrorRate: 0, inP50: null, inP95: null, inP99: null, tcpInBps: 0, tcpOutBps: 0 } });
const unknown = tnode('unknown');
const fast = tedge('a', 'b', { rps: 7.5, errorRate: 0.2, mtlsPercent: 100 });
const plain = tedge('unknown', 'b', { rps: 0.5, errorRate: 0, mtlsPercent: 0 });
const partial = tedge('c', 'b', { rps: 3, mtlsPercent: 40 });
const noReport = tedge('c', 'ext', { rps: 3, mtlsPercent: null, protocol: 'tcp' });

const node = (n: ReturnType<typeof tnode>) => ({ kind: 'node' as const, node: n });
const edge = (e: ReturnType<typeof tedge>) => ({ kind: 'edge' as const, edge: e });

describe('parseFind', () => {
  it('parses comparisons, flags, negation, and/or with and binding tighter, parentheses', () => {
    expect(expr('rps > 5')).toEqual({ type: 'cmp', field: 'rps', op: '>', value: 5 });
    expect(expr('!mtls')).toEqual({ type: 'not', expr: { type: 'flag', field: 'mtls' } });
    expect(expr('name = reviews or rps > 1 and %error >= 2')).toEqual({
      type: 'or',
      left: { type: 'cmp', field: 'name', op: '=', value: 'reviews' },
      right: { type: 'and', left: { type: 'cmp', field: 'rps', op: '>', value: 1 }, right: { type: 'cmp', field: '%error', op: '>=', value: 2 } },
    });
    expect(expr('(name = "reviews" || tcp) && !idle').type).toBe('and');
    expect(expr('%error > 1%')).toEqual({ type: 'cmp', field: '%error', op: '>', value: 1 });
    expect(expr('name == reviews')).toEqual({ type: 'cmp', field: 'name', op: '=', value: 'reviews' });
  });

  it('explains bad expressions', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['speed > 5', /unknown field "speed"/],
      ['rps >', /expected a value/],
      ['rps > fast', /needs a number/],
      ['(rps > 1', /missing "\)"/],
      ['rps > 1 name', /unexpected "name"/],
      ['name = "reviews', /unterminated quote/],
    ];
    for (const [src, re] of cases) {
      const r = parseFind(src);
      expect(r.ok, src).toBe(false);
      if (!r.ok) expect(r.error, src).toMatch(re);
    }
  });
});

describe('matchesFind', () => {
  it('rps > 5: nodes by inbound rate (outbound for sources), edges by their rate', () => {
    const e = expr('rps > 5');
    expect(matchesFind(e, node(reviews2))).toBe(true); // 6 in
    expect(matchesFind(e, node(ratings))).toBe(false); // 2 in
    expect(matchesFind(e, node(gateway))).toBe(true); // 10 out, nothing in
    expect(matchesFind(e, edge(fast))).toBe(true); // 7.5
    expect(matchesFind(e, edge(partial))).toBe(false); // 3
  });

  it('%error > 1 in percent: reviews-v2 has 2 % inbound errors, ratings 0.5 %', () => {
    const e = expr('%error > 1');
    expect(matchesFind(e, node(reviews2))).toBe(true);
    expect(matchesFind(e, node(ratings))).toBe(false);
    expect(matchesFind(e, edge(fast))).toBe(true); // 20 %
    expect(matchesFind(e, edge(plain))).toBe(false);
  });

  it('name = reviews matches every reviews node (versions and the service), globs and !=', () => {
    expect(matchesFind(expr('name = reviews'), node(reviews2))).toBe(true);
    expect(matchesFind(expr('name = reviews'), node(reviewsSvc))).toBe(true);
    expect(matchesFind(expr('name = REVIEWS'), node(reviews2))).toBe(true);
    expect(matchesFind(expr('name = reviews'), node(ratings))).toBe(false);
    expect(matchesFind(expr('name = rev*'), node(reviews2))).toBe(true);
    expect(matchesFind(expr('name != reviews'), node(ratings))).toBe(true);
    expect(matchesFind(expr('name != reviews'), node(reviews2))).toBe(false);
    expect(matchesFind(expr('name = reviews'), edge(fast))).toBe(false); // not a field of edges
  });

  it('!mtls: edges without full mTLS (plaintext, partial, unknown), never nodes', () => {
    const e = expr('!mtls');
    expect(matchesFind(e, edge(fast))).toBe(false);
    expect(matchesFind(e, edge(plain))).toBe(true);
    expect(matchesFind(e, edge(partial))).toBe(true);
    expect(matchesFind(e, edge(noReport))).toBe(true);
    expect(matchesFind(e, node(reviews2))).toBe(false);
    expect(matchesFind(expr('%mtls < 50'), edge(partial))).toBe(true);
    expect(matchesFind(expr('%mtls < 50'), edge(noReport))).toBe(false);
  });

  it('flags and combinations', () => {
    expect(matchesFind(expr('gateway'), node(gateway))).toBe(true);
    expect(matchesFind(expr('unknown'), node(unknown))).toBe(true);
    expect(matchesFind(expr('tcp'), edge(noReport))).toBe(true);
    expect(matchesFind(expr('protocol = http and rps > 1'), edge(partial))).toBe(true);
    expect(matchesFind(expr('protocol = http and rps > 1'), edge(noReport))).toBe(false);
    expect(matchesFind(expr('name = ratings or gateway'), node(gateway))).toBe(true);
    expect(matchesFind(expr('namespace = istio-system and !gateway'), node(gateway))).toBe(false);
    expect(matchesFind(expr('p95 > 20'), node(reviews2))).toBe(true);
  });
});
