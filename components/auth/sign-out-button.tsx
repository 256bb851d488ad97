'use client';
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/components/ui/fetch-json';
import '@/app/login/login.css';

interface SessionInfo {
  mode: 'anonymous' | 'token';
  user: string | null;
}

/** In AUTH_MODE=token: who is signed in and a Sign out button. Renders nothing in anonymous mode. */
export function SignOutButton() {
  const { data } = useQuery({
    queryKey: ['auth-session'],
    queryFn: () => fetchJson<SessionInfo>('/api/auth/session'),
    staleTime: 60_000,
  });
  if (data?.mode !== 'token' || !data.user) return null;
  async function signOut() {
    await fetch('/api/auth/logout', { method: 'POST' });
    window.location.assign('/login');
  }
  return (
    <span className="sign-out">
      <span title={data.user}>{data.user.replace(/^system:serviceaccount:/, '')}</span>
      <button type="button" onClick={() => void signOut()}>Sign out</button>
    </span>
  );
}
