/**
 * Shared pieces of the conformance runner (../conformance.test.ts): reading a case directory, building
 * context objects the upstream tests pass in Go, scoping findings to the rule under test.
 * Format of the corpus: ../../../../shared/conformance/README.md.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CATALOG, type CheckId } from '../catalog';
import { CHECK_IDS_BY_RULE } from '../checks/registry';
import type { Finding } from '../validate';
import { parseConfigText, type ConfigObject } from '../yaml-loader';
import type { K8sObject } from '../types';

export type RuleName = keyof typeof CHECK_IDS_BY_RULE;

export interface CaseOutcome {
  suite: 'istioctl' | 'kiali';
  name: string;
  /** Analyzer or checker under test. */
  rule: string;
  /** Counted in the pass rate and failing the test when it fails (a kind issue #6 lists). */
  required: boolean;
  /** Upstream marks the expectation unsure; reported apart. */
  unsure: boolean;
  /** No Meshscope rule for this analyzer/checker. */
  unsupported: boolean;
  pass: boolean;
  detail: string;
  /** The expectation is judged wrong (see JUDGED_WRONG in ../conformance.test.ts). */
  judgedWrong?: boolean;
}

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Every YAML file directly in `dir` (not meshconfig/), parsed with `defaultNamespace`. */
export function loadCaseYaml(dir: string, defaultNamespace: string): ConfigObject[] {
  const out: ConfigObject[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (!/\.ya?ml$/.test(name) || !statSync(file).isFile()) continue;
    out.push(...parseConfigText(readFileSync(file, 'utf8'), file, { defaultNamespace }).objects);
  }
  return out;
}

export function memoryObject(obj: K8sObject): ConfigObject {
  return { object: obj };
}

export function service(name: string, namespace: string, selector?: Record<string, string>, ports: number[] = [9080]): ConfigObject {
  return memoryObject({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { selector, ports: ports.map((p) => ({ name: `http-${p}`, port: p })) },
  });
}

export function pod(name: string, namespace: string, labels: Record<string, string>): ConfigObject {
  return memoryObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name: 'istio-proxy' }] } });
}

export function namespaceObject(name: string): ConfigObject {
  return memoryObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

/** Findings emitted by one of `rules`. */
export function scope(findings: Finding[], rules: readonly RuleName[]): Finding[] {
  const ids = new Set<string>(rules.flatMap((r) => CHECK_IDS_BY_RULE[r] as readonly string[]));
  return findings.filter((f) => ids.has(f.checkId));
}

/** The finding's code in the other tool's numbering (`IST` or `KIA`), if it has one. */
export function codeIn(f: Finding, prefix: 'IST' | 'KIA'): string | undefined {
  if (f.code.startsWith(prefix)) return f.code;
  const aka = (CATALOG[f.checkId as CheckId] as { aka?: string } | undefined)?.aka;
  return aka?.startsWith(prefix) ? aka : undefined;
}

export function resourceOf(f: Pick<Finding, 'kind' | 'namespace' | 'name'>): string {
  return f.namespace ? `${f.kind} ${f.namespace}/${f.name}` : `${f.kind} ${f.name}`;
}
