import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inClusterCredentials, kubeconfigCredentials } from './kubeconfig';

const dir = () => mkdtempSync(path.join(tmpdir(), 'meshscope-kc-'));

const KUBECONFIG = (user: string) => `apiVersion: v1
kind: Config
current-context: lab
clusters:
- name: lab
  cluster:
    server: https://10.0.0.1:6443/
    certificate-authority: ca.crt
contexts:
- name: other
  context: {cluster: nowhere, user: nobody}
- name: lab
  context: {cluster: lab, user: viewer}
users:
- name: viewer
  user:
${user}
`;

describe('kubeconfig credentials', () => {
  it('reads the current context, resolves relative files and re-reads a token file', () => {
    const d = dir();
    writeFileSync(path.join(d, 'ca.crt'), 'CA-PEM');
    writeFileSync(path.join(d, 'token'), 'tok-1\n');
    writeFileSync(path.join(d, 'config'), KUBECONFIG('    tokenFile: token'));
    const c = kubeconfigCredentials(path.join(d, 'config'));
    expect(c.server).toBe('https://10.0.0.1:6443');
    expect(c.ca?.toString()).toBe('CA-PEM');
    expect(c.token()).toBe('tok-1');
    expect(c.origin).toBe(`kubeconfig ${path.join(d, 'config')} (context lab)`);
  });

  it('decodes inline base64 data and a static token', () => {
    const d = dir();
    writeFileSync(path.join(d, 'ca.crt'), 'x');
    writeFileSync(path.join(d, 'config'), KUBECONFIG(`    token: abc\n    client-certificate-data: ${Buffer.from('CERT').toString('base64')}`));
    const c = kubeconfigCredentials(path.join(d, 'config'));
    expect(c.token()).toBe('abc');
    expect(c.cert?.toString()).toBe('CERT');
  });

  it('refuses exec plugins with a message saying what to do', () => {
    const d = dir();
    writeFileSync(path.join(d, 'ca.crt'), 'x');
    writeFileSync(path.join(d, 'config'), KUBECONFIG('    exec: {command: aws, apiVersion: client.authentication.k8s.io/v1beta1}'));
    expect(() => kubeconfigCredentials(path.join(d, 'config'))).toThrow(/exec\/auth-provider plugin.*kubectl create token/);
  });

  it('uses the pod service account when KUBERNETES_SERVICE_HOST is set', () => {
    const d = dir();
    writeFileSync(path.join(d, 'token'), 'sa-token');
    writeFileSync(path.join(d, 'ca.crt'), 'SA-CA');
    const c = inClusterCredentials({ KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' }, d)!;
    expect(c.server).toBe('https://[fd00::1]:443');
    expect(c.token()).toBe('sa-token');
    expect(c.ca?.toString()).toBe('SA-CA');
    expect(inClusterCredentials({}, d)).toBeUndefined();
  });
});
