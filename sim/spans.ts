/**
 * Builds the Envoy-style spans of one trace as Istio's proxies report them: a CLIENT span in the
 * caller's proxy and a SERVER child span in the callee's sidecar per hop, service names
 * `<app>.<namespace>`, operation `<host>:<port>/*`, and Envoy's string-valued tags.
 */
import type { SimSpan } from './jaeger/trace-store';
import type { HopService } from './hops';
import type { Workload } from './model';
import { hexId, type Rng } from './rng';

interface RequestLike {
  host: string;
  port: number;
  path: string;
  method: string;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A stable fake pod name and IP for a workload (one replica each). */
export function podOf(w: Pick<Workload, 'name' | 'namespace'>): { name: string; ip: string } {
  const h = hash(`${w.namespace}/${w.name}`);
  const suffix = (h % 0xfffff).toString(36).padStart(5, 'x').slice(0, 5);
  return { name: `${w.name}-${(h % 0x7fffffff).toString(16).slice(0, 9)}-${suffix}`, ip: `10.244.${(h >>> 8) & 0xff}.${(h & 0xfd) + 2}` };
}

export function jaegerServiceName(w: Pick<Workload, 'app' | 'namespace'>): string {
  return `${w.app}.${w.namespace}`;
}

function nodeId(w: Workload): string {
  const pod = podOf(w);
  return `${w.isGateway ? 'router' : 'sidecar'}~${pod.ip}~${pod.name}.${w.namespace}~${w.namespace}.svc.cluster.local`;
}

export class SpanRecorder {
  private readonly spans = new Map<string, SimSpan>();
  private readonly traceId: string;
  private readonly requestId: string;

  constructor(private readonly rng: Rng) {
    this.traceId = hexId(rng, 16);
    const r = hexId(rng, 16);
    this.requestId = `${r.slice(0, 8)}-${r.slice(8, 12)}-4${r.slice(13, 16)}-a${r.slice(17, 20)}-${r.slice(20, 32)}`;
  }

  private baseTags(w: Workload, req: RequestLike): Record<string, string> {
    return {
      component: 'proxy',
      node_id: nodeId(w),
      'guid:x-request-id': this.requestId,
      'http.method': req.method,
      'http.protocol': 'HTTP/1.1',
      'http.url': `http://${req.host}:${req.port}${req.path}`,
      'istio.canonical_service': w.app,
      'istio.canonical_revision': w.version || 'latest',
      'istio.mesh_id': 'cluster.local',
      'istio.namespace': w.namespace,
      user_agent: 'python-requests/2.31.0',
      downstream_cluster: '-',
    };
  }

  private add(span: SimSpan): string {
    this.spans.set(span.spanId, span);
    return span.spanId;
  }

  client(caller: Workload, service: HopService, req: RequestLike, startMs: number, parentSpanId?: string): string {
    const pod = podOf(caller);
    return this.add({
      traceId: this.traceId,
      spanId: hexId(this.rng, 8),
      parentSpanId,
      serviceName: jaegerServiceName(caller),
      operationName: `${service.host}:${req.port}/*`,
      kind: 'client',
      startTimeUs: Math.round(startMs * 1000),
      durationUs: 0,
      tags: {
        ...this.baseTags(caller, { ...req, host: service.host }),
        upstream_cluster: `outbound|${req.port}||${service.host}`,
        'upstream_cluster.name': `outbound|${req.port}||${service.host}`,
        'peer.address': pod.ip,
      },
      processTags: { hostname: pod.name, ip: pod.ip },
    });
  }

  endClient(spanId: string, durationMs: number, code: number, flags: string, destination: Workload | undefined, retries: number): void {
    const span = this.spans.get(spanId);
    if (!span) return;
    span.durationUs = Math.max(1, Math.round(durationMs * 1000));
    span.tags['http.status_code'] = String(code);
    span.tags.response_flags = flags;
    span.tags.request_size = '0';
    span.tags.response_size = String(destination?.behaviour.responseBytes ?? 0);
    if (destination) span.tags.upstream_address = `${podOf(destination).ip}:9080`;
    if (retries > 0) span.tags['retry.count'] = String(retries);
    if (code === 0 || code >= 500) span.tags.error = 'true';
  }

  server(dest: Workload, service: HopService, req: RequestLike, startMs: number, parentSpanId: string | undefined, caller: Workload | undefined): string {
    const pod = podOf(dest);
    return this.add({
      traceId: this.traceId,
      spanId: hexId(this.rng, 8),
      parentSpanId,
      serviceName: jaegerServiceName(dest),
      operationName: `${service.host}:${req.port}/*`,
      kind: 'server',
      startTimeUs: Math.round(startMs * 1000),
      durationUs: 0,
      tags: {
        ...this.baseTags(dest, { ...req, host: service.host }),
        upstream_cluster: `inbound|${req.port}||`,
        'upstream_cluster.name': `inbound|${req.port}||`,
        'peer.address': caller ? podOf(caller).ip : '10.244.99.7',
      },
      processTags: { hostname: pod.name, ip: pod.ip },
    });
  }

  endServer(spanId: string, durationMs: number, code: number, flags: string): void {
    const span = this.spans.get(spanId);
    if (!span) return;
    span.durationUs = Math.max(1, Math.round(durationMs * 1000));
    span.tags['http.status_code'] = String(code);
    span.tags.response_flags = flags;
    if (code === 0 || code >= 500) span.tags.error = 'true';
  }

  /** The trace's spans; empty when no proxy took part. */
  finish(): SimSpan[] {
    return [...this.spans.values()];
  }
}
