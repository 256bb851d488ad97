'use client';
import { IntentLink } from '@/components/ui/intent-link';
import { useState } from 'react';
import { useSearchParams } from '@/components/ui/navigation';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { HealthBadge } from '@/components/ui/health-badge';
import { useGlobalParams, useUrlParamSetter } from '@/components/ui/use-global-params';
import { formatMs, formatPct, formatRps, windowWords } from '@/lib/metrics/format';
import { graphHref, listHref, tracesHref } from '@/lib/metrics/links';
import { defaultReporter } from '@/lib/metrics/params';
import type { Direction, EntityKind, Reporter, SignalsResponse } from '@/lib/metrics/types';
import { durationSeconds } from '@/lib/url-state';
import { CodesTable } from './codes-table';
import { SignalChart } from './signal-chart';
import { useSignals } from './use-signals';
import './metrics.css';

export interface EntityDetailProps {
  kind: EntityKind;
  namespace: string;
  name: string;
}

const KIND_TITLE: Record<EntityKind, string> = { service: 'Service', workload: 'Workload', app: 'App' };

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="signals-stat">
      <span className="signals-stat__label">{label}</span>
      <span className="signals-stat__value">{value}</span>
    </div>
  );
}

/** Traffic, errors, latency and saturation of one service / workload / app over the chosen window. */
export function EntityDetail({ kind, namespace, name }: EntityDetailProps) {
  const [params] = useGlobalParams();
  const search = useSearchParams();
  const setUrl = useUrlParamSetter();
  const direction: Direction = kind !== 'service' && search.get('direction') === 'outbound' ? 'outbound' : 'inbound';
  const rawReporter = search.get('reporter');
  const reporter: Reporter = rawReporter === 'source' || rawReporter === 'destination' ? rawReporter : defaultReporter(kind, direction);
  const split = search.get('split') === 'true';
  const { data, error, dataUpdatedAt, isPending } = useSignals(kind, namespace, name, { direction, reporter, split }, params);
  const [picked, setPicked] = useState<number | null>(null);

  const summary = data?.summary;
  const app = summary?.app ?? name;
  const windowSec = durationSeconds(params.duration);

  return (
    <>
      <p className="muted"><IntentLink href={listHref(kind, params)}>{KIND_TITLE[kind]}s</IntentLink> / {namespace}</p>
      <h1 className="row">{name} {summary ? <HealthBadge status={summary.health} /> : null}</h1>
      <div className="row">
        <IntentLink href={graphHref(kind, namespace, name, params)}>Show in the graph</IntentLink>
        {data ? <IntentLink href={tracesHref(app, namespace, data.startSec, data.endSec)}>Traces of this window</IntentLink> : null}
      </div>
      {summary ? (
        <div className="signals-stats" aria-label="Summary">
          <Stat label="Requests/s in" value={formatRps(summary.inRps)} />
          <Stat label="Errors in" value={formatPct(summary.inErrorPct)} />
          <Stat label="p95 in" value={formatMs(summary.inP95Ms)} />
          {kind !== 'service' ? <Stat label="Requests/s out" value={formatRps(summary.outRps)} /> : null}
          {kind !== 'service' ? <Stat label="Errors out" value={formatPct(summary.outErrorPct)} /> : null}
          <Stat label="mTLS" value={formatPct(summary.mtlsPct)} />
        </div>
      ) : null}

      {kind !== 'service' ? (
        <div className="signals-tabs" role="tablist" aria-label="Direction">
          {(['inbound', 'outbound'] as const).map((d) => (
            <button key={d} type="button" role="tab" aria-selected={direction === d} onClick={() => setUrl({ direction: d, reporter: null })}>
              {d === 'inbound' ? 'Inbound' : 'Outbound'}
            </button>
          ))}
        </div>
      ) : null}
      <div className="signals-toolbar">
        <label title="source: as the calling proxy counted it (includes requests that never reached a workload, e.g. injected aborts); destination: as the serving proxy counted it (includes callers outside the mesh)">
          Reporter
          <select aria-label="Reporter" value={reporter} onChange={(e) => setUrl({ reporter: e.target.value })}>
            <option value="source">source (caller&apos;s proxy)</option>
            <option value="destination">destination (server&apos;s proxy)</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={split} onChange={(e) => setUrl({ split: e.target.checked ? 'true' : null })} />
          Split traffic by {direction === 'inbound' ? 'source' : 'destination'} workload
        </label>
      </div>

      {error ? <ErrorBanner what="the signals" error={error} staleSince={data ? dataUpdatedAt : undefined} /> : null}
      {isPending ? <p className="muted">Loading signals…</p> : null}
      {data && data.noTraffic ? (
        <EmptyState title={`No requests in the last ${windowWords(windowSec)}`}>
          {name} had no {direction} requests or TCP traffic reported by the {reporter} proxy in this window.
        </EmptyState>
      ) : null}
      {data && !data.noTraffic ? <Charts data={data} app={app} picked={picked} onPick={setPicked} /> : null}
    </>
  );
}

interface ChartsProps {
  data: SignalsResponse;
  app: string;
  picked: number | null;
  onPick: (t: number) => void;
}

function Charts({ data, app, picked, onPick }: ChartsProps) {
  const { charts } = data;
  const link = picked !== null ? (
    <p>
      <IntentLink href={tracesHref(app, data.namespace, picked - data.rateSec, picked + data.stepSec)}>
        Traces from {new Date((picked - data.rateSec) * 1000).toLocaleTimeString()} to {new Date((picked + data.stepSec) * 1000).toLocaleTimeString()}
      </IntentLink>
    </p>
  ) : null;
  return (
    <>
      {link}
      <section className="signals-section" aria-labelledby="sig-traffic-errors">
        <h2 id="sig-traffic-errors">Traffic and errors</h2>
        <div className="signals-charts">
          <SignalChart chart={charts.traffic} onPick={onPick} />
          <SignalChart chart={charts.errors} onPick={onPick}>
            <h3>Codes and response flags (whole window)</h3>
            {data.codesError ? <p role="alert">Could not load the codes: {data.codesError}</p> : <CodesTable codes={data.codes} />}
          </SignalChart>
        </div>
      </section>
      <section className="signals-section" aria-labelledby="sig-latency">
        <h2 id="sig-latency">Latency</h2>
        <div className="signals-charts"><SignalChart chart={charts.latency} onPick={onPick} /></div>
      </section>
      <section className="signals-section" aria-labelledby="sig-saturation">
        <h2 id="sig-saturation">Saturation</h2>
        <div className="signals-charts">
          <SignalChart chart={charts.throughput} onPick={onPick} />
          <SignalChart chart={charts.connections} onPick={onPick} />
          {charts.cpu.unavailable && charts.cpu.unavailable === charts.memory.unavailable ? (
            <SignalChart chart={{ ...charts.cpu, title: 'Container CPU and memory' }} />
          ) : (
            <>
              <SignalChart chart={charts.cpu} onPick={onPick} />
              <SignalChart chart={charts.memory} onPick={onPick} />
            </>
          )}
        </div>
      </section>
    </>
  );
}
