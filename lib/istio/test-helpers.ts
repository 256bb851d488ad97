/** Test helpers: validate YAML text, and the small mesh most tests start from. */
import { snapshotOf } from './config-source';
import { validateConfig, type Finding, type ValidateOptions } from './validate';
import { parseConfigText } from './yaml-loader';

export function validateYaml(text: string, options: ValidateOptions = {}, file = 'test.yaml'): Finding[] {
  const r = parseConfigText(text, file);
  return validateConfig(snapshotOf(r.objects, r.errors), options).findings;
}

/** `CODE Kind ns/name path` per finding, for compact assertions. */
export function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.code} ${f.kind} ${f.namespace}/${f.name} ${f.path}`);
}

/** A namespace with a Service `name` (port 9080) and one Deployment per version. */
export function app(ns: string, name: string, versions: string[] = ['v1'], extra = ''): string {
  const deployments = versions
    .map(
      (v) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}-${v}, namespace: ${ns}}
spec:
  template:
    metadata: {labels: {app: ${name}, version: ${v}}}
    spec: {serviceAccountName: ${name}, containers: [{name: ${name}}]}`,
    )
    .join('\n');
  return `---
apiVersion: v1
kind: Namespace
metadata: {name: ${ns}, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: ${ns}}
---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}${extra}}
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: 9080}]
${deployments}
`;
}
