import { Banner } from '@/components/ui/banner';
import { safeNext } from '@/lib/auth/guard';
import { getServerConfig } from '@/lib/server/config';
import { LoginForm } from './login-form';
import './login.css';

export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNext(typeof sp.next === 'string' ? sp.next : undefined);
  const { mode } = getServerConfig().auth;
  return (
    <main className="page login-page">
      <h1>Sign in to Meshscope</h1>
      {mode === 'token' ? (
        <LoginForm next={next} />
      ) : (
        <Banner kind="info" title="Sign-in is off">
          This Meshscope runs in anonymous read-only mode (AUTH_MODE=anonymous): every page is open. Set AUTH_MODE=token and
          SESSION_SECRET to require a Kubernetes service-account token.
        </Banner>
      )}
    </main>
  );
}
