import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
}

/** Says why there is nothing to show (no traffic, nothing found) — never an error in disguise. */
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <div className="empty-state" role="status">
      <div className="empty-state__title">{title}</div>
      {children ? <div>{children}</div> : null}
    </div>
  );
}
