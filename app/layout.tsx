import type { Metadata } from 'next';
import { Suspense, type ReactNode } from 'react';
import { AppHeader } from '@/components/ui/app-header';
import { THEME_BOOT_SCRIPT } from '@/components/ui/theme-toggle';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Meshscope',
  description: 'Observability console for Istio service meshes',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>
        <Providers>
          <Suspense fallback={<header className="app-header">Meshscope</header>}>
            <AppHeader />
          </Suspense>
          {/* No Suspense around the page: a detail page's notFound() must decide the status (404) before
              the first byte is sent, which a boundary here would flush with its fallback (200). */}
          {children}
        </Providers>
      </body>
    </html>
  );
}
