'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/**
 * next/link that prefetches a route only when the user reaches for it (hover or keyboard focus),
 * never because it scrolled into view. Every page shows the header's ten links and lists show two
 * per row; with viewport prefetching each page load sent one server render per link, again whenever
 * the global parameters in their hrefs changed (~30 on a plain page load).
 */
export function IntentLink({ href, onMouseEnter, onFocus, ...rest }: Omit<ComponentProps<typeof Link>, 'prefetch' | 'href'> & { href: string }) {
  const router = useRouter();
  return (
    <Link
      {...rest}
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        router.prefetch(href);
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        router.prefetch(href);
        onFocus?.(e);
      }}
    />
  );
}
