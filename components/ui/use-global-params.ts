'use client';
import { useRouter } from 'next/navigation';
import { usePathname, useSearchParams } from './navigation';
import { useCallback, useMemo } from 'react';
import { readGlobalParams, type GlobalParams } from '@/lib/url-state';

/** The global view state from the URL, and a setter that rewrites the URL (replace, no scroll). */
export function useGlobalParams(): [GlobalParams, (next: Partial<GlobalParams>) => void] {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const params = useMemo(() => readGlobalParams(search), [search]);
  const update = useCallback(
    (next: Partial<GlobalParams>) => {
      const merged = { ...params, ...next };
      const q = new URLSearchParams(search.toString());
      q.set('namespaces', merged.namespaces.join(','));
      q.set('duration', merged.duration);
      q.set('refresh', merged.refresh);
      router.replace(`${pathname}?${q.toString()}`, { scroll: false });
    },
    [params, search, router, pathname],
  );
  return [params, update];
}

/** Updates page-specific URL params (null deletes), keeping everything else. */
export function useUrlParamSetter(): (changes: Record<string, string | null>) => void {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  return useCallback(
    (changes) => {
      const q = new URLSearchParams(search.toString());
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) q.delete(k);
        else q.set(k, v);
      }
      router.replace(`${pathname}?${q.toString()}`, { scroll: false });
    },
    [search, router, pathname],
  );
}
