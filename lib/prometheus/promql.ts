/**
 * Safe PromQL construction. Every value that comes from a request goes through a validator
 * (`assertK8sName`, `parseDurationSeconds`) and then through `quote`/`escapeRegex` — never plain
 * string concatenation of user input.
 */

const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export class PromqlInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromqlInputError';
  }
}

/** True for a Kubernetes object name (DNS-1123 subdomain: lower-case alphanumerics, '-' and '.'). */
export function isK8sName(value: string): boolean {
  return value.length <= 253 && K8S_NAME.test(value);
}

/** Throws a PromqlInputError naming `what` unless `value` is a valid Kubernetes name. */
export function assertK8sName(what: string, value: string): string {
  if (!isK8sName(value)) {
    throw new PromqlInputError(
      `invalid ${what} "${value.slice(0, 80)}": expected a Kubernetes name (lower-case letters, digits, '-' and '.')`,
    );
  }
  return value;
}

/** A PromQL string literal: backslashes, quotes and newlines escaped. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Escapes RE2 metacharacters so the value matches itself literally inside =~. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}

export function eq(label: string, value: string): Matcher {
  return { label, op: '=', value };
}

export function neq(label: string, value: string): Matcher {
  return { label, op: '!=', value };
}

/** label=~"a|b|c" matching any of the literal values (escaped). An empty list matches nothing. */
export function oneOf(label: string, values: readonly string[]): Matcher {
  if (values.length === 0) return { label, op: '=~', value: '(?!)' };
  return { label, op: '=~', value: values.map(escapeRegex).join('|') };
}

/** A raw regex matcher for constant patterns written in code (never for user input). */
export function regex(label: string, pattern: string): Matcher {
  return { label, op: '=~', value: pattern };
}

export function notRegex(label: string, pattern: string): Matcher {
  return { label, op: '!~', value: pattern };
}

function renderMatcher(m: Matcher): string {
  if (!LABEL_NAME.test(m.label)) throw new PromqlInputError(`invalid label name "${m.label}"`);
  return `${m.label}${m.op}${quote(m.value)}`;
}

/** metric{a="b",c=~"d|e"} */
export function selector(metric: string, matchers: readonly Matcher[]): string {
  if (!METRIC_NAME.test(metric)) throw new PromqlInputError(`invalid metric name "${metric}"`);
  return `${metric}{${matchers.map(renderMatcher).join(',')}}`;
}

/** `by (a,b)` with validated label names. */
export function by(labels: readonly string[]): string {
  for (const l of labels) if (!LABEL_NAME.test(l)) throw new PromqlInputError(`invalid label name "${l}"`);
  return `by (${labels.join(',')})`;
}

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/** Parses "90s", "5m", "1h" (one unit) into seconds; throws a PromqlInputError otherwise. */
export function parseDurationSeconds(value: string): number {
  const match = DURATION.exec(value.trim());
  if (!match) throw new PromqlInputError(`invalid duration "${value.slice(0, 40)}": expected e.g. 60s, 5m, 1h`);
  const seconds = Number(match[1]) * (UNIT_SECONDS[match[2] as string] ?? 1);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new PromqlInputError(`duration must be positive: "${value}"`);
  return seconds;
}

/** A PromQL range literal in whole seconds, e.g. 60 → "60s". */
export function rangeLiteral(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new PromqlInputError(`invalid range ${seconds}`);
  return `${Math.max(1, Math.round(seconds))}s`;
}

/**
 * Step for a range query: about `targetPoints` points over the range, never more than Prometheus's
 * 11,000-point limit, and at least `minStepSec` (normally the scrape interval).
 */
export function chooseStepSeconds(rangeSec: number, targetPoints = 300, minStepSec = 1): number {
  const raw = Math.max(minStepSec, Math.ceil(rangeSec / targetPoints));
  const step = Math.max(raw, Math.ceil(rangeSec / 11_000));
  return step;
}
