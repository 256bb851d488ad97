/**
 * istioctl cases: the harness of analyzers_test.go — only the analyzer's input kinds are loaded, plus the
 * default ingress gateway; objects without a namespace keep an empty one; one analyzer's messages are
 * compared as a multiset of (code, resource).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { snapshotOf } from '../config-source';
import { validateConfig } from '../validate';
import { codeIn, loadCaseYaml, readJson, resourceOf, scope, type CaseOutcome, type RuleName } from './common';

/** Analyzer → the Meshscope rules that implement it; `required` = a kind issue #6 lists. */
export const ISTIOCTL_RULES: Record<string, { rules: RuleName[]; required: boolean }> = {
  'virtualservice.DestinationHostAnalyzer': { rules: ['vsDestinationHosts', 'vsIngressNoEffect'], required: true },
  'virtualservice.DestinationRuleAnalyzer': { rules: ['vsSubsetPresence'], required: true },
  'virtualservice.GatewayAnalyzer': { rules: ['vsGateways'], required: true },
  'virtualservice.ConflictingMeshGatewayHostsAnalyzer': { rules: ['vsDuplicateHosts'], required: true },
  'gateway.IngressGatewayPortAnalyzer': { rules: ['gatewaySelector', 'gatewayPorts'], required: true },
  'gateway.ConflictingGatewayAnalyzer': { rules: ['gatewayMultiMatch'], required: true },
  'destinationrule.SubsetSelectPodAnalyzer': { rules: ['drHost', 'drSubsets'], required: true },
  'serviceentry.Analyzer': { rules: ['seAddresses'], required: true },
  'auth.AuthorizationPoliciesAnalyzer': { rules: ['apSelector', 'apRefs'], required: true },
  'destinationrule.CaCertificateAnalyzer': { rules: ['drTls'], required: false },
  'schema.ValidationAnalyzer.<Kind>': { rules: ['vsMatches', 'schema'], required: false },
  'service.PortNameAnalyzer': { rules: ['servicePorts'], required: false },
  'gateway.CertificateAnalyzer': { rules: ['gatewayCertificates'], required: false },
  'deprecation.DeprecationAnalyzer': { rules: ['vsDeprecated', 'sidecarDeprecated'], required: false },
  'deployment.MultiServiceAnalyzer': { rules: ['deploymentServices'], required: false },
  'sidecar.SelectorAnalyzer': { rules: ['sidecarSelector', 'multiMatch', 'sidecarAmbient'], required: false },
  'serviceentry.ConflictingServiceEntryProtocolAnalyzer': { rules: ['seProtocolConflict'], required: false },
};

const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

interface IstioCase {
  testName: string;
  analyzerName: string;
  analyzerInputs: string[];
  unsure: unknown;
  meshConfigFile: { local: string } | null;
  cluster1InputFiles: unknown;
}

interface Expected {
  code: string;
  resource: string;
}

export function runIstioctlCase(root: string, name: string): CaseOutcome {
  const dir = path.join(root, 'istioctl', name);
  const c = readJson<IstioCase>(path.join(dir, 'case.json'));
  const expected = readJson<Expected[]>(path.join(dir, 'expected.json'));
  const mapping = ISTIOCTL_RULES[c.analyzerName];
  const base = { suite: 'istioctl' as const, name, rule: c.analyzerName, unsure: Boolean(c.unsure) };
  if (!mapping || c.cluster1InputFiles) {
    return { ...base, required: false, unsupported: true, pass: false, detail: `no Meshscope rule for ${c.analyzerName}` };
  }
  // schema.ValidationAnalyzer.<Kind> validates one collection: every object of the file is its input.
  const inputs = c.analyzerInputs.some((k) => k.startsWith('<')) ? null : new Set(c.analyzerInputs);
  const objects = [...loadCaseYaml(dir, ''), ...loadCaseYaml(path.join(root, 'istioctl', '_harness'), '')].filter(
    (o) => (inputs === null || inputs.has(o.object.kind)) && !IGNORED_NAMESPACES.has(o.object.metadata.namespace ?? ''),
  );
  let dnsAutoAllocate = false;
  if (c.meshConfigFile) {
    const mc = parse(readFileSync(path.join(dir, c.meshConfigFile.local), 'utf8')) as { defaultConfig?: { proxyMetadata?: Record<string, string> } };
    dnsAutoAllocate = mc?.defaultConfig?.proxyMetadata?.ISTIO_META_DNS_AUTO_ALLOCATE === 'true';
  }
  const { findings } = validateConfig(snapshotOf(objects), {
    rootNamespace: 'istio-system',
    registryComplete: true,
    workloadsComplete: true,
    namespacesComplete: true,
    accountsComplete: false,
    assumeIstioInstall: false,
    dnsAutoAllocate,
  });
  const got = scope(findings, mapping.rules)
    .map((f) => ({ code: codeIn(f, 'IST'), resource: resourceOf(f) }))
    .filter((x): x is Expected => x.code !== undefined);
  const key = (x: Expected) => `${x.code} ${x.resource}`;
  const want = expected.map(key).sort();
  const have = got.map(key).sort();
  const missing = multisetMinus(want, have);
  const extra = multisetMinus(have, want);
  const pass = missing.length === 0 && extra.length === 0;
  return { ...base, required: mapping.required, unsupported: false, pass, detail: pass ? '' : `missing [${missing.join('; ')}] extra [${extra.join('; ')}]` };
}

function multisetMinus(a: string[], b: string[]): string[] {
  const rest = [...b];
  const out: string[] = [];
  for (const x of a) {
    const i = rest.indexOf(x);
    if (i >= 0) rest.splice(i, 1);
    else out.push(x);
  }
  return out;
}

export function istioctlCaseNames(root: string): string[] {
  const dir = path.join(root, 'istioctl');
  return readdirSync(dir).filter((n) => !n.startsWith('_') && existsSync(path.join(dir, n, 'case.json'))).sort();
}
