'use client';
import { useEffect, useState } from 'react';

type Theme = 'light' | 'dark';

/** Light/dark switch; the choice is kept in localStorage and applied before paint by the layout's script. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>('light');
  useEffect(() => {
    setTheme(document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');
  }, []);
  function toggle() {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem('meshscope-theme', next);
    } catch {
      // storage disabled: the theme still applies to this page
    }
    setTheme(next);
  }
  return (
    <button type="button" onClick={toggle} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} title="Toggle theme">
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </button>
  );
}

/** Inline script for <head>: applies the saved (or the system's) theme before the first paint. */
export const THEME_BOOT_SCRIPT = `(function(){try{var t=localStorage.getItem('meshscope-theme');if(!t){t=window.matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light'}document.documentElement.dataset.theme=t}catch(e){}})();`;
