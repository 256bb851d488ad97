'use client';
/**
 * next/navigation's location hooks as the App Router gives them. With a pages/ directory in the app
 * (pages/api/graph.ts), Next types them for components that may render under the Pages Router too,
 * where both are null before hydration; every component here renders under app/, where they never are.
 */
import { usePathname as useNextPathname, useSearchParams as useNextSearchParams, type ReadonlyURLSearchParams } from 'next/navigation';

export function useSearchParams(): ReadonlyURLSearchParams {
  const search: ReadonlyURLSearchParams | null = useNextSearchParams();
  if (search === null) throw new Error('useSearchParams is for App Router components');
  return search;
}

export function usePathname(): string {
  const pathname: string | null = useNextPathname();
  if (pathname === null) throw new Error('usePathname is for App Router components');
  return pathname;
}
