/**
 * Links between the signals pages, the graph and the traces, so they agree on one format:
 *   detail  /services/<ns>/<name>, /workloads/<ns>/<name>, /apps/<ns>/<name>
 *   graph   /graph?namespaces=<ns>&graphType=<type>&focus=<node id>
 *   traces  /traces?service=<app>.<ns>&start=<µs>&end=<µs>
 * (the global namespaces/duration/refresh params travel along).
 */
import { withGlobalParams, type GlobalParams } from '../url-state';
import { GRAPH_TYPE_OF, type EntityKind } from './types';

export const SEGMENT_OF_KIND: Record<EntityKind, string> = { service: 'services', workload: 'workloads', app: 'apps' };

export function detailHref(kind: EntityKind, namespace: string, name: string, params: GlobalParams): string {
  return withGlobalParams(`/${SEGMENT_OF_KIND[kind]}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`, params);
}

export function listHref(kind: EntityKind, params: GlobalParams): string {
  return withGlobalParams(`/${SEGMENT_OF_KIND[kind]}`, params);
}

export function nodeIdOf(kind: EntityKind, namespace: string, name: string): string {
  return kind === 'service' ? `svc:${namespace}:${name}` : kind === 'workload' ? `wl:${namespace}:${name}` : `app:${namespace}:${name}`;
}

export function graphHref(kind: EntityKind, namespace: string, name: string, params: GlobalParams): string {
  const namespaces = params.namespaces.includes(namespace) ? params.namespaces : [namespace];
  return withGlobalParams('/graph', { ...params, namespaces }, { graphType: GRAPH_TYPE_OF[kind], focus: nodeIdOf(kind, namespace, name) });
}

export function namespaceGraphHref(namespace: string, params: GlobalParams): string {
  return withGlobalParams('/graph', { ...params, namespaces: [namespace] });
}

/** Traces of `<app>.<ns>` between two Unix-second instants (Jaeger's microseconds in the URL). */
export function tracesHref(app: string, namespace: string, startSec: number, endSec: number): string {
  const q = new URLSearchParams({ service: `${app}.${namespace}`, start: String(Math.round(startSec * 1e6)), end: String(Math.round(endSec * 1e6)) });
  return `/traces?${q.toString()}`;
}
