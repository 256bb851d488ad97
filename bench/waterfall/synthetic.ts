/**
 * Synthetic Istio-shaped traces of any size for the waterfall benchmark, in Jaeger v1 UI JSON (what
 * `/api/traces/{id}` returns): a gateway → productpage root, then a random call tree where every
 * hop is an Envoy CLIENT span with a SERVER child, carrying Envoy's and Istio's string tags.
 */
const APPS = ['productpage', 'reviews', 'ratings', 'details', 'cart', 'checkout', 'payments', 'inventory', 'shipping', 'users', 'search', 'recommend'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
const str = (key: string, value: string) => ({ key, type: 'string', value });

export function syntheticTraceId(spans: number): string {
  return hex(0xabc000 + spans, 32);
}

/** A v1 envelope `{data:[trace]}` with exactly `spanCount` spans (even numbers: hops are pairs). */
export function syntheticIstioTrace(spanCount: number, seed = 7): unknown {
  const rand = rng(seed);
  const traceID = syntheticTraceId(spanCount);
  const t0 = 1_780_000_000_000_000;
  const spans: unknown[] = [];
  const processes: Record<string, { serviceName: string; tags: unknown[] }> = {};
  APPS.forEach((app, i) => {
    processes[`p${i + 1}`] = { serviceName: `${app}.default`, tags: [str('ip', `10.244.0.${i + 10}`), str('hostname', `${app}-v1-6f89b6c557-x${i}abc`)] };
  });
  let next = 1;
  const tags = (app: number, kind: 'client' | 'server', host: string, status: string) => [
    str('component', 'proxy'),
    str('node_id', `sidecar~10.244.0.${app + 10}~${APPS[app]}-v1-6f89b6c557-x${app}abc.default~default.svc.cluster.local`),
    str('guid:x-request-id', '5c6e4337-15ba-2bdd-1772-19d30e7a269f'),
    str('http.url', `http://${host}:9080/api/v1/items`),
    str('http.method', 'GET'),
    str('http.protocol', 'HTTP/1.1'),
    str('downstream_cluster', '-'),
    str('user_agent', 'python-requests/2.31.0'),
    str('peer.address', `10.244.0.${app + 10}`),
    str('request_size', '0'),
    str('response_size', String(200 + Math.floor(rand() * 5000))),
    str('response_flags', status === '503' ? 'UF' : '-'),
    str('http.status_code', status),
    str('upstream_cluster', kind === 'client' ? `outbound|9080||${host}` : 'inbound|9080||'),
    str('istio.canonical_service', APPS[app]!),
    str('istio.namespace', 'default'),
    str('span.kind', kind),
    ...(status === '503' ? [str('error', 'true')] : []),
  ];
  // root: the productpage server span
  const rootId = hex(next++, 16);
  const rootDur = 2_000_000;
  spans.push({
    traceID, spanID: rootId, operationName: 'productpage.default.svc.cluster.local:9080/productpage', references: [],
    startTime: t0, duration: rootDur, tags: tags(0, 'server', 'productpage.default.svc.cluster.local', '200'), logs: [], processID: 'p1', warnings: null,
  });
  // breadth-first: each server span calls a few others until the budget is spent
  const queue: Array<{ id: string; app: number; start: number; dur: number; depth: number }> = [{ id: rootId, app: 0, start: t0, dur: rootDur, depth: 0 }];
  while (spans.length + 2 <= spanCount && queue.length > 0) {
    const parent = queue.shift()!;
    const calls = parent.depth === 0 ? Math.max(1, Math.floor((spanCount - 1) / 40)) : 1 + Math.floor(rand() * 4);
    const slot = parent.dur / (calls + 1);
    for (let c = 0; c < calls && spans.length + 2 <= spanCount; c += 1) {
      const app = 1 + Math.floor(rand() * (APPS.length - 1));
      const host = `${APPS[app]}.default.svc.cluster.local`;
      const status = rand() < 0.03 ? '503' : '200';
      const cStart = parent.start + slot * c + rand() * slot * 0.2;
      const cDur = Math.max(4, slot * (0.5 + rand() * 0.5));
      const clientId = hex(next++, 16);
      const serverId = hex(next++, 16);
      const op = `${host}:9080/*`;
      spans.push({
        traceID, spanID: clientId, operationName: op, references: [{ refType: 'CHILD_OF', traceID, spanID: parent.id }],
        startTime: Math.round(cStart), duration: Math.round(cDur), tags: tags(parent.app, 'client', host, status), logs: [], processID: `p${parent.app + 1}`, warnings: null,
      });
      const sStart = cStart + cDur * 0.05;
      const sDur = cDur * 0.9;
      spans.push({
        traceID, spanID: serverId, operationName: op, references: [{ refType: 'CHILD_OF', traceID, spanID: clientId }],
        startTime: Math.round(sStart), duration: Math.round(sDur), tags: tags(app, 'server', host, status), logs: [], processID: `p${app + 1}`, warnings: null,
      });
      if (parent.depth < 12) queue.push({ id: serverId, app, start: sStart, dur: sDur, depth: parent.depth + 1 });
    }
  }
  while (spans.length < spanCount) {
    // pad with app-internal spans under the root (odd remainders, or a budget the tree did not use)
    spans.push({
      traceID, spanID: hex(next++, 16), operationName: 'render', references: [{ refType: 'CHILD_OF', traceID, spanID: rootId }],
      startTime: t0 + 1000, duration: 500, tags: [str('component', 'app')], logs: [], processID: 'p1', warnings: null,
    });
  }
  return { data: [{ traceID, spans, processes, warnings: null }], total: 0, limit: 0, offset: 0, errors: null };
}
