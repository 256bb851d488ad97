/**
 * Where the Kubernetes API is and how to authenticate: the pod's service account (in a cluster) or a
 * kubeconfig file (outside). Supports what a read-only dashboard needs — server URL, CA, bearer token
 * or token file (re-read, as projected tokens rotate), client certificate. exec/auth-provider plugins
 * are refused with a clear message (use a service-account token in the kubeconfig instead).
 * (@kubernetes/client-node 2.x pulls undici 8, which needs Node >= 22.19; this file keeps us on Node 20.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { isIPv6 } from 'node:net';
import { parse } from 'yaml';
import { z } from 'zod';

export interface KubeCredentials {
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** The bearer token for the next request (read from a file when it comes from one). */
  token(): string | undefined;
  insecureSkipTlsVerify?: boolean;
  servername?: string;
  /** Where the credentials came from, for people. */
  origin: string;
}

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

const KubeconfigSchema = z.looseObject({
  'current-context': z.string().optional(),
  clusters: z.array(z.looseObject({ name: z.string(), cluster: z.looseObject({
    server: z.string(),
    'certificate-authority': z.string().optional(),
    'certificate-authority-data': z.string().optional(),
    'insecure-skip-tls-verify': z.boolean().optional(),
    'tls-server-name': z.string().optional(),
  }) })).default([]),
  users: z.array(z.looseObject({ name: z.string(), user: z.looseObject({
    token: z.string().optional(),
    tokenFile: z.string().optional(),
    'client-certificate': z.string().optional(),
    'client-certificate-data': z.string().optional(),
    'client-key': z.string().optional(),
    'client-key-data': z.string().optional(),
    exec: z.unknown().optional(),
    'auth-provider': z.unknown().optional(),
  }).nullable() })).default([]),
  contexts: z.array(z.looseObject({ name: z.string(), context: z.looseObject({ cluster: z.string(), user: z.string().optional() }) })).default([]),
});

function fileToken(file: string): () => string | undefined {
  let cached: { at: number; token: string } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > 60_000) cached = { at: Date.now(), token: readFileSync(file, 'utf8').trim() };
    return cached.token;
  };
}

/** The pod's service account; undefined outside a cluster. */
export function inClusterCredentials(env: Record<string, string | undefined> = process.env, dir = SA_DIR): KubeCredentials | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  if (!host || !existsSync(path.join(dir, 'token'))) return undefined;
  const h = isIPv6(host) ? `[${host}]` : host;
  const caFile = path.join(dir, 'ca.crt');
  return {
    server: `https://${h}:${port}`,
    ca: existsSync(caFile) ? readFileSync(caFile) : undefined,
    token: fileToken(path.join(dir, 'token')),
    origin: 'in-cluster service account',
  };
}

/** Reads a kubeconfig file's current context. Throws with a message naming what is wrong. */
export function kubeconfigCredentials(file: string): KubeCredentials {
  const base = path.dirname(file);
  const abs = (p: string) => (path.isAbsolute(p) ? p : path.join(base, p));
  const parsed = KubeconfigSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a kubeconfig: ${parsed.error.issues[0]?.message}`);
  const kc = parsed.data;
  const ctxName = kc['current-context'];
  const ctx = kc.contexts.find((c) => c.name === ctxName) ?? (kc.contexts.length === 1 ? kc.contexts[0] : undefined);
  if (!ctx) throw new Error(`${file} has no current-context`);
  const cluster = kc.clusters.find((c) => c.name === ctx.context.cluster)?.cluster;
  if (!cluster) throw new Error(`${file}: context ${ctx.name} names cluster ${ctx.context.cluster}, which is not defined`);
  const user = kc.users.find((u) => u.name === ctx.context.user)?.user ?? {};
  if (user.exec || user['auth-provider']) {
    throw new Error(`${file}: user ${ctx.context.user} authenticates with an exec/auth-provider plugin, which Meshscope does not run; use a kubeconfig with a token (kubectl create token ...)`);
  }
  const data = (d?: string, f?: string) => (d ? Buffer.from(d, 'base64') : f ? readFileSync(abs(f)) : undefined);
  const staticToken = user.token;
  return {
    server: cluster.server.replace(/\/+$/, ''),
    ca: data(cluster['certificate-authority-data'], cluster['certificate-authority']),
    cert: data(user['client-certificate-data'], user['client-certificate']),
    key: data(user['client-key-data'], user['client-key']),
    token: user.tokenFile ? fileToken(abs(user.tokenFile)) : () => staticToken,
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'],
    servername: cluster['tls-server-name'],
    origin: `kubeconfig ${file} (context ${ctx.name})`,
  };
}

/** The given kubeconfig, else the pod's service account, else $KUBECONFIG (first file) or ~/.kube/config. */
export function loadCredentials(kubeconfig?: string, env: Record<string, string | undefined> = process.env): KubeCredentials {
  if (kubeconfig) return kubeconfigCredentials(kubeconfig);
  const inCluster = inClusterCredentials(env);
  if (inCluster) return inCluster;
  const candidates = [...(env.KUBECONFIG?.split(path.delimiter).filter(Boolean) ?? []), path.join(homedir(), '.kube', 'config')];
  const file = candidates.find((f) => existsSync(f));
  if (!file) throw new Error(`not in a cluster and no kubeconfig found (tried ${candidates.join(', ')})`);
  return kubeconfigCredentials(file);
}
