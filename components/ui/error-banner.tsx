'use client';
import { Banner } from './banner';

export interface ErrorBannerProps {
  /** What failed to load, e.g. "the graph". */
  what: string;
  error: unknown;
  /** When earlier data is still on screen, say so: it is stale. */
  staleSince?: number;
}

/** The banner for a failed fetch: names the backend when the API said which, keeps stale data honest. */
export function ErrorBanner({ what, error, staleSince }: ErrorBannerProps) {
  const message = error instanceof Error ? error.message : String(error);
  const title = staleSince
    ? `Could not refresh ${what} — showing data from ${new Date(staleSince).toLocaleTimeString()} (stale)`
    : `Could not load ${what}`;
  return <Banner kind={staleSince ? 'warning' : 'error'} title={title}>{message}</Banner>;
}
