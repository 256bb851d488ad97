import type { Severity } from '@/lib/istio/catalog';

const ICON: Record<Severity | 'valid', { glyph: string; label: string }> = {
  error: { glyph: '✖', label: 'Error' },
  warning: { glyph: '▲', label: 'Warning' },
  info: { glyph: 'ℹ', label: 'Note' },
  valid: { glyph: '✔', label: 'Valid' },
};

/** The validation state as an icon with an accessible name ("Error", "Warning", "Note", "Valid"). */
export function SeverityIcon({ severity, withLabel = false }: { severity: Severity | 'valid'; withLabel?: boolean }) {
  const icon = ICON[severity];
  return (
    <span className={`sev sev--${severity}`} title={icon.label}>
      <span aria-hidden="true">{icon.glyph}</span>
      {withLabel ? <span className="sev__label">{icon.label}</span> : <span className="visually-hidden">{icon.label}</span>}
    </span>
  );
}
