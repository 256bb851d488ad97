/**
 * The live Kubernetes config source: one informer per resource (lib/kube/resources.ts), so a
 * snapshot is served from memory and costs no API call once the first lists are in. `snapshot()`
 * returns the very same object while nothing changed (callers cache validation by identity).
 * The same code runs in a pod (service account) and outside (kubeconfig: the CLI's `--kube`).
 */
import type { ConfigSnapshot, ConfigSource } from '@/lib/istio/config-source';
import type { ConfigObject } from '@/lib/istio/yaml-loader';
import { AppError } from '@/lib/server/errors';
import { Informer, type InformerOptions, type InformerState } from './informer';
import { KUBE_RESOURCES, type KubeResource } from './resources';
import { loadCredentials, type KubeCredentials } from './kubeconfig';
import { createKubeTransport, type KubeTransport } from './transport';

export interface KubernetesConfigSourceOptions {
  /** Path of a kubeconfig file; default: in-cluster service account, else $KUBECONFIG / ~/.kube/config. */
  kubeconfig?: string;
  /** Credentials already loaded (takes precedence over `kubeconfig`). */
  credentials?: KubeCredentials;
  /** Inject a transport (tests). */
  transport?: KubeTransport;
  resources?: readonly KubeResource[];
  informer?: InformerOptions;
}

export interface KubernetesConfigSource extends ConfigSource {
  readonly kind: 'kubernetes';
  readonly server: string;
  readonly transport: KubeTransport;
  /** Per-resource sync state, for the connections page. */
  states(): InformerState[];
  /** Stops every watch. */
  close(): void;
}

class KubeSource implements KubernetesConfigSource {
  readonly kind = 'kubernetes' as const;
  private readonly informers: Informer[];
  private last?: { key: string; snapshot: ConfigSnapshot };
  /** Each informer's objects in namespace/name order, re-sorted only when that informer changed. */
  private sorted = new Map<Informer, { generation: number; list: ConfigObject[] }>();

  constructor(readonly transport: KubeTransport, resources: readonly KubeResource[], options: InformerOptions) {
    this.informers = resources.map((r) => new Informer(r, transport, options));
  }

  get server(): string {
    return this.transport.server;
  }

  async snapshot(): Promise<ConfigSnapshot> {
    if (!this.informers.every((i) => i.isSynced)) {
      const results = await Promise.allSettled(this.informers.map((i) => i.ready()));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) {
        throw failed.reason instanceof AppError
          ? failed.reason
          : new AppError('backend_unavailable', `Kubernetes API ${this.server}: ${String(failed.reason)}`, { backend: 'kubernetes', cause: failed.reason });
      }
    }
    const key = this.informers.map((i) => i.generation).join(',');
    if (this.last?.key === key) return this.last.snapshot;
    const objects: ConfigObject[] = [];
    for (const inf of this.informers) {
      let cached = this.sorted.get(inf);
      if (cached?.generation !== inf.generation) {
        const key = (o: ConfigObject) => `${o.object.metadata.namespace ?? ''}/${o.object.metadata.name}`;
        const list = inf.objects().map((object) => ({ object }));
        const keys = new Map(list.map((o) => [o, key(o)]));
        list.sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : 1));
        cached = { generation: inf.generation, list };
        this.sorted.set(inf, cached);
      }
      for (const o of cached.list) objects.push(o);
    }
    const snapshot: ConfigSnapshot = { objects, errors: [], takenAt: Date.now(), origin: `Kubernetes API ${this.server}` };
    this.last = { key, snapshot };
    return snapshot;
  }

  states(): InformerState[] {
    return this.informers.map((i) => i.state());
  }

  close(): void {
    for (const i of this.informers) i.stop();
  }
}

/** Builds the source; nothing is contacted until the first `snapshot()`. */
export function createKubernetesConfigSource(options: KubernetesConfigSourceOptions = {}): KubernetesConfigSource {
  let transport = options.transport;
  if (!transport) {
    try {
      transport = createKubeTransport(options.credentials ?? loadCredentials(options.kubeconfig));
    } catch (err) {
      throw new AppError('backend_unavailable', `Kubernetes configuration cannot be loaded${options.kubeconfig ? ` from ${options.kubeconfig}` : ''}: ${err instanceof Error ? err.message : String(err)}`, {
        backend: 'kubernetes',
        cause: err,
      });
    }
  }
  return new KubeSource(transport, options.resources ?? KUBE_RESOURCES, options.informer ?? {});
}

/**
 * For the server: like createKubernetesConfigSource, but a configuration that cannot be loaded
 * becomes a source whose snapshots reject with that error, so the pages that need it say why.
 */
export function serverKubernetesConfigSource(kubeconfig?: string): KubernetesConfigSource | ConfigSource {
  try {
    return createKubernetesConfigSource({ kubeconfig });
  } catch (err) {
    return { kind: 'kubernetes', snapshot: () => Promise.reject(err) };
  }
}
