/**
 * The graph queries fold the twelve identity labels (queries.ts) into one `identity` label with
 * PromQL's label_join, so a row reads `{identity, le}` instead of thirteen labels: Prometheus writes
 * about a third of the JSON, the server parses one label string per row instead of twelve, and every
 * row of one hop shares one decoded label object. Label values Istio puts there (Kubernetes names,
 * label values, hostnames, protocols) cannot contain the separator.
 */
import type { Labels } from '../prometheus/types';

/** Who the traffic is between; the same labels on every graph query so rows line up. */
export const IDENTITY_LABELS = [
  'source_workload_namespace',
  'source_workload',
  'source_canonical_service',
  'source_canonical_revision',
  'destination_service_namespace',
  'destination_service',
  'destination_service_name',
  'destination_workload_namespace',
  'destination_workload',
  'destination_canonical_service',
  'destination_canonical_revision',
  'request_protocol',
] as const;

export const IDENTITY_LABEL = 'identity';
export const IDENTITY_SEPARATOR = '|';

/** IDENTITY_LABELS holds first the source's labels, then the destination's, then request_protocol. */
const SOURCE_LABELS = 4;
const DESTINATION_LABELS = 7;

/** A joined identity cut at its ends: source labels, destination labels (each still joined), protocol. */
export interface IdentityEnds {
  source: string;
  destination: string;
  protocol: string;
}

/** The two ends and the protocol of a joined value (substrings, nothing split); undefined if malformed. */
export function identityEnds(joined: string): IdentityEnds | undefined {
  let sourceEndsAt = -1;
  let destinationEndsAt = -1;
  let separators = 0;
  for (let i = joined.indexOf(IDENTITY_SEPARATOR); i >= 0; i = joined.indexOf(IDENTITY_SEPARATOR, i + 1)) {
    separators++;
    if (separators === SOURCE_LABELS) sourceEndsAt = i;
    else if (separators === SOURCE_LABELS + DESTINATION_LABELS) destinationEndsAt = i;
  }
  if (separators !== IDENTITY_LABELS.length - 1) return undefined;
  return { source: joined.slice(0, sourceEndsAt), destination: joined.slice(sourceEndsAt + 1, destinationEndsAt), protocol: joined.slice(destinationEndsAt + 1) };
}

/** The source labels of IdentityEnds.source, undefined where empty (as splitIdentity reads them). */
export function splitSourceEnd(source: string): Labels {
  return splitEnd(source, 0, SOURCE_LABELS);
}

/** The destination labels of IdentityEnds.destination, undefined where empty. */
export function splitDestinationEnd(destination: string): Labels {
  return splitEnd(destination, SOURCE_LABELS, DESTINATION_LABELS);
}

function splitEnd(part: string, first: number, count: number): Labels {
  const values = part.split(IDENTITY_SEPARATOR);
  const labels: Labels = {};
  for (let k = 0; k < count; k++) {
    const v = values[k];
    if (v !== undefined && v !== '') labels[IDENTITY_LABELS[first + k] as string] = v;
  }
  return labels;
}

/** What label_join writes for these labels (an absent label joins as ""). */
export function joinIdentity(labels: Labels): string {
  let out = '';
  for (let i = 0; i < IDENTITY_LABELS.length; i++) {
    if (i > 0) out += IDENTITY_SEPARATOR;
    out += labels[IDENTITY_LABELS[i] as string] ?? '';
  }
  return out;
}

/** `identity` joined, the other labels kept: a row as the graph queries return it. */
export function joinedRowLabels(labels: Labels): Labels {
  const out: Labels = { [IDENTITY_LABEL]: joinIdentity(labels) };
  const identity: ReadonlySet<string> = new Set(IDENTITY_LABELS);
  for (const name in labels) if (!identity.has(name)) out[name] = labels[name] as string;
  return out;
}

/**
 * The identity labels of a joined value, undefined where empty (as Prometheus omits empty labels);
 * undefined if malformed. One object literal with every label, so every decoded identity has the same
 * shape: the shape then lives as long as this function, and the builder's optimized code, which checks
 * for it, stays valid from one graph to the next (a shape grown label by label dies with the graph,
 * and a full collection then throws that code away).
 */
export function splitIdentity(joined: string): Labels | undefined {
  const p = joined.split(IDENTITY_SEPARATOR);
  if (p.length !== IDENTITY_LABELS.length) return undefined;
  const labels: Record<(typeof IDENTITY_LABELS)[number], string | undefined> = {
    source_workload_namespace: part(p, 0),
    source_workload: part(p, 1),
    source_canonical_service: part(p, 2),
    source_canonical_revision: part(p, 3),
    destination_service_namespace: part(p, 4),
    destination_service: part(p, 5),
    destination_service_name: part(p, 6),
    destination_workload_namespace: part(p, 7),
    destination_workload: part(p, 8),
    destination_canonical_service: part(p, 9),
    destination_canonical_revision: part(p, 10),
    request_protocol: part(p, 11),
  };
  // Labels' values are strings; undefined reads as absent wherever labels are read (`m[k] ?? ''`).
  return labels as Labels;
}

const part = (parts: string[], i: number): string | undefined => (parts[i] === '' ? undefined : parts[i]);

/**
 * A row's identity labels: one shared object per distinct `identity` value (rows of one hop usually
 * come one after another, so the previous row's answer is checked first); a row without the joined
 * label is its own identity (rows labelled one by one, as older queries and hand-written tests give).
 */
export class IdentityDecoder {
  private readonly decoded = new Map<string, Labels | undefined>();
  private lastJoined: string | undefined;
  private lastLabels: Labels | undefined;

  of(m: Labels): Labels | undefined {
    const joined = m[IDENTITY_LABEL];
    if (joined === undefined) return m;
    if (joined === this.lastJoined) return this.lastLabels;
    let labels = this.decoded.get(joined);
    if (labels === undefined && !this.decoded.has(joined)) {
      labels = splitIdentity(joined);
      this.decoded.set(joined, labels);
    }
    this.lastJoined = joined;
    this.lastLabels = labels;
    return labels;
  }
}
