/**
 * Kiali cases: each upstream test calls one checker with the fixture plus Go-built context (services,
 * workloads, namespaces, auto mTLS). We load the fixture, add the context as objects, validate, keep the
 * findings of the matching Meshscope rule on the object the test checks, and compare the asserted fields.
 * Message text is not compared (ours names the host/subset); severities differ where Meshscope decides
 * otherwise on purpose (SEVERITY_DIFFERENCES).
 */
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { mtlsFields } from '../checks/ap-mtls';
import { snapshotOf } from '../config-source';
import { isExportedTo } from '../hosts';
import type { AuthorizationPolicy } from '../types';
import { validateConfig, type Finding } from '../validate';
import type { ConfigObject } from '../yaml-loader';
import { codeIn, loadCaseYaml, memoryObject, namespaceObject, pod, readJson, resourceOf, scope, service, type CaseOutcome, type RuleName } from './common';

const KIALI_KINDS = new Set(['DestinationRule', 'EnvoyFilter', 'Gateway', 'ServiceEntry', 'Sidecar', 'VirtualService', 'WorkloadEntry', 'WorkloadGroup', 'AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication', 'Namespace']);

/** Checker → Meshscope rules, the kind of the object the test looks at, whether issue #6 lists it. */
export const KIALI_RULES: Record<string, { rules: RuleName[]; subjectKind: string; required: boolean }> = {
  'authorization.MtlsEnabledChecker': { rules: ['apMtls'], subjectKind: 'AuthorizationPolicy', required: true },
  'virtualservices.SubsetPresenceChecker': { rules: ['vsSubsetPresence'], subjectKind: 'VirtualService', required: true },
  'destinationrules.DisabledMeshWideMTLSChecker': { rules: ['drMtls'], subjectKind: 'DestinationRule', required: true },
  'peerauthentications.DisabledNamespaceWideChecker': { rules: ['paMtls'], subjectKind: 'PeerAuthentication', required: true },
  'peerauthentications.DisabledMeshWideChecker': { rules: ['paMtls'], subjectKind: 'PeerAuthentication', required: true },
  'virtualservices.NoGatewayChecker': { rules: ['vsGateways'], subjectKind: 'VirtualService', required: true },
  'common.ExportToNamespaceChecker': { rules: ['exportToNamespaces'], subjectKind: '', required: false },
  'destinationrules.NoDestinationChecker': { rules: ['drHost', 'drSubsets'], subjectKind: 'DestinationRule', required: true },
};

/** Where Meshscope's severity is deliberately not Kiali's: code → Kiali severity → ours. */
export const SEVERITY_DIFFERENCES: Record<string, Record<string, string>> = {
  // A route to a missing subset fails every request with 503 NR: an error, not a warning.
  KIA1107: { warning: 'error' },
  // An unreferenced subset matching no pod (a canary not deployed yet) is a warning (issue #6), Kiali says unknown.
  KIA0203: { unknown: 'warning' },
};

interface KialiCase {
  kind: 'validation' | 'visibility' | 'predicate';
  checker: { type: string };
  context: Record<string, unknown>;
  assertions: Record<string, unknown>;
  unsure: unknown;
}

interface ExpectedCheck {
  code: string;
  severity: string;
  path: string | null;
  resource: string;
  assertedFields: string[];
}

function severityMatches(code: string, expected: string, got: string): boolean {
  if (expected === got) return true;
  if (SEVERITY_DIFFERENCES[code]?.[expected] === got) return true;
  return expected === 'unknown' && got === 'info';
}

function contextObjects(ctx: Record<string, unknown>): ConfigObject[] {
  const out: ConfigObject[] = [];
  for (const s of (ctx.Services as Array<{ name: string; namespace: string; selector?: Record<string, string> }> | undefined) ?? []) {
    out.push(service(s.name, s.namespace, s.selector));
  }
  for (const h of (ctx.KubeServiceHosts as string[] | undefined) ?? []) {
    const [name, ns] = h.split('.');
    if (name && ns && !out.some((o) => o.object.kind === 'Service' && o.object.metadata.name === name && o.object.metadata.namespace === ns)) out.push(service(name, ns));
  }
  const wpn = ctx.WorkloadsPerNamespace as Record<string, Array<{ name: string; namespace: string; labels: Record<string, string> }>> | undefined;
  Object.values(wpn ?? {}).flat().forEach((w, i) => out.push(pod(`${w.name}-${i}`, w.namespace, w.labels)));
  if (Array.isArray(ctx.Namespaces)) for (const n of ctx.Namespaces as string[]) out.push(namespaceObject(n));
  return out;
}

function runValidation(dir: string, c: KialiCase, mapping: (typeof KIALI_RULES)[string]): { findings: Finding[]; subject: string | null; objects: ConfigObject[] } {
  const fixture = loadCaseYaml(dir, '').filter((o) => KIALI_KINDS.has(o.object.kind));
  const ctx = c.context;
  let objects = [...fixture, ...contextObjects(ctx)];
  if (Array.isArray(ctx.ServiceEntries) && ctx.ServiceEntries.length === 0) objects = objects.filter((o) => o.object.kind !== 'ServiceEntry');
  for (const g of (ctx.GatewayNames as string[] | undefined) ?? []) {
    const vs = fixture.find((o) => o.object.kind === 'VirtualService');
    const [ns, name] = g.includes('/') ? g.split('/') : [vs?.object.metadata.namespace ?? 'default', g];
    objects.push(memoryObject({ apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: name!, namespace: ns! }, spec: { servers: [] } }));
  }
  const { findings } = validateConfig(snapshotOf(objects), {
    rootNamespace: 'istio-system',
    autoMtls: ctx.EnabledAutoMtls === undefined ? true : Boolean(ctx.EnabledAutoMtls) || ctx.autoMtls === true,
    registryComplete: Boolean(ctx.Services || ctx.KubeServiceHosts),
    workloadsComplete: Boolean(ctx.WorkloadsPerNamespace),
    namespacesComplete: true,
    assumeIstioInstall: false,
  });
  // The object the test validates: named in the context, else the first of its kind in the fixture.
  let subjectKind = mapping.subjectKind;
  if (!subjectKind) subjectKind = /FIRST (\w+)/.exec(String(ctx.ExportTo ?? ''))?.[1] ?? '';
  const named = Object.values(ctx).map(String).map((v) => /^fixture (\w+) ([\w.-]+)\/([\w.-]+)$/.exec(v)).find((m) => m && m[1] === subjectKind);
  const first = fixture.find((o) => o.object.kind === subjectKind);
  const subject = named ? `${named[1]} ${named[2]}/${named[3]}` : first ? resourceOf({ kind: subjectKind, namespace: first.object.metadata.namespace ?? '', name: first.object.metadata.name }) : null;
  const scoped = scope(findings, mapping.rules).filter((f) => codeIn(f, 'KIA') !== undefined);
  const all = subjectKind === 'AuthorizationPolicy' ? scoped : scoped.filter((f) => resourceOf(f) === subject);
  return { findings: all, subject, objects };
}

function compareChecks(expected: ExpectedCheck[], got: Finding[], assertions: Record<string, unknown>, firstOnly: boolean): string[] {
  const problems: string[] = [];
  if (typeof assertions.checkCount === 'number' && got.length !== assertions.checkCount) problems.push(`count ${got.length} != ${assertions.checkCount}`);
  if (assertions.checks === 'empty' && got.length > 0) problems.push(`expected no checks, got ${got.length}`);
  if (typeof assertions.checks === 'string' && assertions.checks.startsWith('non-empty') && got.length === 0) problems.push('expected checks, got none');
  expected.forEach((e, i) => {
    const candidates = firstOnly ? got.slice(0, 1) : got;
    const ok = candidates.some((f, j) => {
      if (!firstOnly && j !== i && candidates.length === expected.length && e.path === null) return false;
      if (codeIn(f, 'KIA') !== e.code) return false;
      if (e.assertedFields.includes('severity') && !severityMatches(e.code, e.severity, f.severity)) return false;
      if (e.assertedFields.includes('path') && e.path !== null && f.path !== e.path) return false;
      if (e.assertedFields.includes('resource') && resourceOf(f) !== e.resource) return false;
      return true;
    });
    if (!ok) problems.push(`no finding like ${e.code} ${e.path ?? ''} ${e.severity} (got ${got.map((f) => `${codeIn(f, 'KIA')} ${f.path} ${f.severity}`).join(', ') || 'none'})`);
  });
  return problems;
}

export function runKialiCase(root: string, name: string): CaseOutcome {
  const dir = path.join(root, 'kiali', name);
  const c = readJson<KialiCase>(path.join(dir, 'case.json'));
  const base = { suite: 'kiali' as const, name, rule: c.checker.type, unsure: Boolean(c.unsure) };
  if (c.kind === 'visibility') return runVisibility(dir, c, base);
  if (c.kind === 'predicate') return runPredicate(dir, base);
  const mapping = KIALI_RULES[c.checker.type];
  if (!mapping) return { ...base, required: false, unsupported: true, pass: false, detail: `no Meshscope rule for ${c.checker.type}` };
  const expected = readJson<ExpectedCheck[]>(path.join(dir, 'expected.json'));
  const { findings } = runValidation(dir, c, mapping);
  const a = c.assertions;
  const problems: string[] = [];
  if (typeof a.validationObjectCount === 'number') {
    const objects = new Set(findings.map(resourceOf));
    if (objects.size !== a.validationObjectCount) problems.push(`objects with findings ${objects.size} != ${a.validationObjectCount}`);
  }
  const firstOnly = /only (Checks|vals)\[0\]/.test(String(a.checksAsserted ?? a.checks ?? ''));
  const subjectFindings = typeof a.objectKey === 'string' ? findings.filter((f) => resourceOf(f) === a.objectKey) : findings;
  problems.push(...compareChecks(expected, subjectFindings, a, firstOnly));
  return { ...base, required: mapping.required, unsupported: false, pass: problems.length === 0, detail: problems.join('; ') };
}

function runVisibility(dir: string, c: KialiCase, base: Omit<CaseOutcome, 'required' | 'unsupported' | 'pass' | 'detail'>): CaseOutcome {
  const expected = readJson<{ kind: string; currentNamespace: string; visible: string[] }>(path.join(dir, 'expected.json'));
  const fixture = loadCaseYaml(dir, '');
  const ctx = c.context;
  const defaultKey = Object.keys(ctx).find((k) => k.startsWith('meshConfig.Default'));
  const meshDefault = defaultKey ? (ctx[defaultKey] as string[]) : undefined;
  const order = ctx.inputObjectsInOrder as string[];
  const byKey = new Map(fixture.map((o) => [`${o.object.kind} ${o.object.metadata.namespace}/${o.object.metadata.name}`, o]));
  const visible = order.filter((k) => {
    const o = byKey.get(k);
    if (!o) return false;
    const spec = o.object.spec as { exportTo?: string[] } | undefined;
    const list = spec?.exportTo && spec.exportTo.length > 0 ? spec.exportTo : meshDefault;
    return isExportedTo(list, o.object.metadata.namespace ?? '', expected.currentNamespace);
  });
  const pass = JSON.stringify(visible) === JSON.stringify(expected.visible);
  return { ...base, required: true, unsupported: false, pass, detail: pass ? '' : `visible ${visible.join(', ')} != ${expected.visible.join(', ')}` };
}

function runPredicate(dir: string, base: Omit<CaseOutcome, 'required' | 'unsupported' | 'pass' | 'detail'>): CaseOutcome {
  const expected = readJson<Array<{ policy: string; needsMtls: boolean }>>(path.join(dir, 'expected.json'));
  const fixture = loadCaseYaml(dir, '');
  const wrong: string[] = [];
  for (const e of expected) {
    const o = fixture.find((x) => `${x.object.kind} ${x.object.metadata.namespace}/${x.object.metadata.name}` === e.policy);
    if (!o) {
      wrong.push(`${e.policy} missing`);
      continue;
    }
    if ((mtlsFields(o.object as AuthorizationPolicy).length > 0) !== e.needsMtls) wrong.push(e.policy);
  }
  return { ...base, required: true, unsupported: false, pass: wrong.length === 0, detail: wrong.join(', ') };
}

export function kialiCaseNames(root: string): string[] {
  const dir = path.join(root, 'kiali');
  return readdirSync(dir).filter((n) => existsSync(path.join(dir, n, 'case.json'))).sort();
}
