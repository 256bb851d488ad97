import type { ReactNode } from 'react';

export interface BannerProps {
  kind: 'error' | 'warning' | 'info';
  title: string;
  children?: ReactNode;
}

/** A message across the top of a page section: backend down, stale data, partial results. */
export function Banner({ kind, title, children }: BannerProps) {
  return (
    <div className={`banner banner--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div>
        <div className="banner__title">{title}</div>
        {children ? <div>{children}</div> : null}
      </div>
    </div>
  );
}
