/** What the connections page shows for each backend (the JSON of /api/status). */
export interface ProbeResult {
  url: string;
  ok: boolean;
  latencyMs: number;
  /** HTTP status, when the backend answered. */
  httpStatus?: number;
  /** The first bytes of a failing answer. */
  bodyStart?: string;
  /** Why it failed, in a sentence. */
  error?: string;
  /** What answered, when it did (e.g. "Jaeger query API v3"). */
  detail?: string;
}

/** degraded: answers, but part of it fails (a forbidden watch) and the last good data is served. */
export type BackendState = 'ok' | 'degraded' | 'failing' | 'found-elsewhere' | 'not-configured';

export interface BackendStatus {
  id: 'prometheus' | 'tracing' | 'kubernetes' | 'config';
  title: string;
  /** The env var that sets it. */
  envVar: string;
  state: BackendState;
  /** One sentence for people. */
  summary: string;
  /** The probe of the URL in use (absent when none is configured). */
  used?: ProbeResult;
  /** Well-known in-cluster addresses tried after the configured one failed. */
  candidates: ProbeResult[];
  /** The candidate that answered. */
  found?: string;
  /** Extra facts: per-resource sync state of the Kubernetes watches, object counts… */
  facts: Array<{ label: string; value: string; ok?: boolean }>;
}

export interface ConnectionsReport {
  checkedAt: string;
  inCluster: boolean;
  authMode: 'anonymous' | 'token';
  backends: BackendStatus[];
}
