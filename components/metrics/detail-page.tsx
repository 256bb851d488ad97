/**
 * Server part of a detail page: an invalid or unknown name is Next's notFound() (the page says so);
 * when Prometheus cannot answer the check, the page renders and its charts show the backend error.
 */
import { notFound } from 'next/navigation';
import { entityExists } from '@/lib/metrics/detail';
import { loadSignalsConfig } from '@/lib/metrics/server-config';
import type { EntityKind } from '@/lib/metrics/types';
import { isK8sName } from '@/lib/prometheus/promql';
import { getPrometheus } from '@/lib/server/backends';
import { EntityDetail } from './entity-detail';

export interface DetailPageProps {
  kind: EntityKind;
  params: Promise<{ namespace: string; name: string }>;
}

async function known(kind: EntityKind, namespace: string, name: string): Promise<boolean> {
  try {
    const { config } = await loadSignalsConfig();
    const prometheus = getPrometheus();
    return await entityExists(prometheus, { kind, namespace, name }, config, prometheus.defaultTimeSec());
  } catch {
    return true;
  }
}

export async function DetailPage({ kind, params }: DetailPageProps) {
  const { namespace: rawNs, name: rawName } = await params;
  const namespace = decodeURIComponent(rawNs);
  const name = decodeURIComponent(rawName);
  if (!isK8sName(namespace) || !isK8sName(name) || !(await known(kind, namespace, name))) notFound();
  return (
    <main className="page">
      <EntityDetail kind={kind} namespace={namespace} name={name} />
    </main>
  );
}
