'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from './fetch-json';

export interface NamespacePickerProps {
  selected: string[];
  onChange: (namespaces: string[]) => void;
}

/** Multi-select of the mesh's namespaces (from telemetry); the selection lives in the URL. */
export function NamespacePicker({ selected, onChange }: NamespacePickerProps) {
  const { data, error } = useQuery({
    queryKey: ['namespaces'],
    queryFn: () => fetchJson<{ namespaces: string[] }>('/api/namespaces'),
    staleTime: 30_000,
  });
  const known = data?.namespaces ?? [];
  const all = [...new Set([...known, ...selected])].sort();
  function toggle(ns: string) {
    const next = selected.includes(ns) ? selected.filter((s) => s !== ns) : [...selected, ns];
    if (next.length > 0) onChange(next);
  }
  return (
    <details className="namespace-picker">
      <summary aria-label="Namespaces">
        Namespace: <strong>{selected.join(', ')}</strong>
      </summary>
      <div className="namespace-picker__menu card" role="group" aria-label="Select namespaces">
        {error ? <div className="muted">Namespaces unavailable: {(error as Error).message}</div> : null}
        {all.map((ns) => (
          <label key={ns} className="row">
            <input type="checkbox" checked={selected.includes(ns)} onChange={() => toggle(ns)} /> {ns}
          </label>
        ))}
      </div>
    </details>
  );
}
