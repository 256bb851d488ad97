import { SEVERITY_RANK, type Severity } from '@/lib/istio/catalog';
import type { FindingAtLine } from '@/lib/istio/config-view';
import { SeverityIcon } from './severity-icon';

/** YAML with line numbers (as in the file); lines with findings are marked and the messages sit beside them. */
export function YamlView({ yaml, firstLine, findings }: { yaml: string; firstLine: number; findings: readonly FindingAtLine[] }) {
  const byLine = new Map<number, FindingAtLine[]>();
  for (const f of findings) byLine.set(f.yamlLine, [...(byLine.get(f.yamlLine) ?? []), f]);
  return (
    <div className="yaml-view" role="region" aria-label="YAML">
      {yaml.split('\n').map((text, i) => {
        const notes = byLine.get(i + 1) ?? [];
        const worst = notes.reduce<Severity | null>((w, f) => (w === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[w] ? f.severity : w), null);
        return (
          <div key={i} className={`yaml-line${worst ? ` yaml-line--${worst}` : ''}`} data-line={firstLine + i} data-marked={worst ?? undefined}>
            <span className="yaml-line__no">{firstLine + i}</span>
            <span className="yaml-line__text">{text || ' '}</span>
            <span className="yaml-line__notes">
              {notes.map((f, k) => (
                <span key={k} className="yaml-note" role="note">
                  <SeverityIcon severity={f.severity} />
                  <code>{f.code}</code>
                  <span>{f.message}</span>
                </span>
              ))}
            </span>
          </div>
        );
      })}
    </div>
  );
}
