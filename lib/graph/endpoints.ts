/**
 * What one Istio metric row says about its two ends, as graph nodes: the node specs of workloads,
 * apps, versioned apps and services, the unknown source/destination, gateways; and the response
 * code a row counts under (HTTP status, gRPC status, no response). Pure functions of the labels.
 */
import type { Protocol } from '../health/rules';
import type { Labels } from '../prometheus/types';
import type { GatewayKind, GraphNode, GraphOptions } from './types';

export const UNKNOWN = 'unknown';

/** What a row says of a node: its identity part of GraphNode (traffic and flags come later). */
export type NodeSpec = Pick<GraphNode, 'id' | 'nodeType' | 'namespace' | 'workload' | 'app' | 'version' | 'service' | 'isExternal' | 'host' | 'isInjected'>;

export const get = (m: Labels, k: string): string => m[k] ?? '';

export function isUnknown(v: string): boolean {
  return v === '' || v === UNKNOWN;
}

export function versionOf(revision: string): string {
  return revision === 'latest' || revision === UNKNOWN ? '' : revision;
}

/** gRPC status for a gRPC call answered with a non-200 HTTP status (grpc/grpc doc/http-grpc-status-mapping.md). */
function grpcFromHttp(code: string): string {
  switch (code) {
    case '400': return '13';
    case '401': return '16';
    case '403': return '7';
    case '404': return '12';
    case '429': case '502': case '503': case '504': return '14';
    default: return '2';
  }
}

/** The response code health and error ratios use: HTTP status, gRPC status, "0"/"-" for no response. */
export function effectiveCode(m: Labels, protocol: Protocol): string {
  const code = get(m, 'response_code') || '0';
  if (protocol !== 'grpc') return code;
  if (code === '0') return '-';
  const grpc = get(m, 'grpc_response_status');
  if (grpc !== '') return grpc;
  return code === '200' ? '0' : grpcFromHttp(code);
}

export function isErrorCode(protocol: Protocol, code: string): boolean {
  if (protocol === 'grpc') return code !== '0';
  if (protocol === 'tcp') return false;
  return code === '0' || code === '-' || code.startsWith('4') || code.startsWith('5');
}

export function protocolOf(m: Labels, fallback: Protocol): Protocol {
  return protocolOfLabel(get(m, 'request_protocol'), fallback);
}

/** A request_protocol label value as a Protocol ("" or anything else: `fallback`). */
export function protocolOfLabel(value: string, fallback: Protocol): Protocol {
  return value === 'grpc' ? 'grpc' : value === 'tcp' ? 'tcp' : value === 'http' ? 'http' : fallback;
}

export function serviceNode(ns: string, name: string, injected: boolean): NodeSpec {
  // isInjected is always present (undefined when not), so every service node has one shape.
  return { id: `svc:${ns}:${name}`, nodeType: 'service', namespace: ns, workload: '', app: '', version: '', service: name, isInjected: injected ? true : undefined };
}

export const UNKNOWN_SOURCE: NodeSpec = { id: 'unknown', nodeType: 'unknown', namespace: '', workload: UNKNOWN, app: UNKNOWN, version: '', service: '' };
export const UNKNOWN_DEST: NodeSpec = { id: 'unknown:destination', nodeType: 'unknown', namespace: '', workload: UNKNOWN, app: UNKNOWN, version: '', service: UNKNOWN };

export function workloadNode(graphType: GraphOptions['graphType'], ns: string, workload: string, app: string, revision: string): NodeSpec {
  const version = versionOf(revision);
  const appName = isUnknown(app) ? workload : app;
  switch (graphType) {
    case 'app':
      return { id: `app:${ns}:${appName}`, nodeType: 'app', namespace: ns, workload: '', app: appName, version: '', service: '' };
    case 'versionedApp':
      return { id: `vapp:${ns}:${appName}:${version}`, nodeType: 'versionedApp', namespace: ns, workload: '', app: appName, version, service: '' };
    default:
      return { id: `wl:${ns}:${workload}`, nodeType: 'workload', namespace: ns, workload, app: appName, version, service: '' };
  }
}

/** Istio's gateways by their canonical name or workload name (the chart defaults). */
export function gatewayKind(app: string, workload: string): GatewayKind | undefined {
  const name = isUnknown(app) ? workload : app;
  // startsWith, not regex literals: a literal makes a new RegExp object every time it is evaluated.
  if (name.startsWith('istio-ingressgateway') || workload.startsWith('istio-ingressgateway')) return 'ingress';
  if (name.startsWith('istio-egressgateway') || workload.startsWith('istio-egressgateway')) return 'egress';
  return undefined;
}

/** A cluster-local service host looks like <name>.<namespace>.svc.<domain>. */
export function isClusterService(host: string, name: string, ns: string): boolean {
  return host.startsWith(`${name}.${ns}.svc.`) || host === `${name}.${ns}.svc`;
}
