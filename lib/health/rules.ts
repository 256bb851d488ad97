/**
 * The one health rule used by the graph (nodes and edges), the lists, the overview and the detail
 * pages. Kiali's default tolerances: an error ratio at or above `failurePct` is failing, at or above
 * `degradedPct` (and > 0) degraded; degraded 0 means "any error". Overrides per namespace / workload
 * come first and match by regex, as Kiali's `health_config.rate`.
 */

export type HealthStatus = 'healthy' | 'degraded' | 'failing' | 'idle';
export type Protocol = 'http' | 'grpc' | 'tcp';
export type Direction = 'inbound' | 'outbound';

const RANK: Record<HealthStatus, number> = { idle: 0, healthy: 1, degraded: 2, failing: 3 };

export interface Tolerance {
  /** Regex on the response code; Kiali writes `5XX` meaning 5\d\d, and `-` for no response (code 0). */
  code: RegExp;
  protocol: RegExp;
  direction: RegExp;
  degradedPct: number;
  failurePct: number;
}

export interface HealthRule {
  /** Regexes on the object's namespace and name; the first rule that matches applies. */
  namespace: RegExp;
  name: RegExp;
  tolerances: Tolerance[];
}

export const DEFAULT_TOLERANCES: readonly Tolerance[] = [
  { code: /^5\d\d$/, protocol: /^http$/, direction: /.*/, degradedPct: 0, failurePct: 10 },
  { code: /^4\d\d$/, protocol: /^http$/, direction: /.*/, degradedPct: 10, failurePct: 20 },
  { code: /^([1-9]|1[0-6])$/, protocol: /^grpc$/, direction: /.*/, degradedPct: 0, failurePct: 10 },
  // No response: HTTP response_code "0" (Kiali writes "-"); for gRPC the codes are grpc_response_status
  // values where 0 is OK, so only "-" marks a missing response there.
  { code: /^(0|-)$/, protocol: /^http$/, direction: /.*/, degradedPct: 0, failurePct: 10 },
  { code: /^-$/, protocol: /^grpc$/, direction: /.*/, degradedPct: 0, failurePct: 10 },
];

export interface HealthConfig {
  rules: HealthRule[];
}

export const DEFAULT_HEALTH_CONFIG: HealthConfig = { rules: [] };

/** Requests per second (or counts: only ratios matter) by response code, for one protocol. */
export type CodeRates = Record<string, number>;

export interface HealthInput {
  protocol: Protocol;
  direction: Direction;
  /** Response code → rate. gRPC codes are the grpc_response_status values. */
  codes: CodeRates;
}

export interface HealthResult {
  status: HealthStatus;
  /** Total rate the verdict was computed from. */
  totalRate: number;
  /** Error ratio (0–100) of the tolerance that decided the status, 0 when healthy or idle. */
  worstErrorPct: number;
}

export function worst(a: HealthStatus, b: HealthStatus): HealthStatus {
  return RANK[a] >= RANK[b] ? a : b;
}

export function tolerancesFor(config: HealthConfig, namespace: string, name: string): readonly Tolerance[] {
  if (config.rules.length === 0) return DEFAULT_TOLERANCES;
  for (const r of config.rules) if (r.namespace.test(namespace) && r.name.test(name)) return r.tolerances;
  return DEFAULT_TOLERANCES;
}

/** Status from one response-code distribution. TCP carries no codes and is healthy with traffic. */
export function evaluate(input: HealthInput, tolerances: readonly Tolerance[]): HealthResult {
  const codes: string[] = [];
  const rates: number[] = [];
  for (const code in input.codes) {
    codes.push(code);
    rates.push(input.codes[code] as number);
  }
  return evaluateCodes(input.protocol, input.direction, codes, rates, tolerances);
}

/**
 * evaluate() over parallel arrays of codes and rates, summed in array order (pass them in a record's
 * enumeration order for the same floats as evaluate on that record).
 */
export function evaluateCodes(protocol: Protocol, direction: Direction, codes: readonly string[], rates: readonly number[], tolerances: readonly Tolerance[]): HealthResult {
  let total = 0;
  for (let i = 0; i < rates.length; i++) total += rates[i] as number;
  if (!(total > 0)) return { status: 'idle', totalRate: 0, worstErrorPct: 0 };
  let status: HealthStatus = 'healthy';
  let worstErrorPct = 0;
  for (const t of tolerances) {
    if (!t.protocol.test(protocol) || !t.direction.test(direction)) continue;
    let errors = 0;
    for (let i = 0; i < codes.length; i++) if (t.code.test(codes[i] as string)) errors += rates[i] as number;
    if (errors <= 0) continue;
    const pct = (errors / total) * 100;
    const verdict: HealthStatus = pct >= t.failurePct ? 'failing' : pct >= t.degradedPct ? 'degraded' : 'healthy';
    if (RANK[verdict] > RANK[status] || (verdict === status && pct > worstErrorPct)) {
      if (verdict !== 'healthy') worstErrorPct = pct;
      status = worst(status, verdict);
    }
  }
  return { status, totalRate: total, worstErrorPct };
}

/**
 * Parses Kiali's annotation form `health.kiali.io/rate: "4xx,10,20,http,inbound;5xx,5,10,http,inbound"`
 * (code, degraded %, failure %, protocol regex, direction regex). Throws on a malformed rule.
 */
export function parseToleranceAnnotation(value: string): Tolerance[] {
  return value.split(';').filter((s) => s.trim() !== '').map((rule) => {
    const [code, degraded, failure, protocol = 'http', direction = '.*'] = rule.split(',').map((s) => s.trim());
    const degradedPct = Number(degraded);
    const failurePct = Number(failure);
    if (!code || !Number.isFinite(degradedPct) || !Number.isFinite(failurePct) || degradedPct > failurePct) {
      throw new Error(`invalid health rule "${rule}": expected code,degraded%,failure%[,protocol][,direction]`);
    }
    return {
      code: new RegExp(`^${code.replace(/x/gi, '\\d').replace(/^-$/, '(0|-)')}$`),
      protocol: new RegExp(`^(${protocol})$`),
      direction: new RegExp(`^(${direction})$`),
      degradedPct,
      failurePct,
    };
  });
}
