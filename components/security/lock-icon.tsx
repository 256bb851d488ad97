export interface LockIconProps {
  open?: boolean;
  /** Accessible name; omitted → decorative. */
  title?: string;
}

/** A small padlock drawn in SVG (the system may lack an emoji font). */
export function LockIcon({ open = false, title }: LockIconProps) {
  return (
    <svg className="sec-lock" width="10" height="12" viewBox="0 0 10 12" role={title ? 'img' : undefined} aria-hidden={title ? undefined : true} aria-label={title}>
      <path d={open ? 'M2.5 5V3.2a2.5 2.5 0 0 1 4.9-.7' : 'M2.5 5V3.5a2.5 2.5 0 0 1 5 0V5'} fill="none" stroke="currentColor" strokeWidth="1.4" />
      <rect x="0.8" y="5" width="8.4" height="6.4" rx="1.2" fill="currentColor" />
    </svg>
  );
}
