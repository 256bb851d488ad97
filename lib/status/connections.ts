/**
 * The connections report: each backend with the URL used, whether it answers, latency, and on failure
 * the HTTP status and start of the body; inside a cluster, the usual addon addresses are tried when
 * the configured one fails, and the page says which answered.
 */
import type { ConfigSource } from '@/lib/istio/config-source';
import type { KubernetesConfigSource } from '@/lib/kube/config-source';
import { kubeStatusError } from '@/lib/kube/errors';
import type { ServerConfig } from '@/lib/server/config';
import { candidatesToTry, PROMETHEUS_CANDIDATES, TRACING_CANDIDATES } from './candidates';
import { probeCandidates, probePrometheus, probeTracing, timed } from './probe';
import type { BackendStatus, ConnectionsReport, ProbeResult } from './types';

export interface ConnectionsInput {
  config: ServerConfig;
  inCluster: boolean;
  configSource: ConfigSource | null;
  timeoutMs?: number;
  /** Override the candidate lists (tests). */
  prometheusCandidates?: readonly string[];
  tracingCandidates?: readonly string[];
}

async function urlBackend(
  id: 'prometheus' | 'tracing', title: string, envVar: string, configured: string | undefined, inCluster: boolean,
  all: readonly string[], probe: (url: string) => Promise<ProbeResult>,
): Promise<BackendStatus> {
  const used = configured ? await probe(configured) : undefined;
  if (used?.ok) return { id, title, envVar, state: 'ok', summary: `Answers at ${configured}`, used, candidates: [], facts: [] };
  const { results, found } = await probeCandidates(candidatesToTry(all, configured, inCluster), probe);
  const what = configured ? `${envVar}=${configured} does not answer` : `${envVar} is not set`;
  if (found) {
    return { id, title, envVar, state: 'found-elsewhere', summary: `${what}; found ${title} at ${found} — set ${envVar}=${found}`, used, candidates: results, found, facts: [] };
  }
  const tried = results.length > 0 ? `; none of the usual in-cluster addresses answered either (${results.length} tried)` : '';
  return { id, title, envVar, state: configured ? 'failing' : 'not-configured', summary: `${what}${tried}`, used, candidates: results, facts: [] };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => { t = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms); })]).finally(() => clearTimeout(t));
}

async function configBackend(source: ConfigSource | null, timeoutMs: number): Promise<BackendStatus> {
  if (!source) {
    return { id: 'config', title: 'Istio config source', envVar: 'CONFIG_SOURCE', state: 'not-configured', summary: 'No config source: set CONFIG_SOURCE=kubernetes (in a cluster) or CONFIG_DIR', candidates: [], facts: [] };
  }
  if (source.kind === 'directory') {
    const dir = (source as { dir?: string }).dir ?? '';
    let facts: BackendStatus['facts'] = [];
    const used = await timed(`directory ${dir}`, async () => {
      const snap = await source.snapshot();
      facts = [{ label: 'objects', value: String(snap.objects.length) }, { label: 'unreadable documents', value: String(snap.errors.length), ok: snap.errors.length === 0 }];
      return `${snap.objects.length} objects read`;
    });
    return { id: 'config', title: 'Config directory', envVar: 'CONFIG_DIR', state: used.ok ? 'ok' : 'failing', summary: used.ok ? `Reads ${dir}` : used.error ?? 'cannot be read', used, candidates: [], facts };
  }
  const kube = source as Partial<KubernetesConfigSource> & ConfigSource;
  if (!kube.transport || !kube.states) {
    // The Kubernetes configuration could not be loaded (no kubeconfig, not in a cluster): say why.
    const failed = await timed('Kubernetes API', async () => { await kube.snapshot(); return undefined; });
    return { id: 'kubernetes', title: 'Kubernetes API', envVar: 'KUBECONFIG', state: 'failing', summary: failed.error ?? 'not configured', used: failed, candidates: [], facts: [] };
  }
  const transport = kube.transport;
  const server = kube.server ?? transport.server;
  const used = await timed(`${server}/version`, async () => {
    const res = await transport.request('/version', { timeoutMs });
    if (res.status !== 200) throw kubeStatusError('get', '/version', server, res.status, res.body);
    const v = JSON.parse(res.body) as { gitVersion?: string };
    return `Kubernetes ${v.gitVersion ?? '(version unknown)'}`;
  });
  const snapshot = await timed(`${server} (list + watch)`, async () => {
    const snap = await withTimeout(kube.snapshot(), timeoutMs, 'the first lists');
    return `${snap.objects.length} objects cached, kept current by watches`;
  });
  const facts = kube.states().map((s) => ({
    label: s.resource,
    value: s.error ? s.error.message : s.notInstalled ? 'not installed (CRD absent)' : s.synced ? `${s.count} objects, watching` : 'listing…',
    ok: !s.error,
  }));
  const watchError = kube.states().find((s) => s.error)?.error?.message;
  const ok = used.ok && snapshot.ok && !watchError;
  const summary = ok ? `Answers at ${server}; ${snapshot.detail}`
    : used.ok && snapshot.ok ? `Serving the last objects read; a watch is failing: ${watchError}`
    : (snapshot.error ?? used.error ?? 'failing');
  return {
    id: 'kubernetes', title: 'Kubernetes API', envVar: 'KUBECONFIG', state: ok ? 'ok' : used.ok && snapshot.ok ? 'degraded' : 'failing',
    summary,
    used: used.ok ? { ...used, detail: `${used.detail}; ${snapshot.detail ?? snapshot.error}` } : used,
    candidates: [], facts,
  };
}

export async function checkConnections(input: ConnectionsInput): Promise<ConnectionsReport> {
  const timeoutMs = input.timeoutMs ?? 3000;
  const { config, inCluster } = input;
  const backends = await Promise.all([
    urlBackend('prometheus', 'Prometheus', 'PROMETHEUS_URL', config.prometheus.url, inCluster, input.prometheusCandidates ?? PROMETHEUS_CANDIDATES, (u) => probePrometheus(u, timeoutMs)),
    urlBackend('tracing', 'Jaeger / Tempo', 'JAEGER_URL', config.jaeger.url, inCluster, input.tracingCandidates ?? TRACING_CANDIDATES, (u) => probeTracing(u, timeoutMs)),
    configBackend(input.configSource, timeoutMs),
  ]);
  return { checkedAt: new Date().toISOString(), inCluster, authMode: config.auth.mode, backends };
}
