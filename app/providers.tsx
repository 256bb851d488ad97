'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Pages poll on the user's refresh interval; a failed poll keeps the last good data on screen
        // (marked stale by the page), so retry once quickly rather than three times.
        retry: 1,
        refetchOnWindowFocus: false,
        staleTime: 2_000,
      },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
