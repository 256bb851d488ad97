/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  // NEXT_DIST_DIR lets parallel checkouts/slots build side by side (see e2e/stack-ports.ts).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  // lib/ code that talks to Kubernetes and prom-client must stay on the server, unbundled.
  serverExternalPackages: ['prom-client', '@kubernetes/client-node'],
  // `npm test` type-checks the whole project (tests, scripts, sim) with tsc as its own step.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
