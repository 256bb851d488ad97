'use client';
import { Banner } from '@/components/ui/banner';
import { ApiError } from '@/components/ui/fetch-json';

export interface JaegerBannerProps {
  error: unknown;
  /** When results are still on screen, they are from this time (stale). */
  staleSince?: number;
}

/** The traces pages' banner when Jaeger (or Tempo) cannot be reached or answers garbage. */
export function JaegerBanner({ error, staleSince }: JaegerBannerProps) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const isBackend = error instanceof ApiError && error.backend === 'jaeger';
  const title = isBackend
    ? error.status === 503 || error.status === 504 ? 'Jaeger is unreachable' : 'Jaeger answered with an error'
    : 'Could not load traces';
  return (
    <Banner kind="error" title={staleSince ? `${title} — showing results from ${new Date(staleSince).toLocaleTimeString()} (stale)` : title}>
      {message}
    </Banner>
  );
}
