'use client';
import { usePathname } from './navigation';
import { DURATIONS, REFRESHES, withGlobalParams, type DurationOption, type RefreshOption } from '@/lib/url-state';
import { NamespacePicker } from './namespace-picker';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { MtlsStatus } from '@/components/security/mtls-status';
import { IntentLink } from './intent-link';
import { ThemeToggle } from './theme-toggle';
import { useGlobalParams } from './use-global-params';

export const NAV_ITEMS = [
  { href: '/', label: 'Overview' },
  { href: '/graph', label: 'Graph' },
  { href: '/services', label: 'Services' },
  { href: '/workloads', label: 'Workloads' },
  { href: '/apps', label: 'Apps' },
  { href: '/traces', label: 'Traces' },
  { href: '/config', label: 'Istio Config' },
  { href: '/security', label: 'Security' },
  { href: '/status', label: 'Connections' },
] as const;

function isCurrent(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** Navigation plus the global selectors (namespaces, window, refresh) that every page reads from the URL. */
export function AppHeader() {
  const pathname = usePathname();
  const [params, setParams] = useGlobalParams();
  // The sign-in page: no navigation or selectors (they would call API routes that answer 401 there).
  if (pathname === '/login') return <header className="app-header"><span className="app-header__brand"><span aria-hidden="true">◈</span> Meshscope</span></header>;
  return (
    <header className="app-header">
      <IntentLink href={withGlobalParams('/', params)} className="app-header__brand">
        <span aria-hidden="true">◈</span> Meshscope
      </IntentLink>
      <nav className="app-header__nav" aria-label="Main">
        {NAV_ITEMS.map((item) => (
          <IntentLink key={item.href} href={withGlobalParams(item.href, params)} aria-current={isCurrent(pathname, item.href) ? 'page' : undefined}>
            {item.label}
          </IntentLink>
        ))}
      </nav>
      <div className="app-header__controls">
        <MtlsStatus />
        <NamespacePicker selected={params.namespaces} onChange={(namespaces) => setParams({ namespaces })} />
        <label>
          Window
          <select aria-label="Time window" value={params.duration} onChange={(e) => setParams({ duration: e.target.value as DurationOption })}>
            {DURATIONS.map((d) => <option key={d} value={d}>Last {d}</option>)}
          </select>
        </label>
        <label>
          Refresh
          <select aria-label="Refresh interval" value={params.refresh} onChange={(e) => setParams({ refresh: e.target.value as RefreshOption })}>
            {REFRESHES.map((r) => <option key={r} value={r}>{r === 'off' ? 'Off' : `Every ${r}`}</option>)}
          </select>
        </label>
        <ThemeToggle />
        <SignOutButton />
      </div>
    </header>
  );
}
