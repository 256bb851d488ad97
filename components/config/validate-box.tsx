'use client';
import { useMutation } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Banner } from '@/components/ui/banner';
import { ErrorBanner } from '@/components/ui/error-banner';
import { fetchJson } from '@/components/ui/fetch-json';
import type { ValidateResponse } from '@/lib/istio/server-config';
import { FindingTable } from './finding-table';
import './config.css';

const MAX_BYTES = 4 * 1024 * 1024;

/** Paste or upload YAML and validate it as if applied over the current config. Nothing is written. */
export function ValidateBox() {
  const [yaml, setYaml] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [namespace, setNamespace] = useState('default');
  const [readError, setReadError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      fetchJson<ValidateResponse>('/api/config/validate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ yaml, namespace, ...(fileName ? { fileName } : {}) }),
      }),
  });
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setReadError(`${file.name} is ${(file.size / 1048576).toFixed(1)} MiB; at most 4 MiB can be validated here (use meshscope validate for more)`);
      return;
    }
    setReadError(null);
    setYaml(await file.text());
    setFileName(file.name);
  };
  const result = mutation.data;
  return (
    <div className="validate-box">
      <label htmlFor="validate-yaml">YAML to validate</label>
      <textarea
        id="validate-yaml"
        value={yaml}
        spellCheck={false}
        placeholder={'apiVersion: networking.istio.io/v1\nkind: VirtualService\n…'}
        onChange={(e) => {
          setYaml(e.target.value);
          setFileName(undefined);
        }}
      />
      <div className="validate-box__actions">
        <label>
          Upload a file <input type="file" accept=".yaml,.yml,.json" aria-label="Upload YAML file" onChange={onFile} />
        </label>
        <label>
          Namespace for objects without one <input value={namespace} onChange={(e) => setNamespace(e.target.value)} aria-label="Default namespace" size={14} />
        </label>
        <button type="button" onClick={() => mutation.mutate()} disabled={yaml.trim() === '' || mutation.isPending}>
          {mutation.isPending ? 'Validating…' : 'Validate'}
        </button>
        <span className="muted">Checked against the current config; nothing is applied or written.</span>
      </div>
      {readError ? <Banner kind="error" title="Cannot read the file">{readError}</Banner> : null}
      {mutation.error ? <ErrorBanner what="the validation" error={mutation.error} /> : null}
      {result ? (
        <section aria-label="Validation result">
          {result.warning ? <Banner kind="warning" title="Checked on its own">{result.warning}</Banner> : null}
          <p className="muted">
            {result.objects.length} object{result.objects.length === 1 ? '' : 's'} read{fileName ? ` from ${fileName}` : ''}, checked against {result.against}.
          </p>
          {result.findings.length === 0 ? (
            <EmptyState title="No problems found">Applying this YAML would not break any reference Meshscope checks.</EmptyState>
          ) : (
            <FindingTable findings={result.findings} showObject label="Validation findings" />
          )}
        </section>
      ) : null}
    </div>
  );
}
