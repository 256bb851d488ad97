'use client';
import { useState, type FormEvent } from 'react';
import { Banner } from '@/components/ui/banner';
import { ApiError, fetchJson } from '@/components/ui/fetch-json';

export interface LoginFormProps {
  /** Where to go once signed in (already checked to stay on this site). */
  next: string;
}

/** Paste a service-account token; the server checks it with a TokenReview and sets the session cookie. */
export function LoginForm({ next }: LoginFormProps) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await fetchJson('/api/auth/login', { method: 'POST', body: JSON.stringify({ token }), headers: { 'content-type': 'application/json' } });
      window.location.assign(next);
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <form className="card login-form" onSubmit={submit}>
      <p className="muted">
        Paste a Kubernetes service-account token, for example from <code>kubectl -n meshscope create token meshscope-viewer</code>.
        It is checked with a TokenReview and not stored; the session lasts 8 hours.
      </p>
      {error ? <Banner kind="error" title="Sign-in refused">{error}</Banner> : null}
      <label htmlFor="login-token">Service-account token</label>
      <textarea id="login-token" rows={6} value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" spellCheck={false} required />
      <div className="row">
        <button type="submit" className="primary" disabled={busy || token.trim() === ''}>{busy ? 'Checking…' : 'Sign in'}</button>
      </div>
    </form>
  );
}
