/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  reactStrictMode: true,
  poweredByHeader: false,
  // lib/ code that talks to Kubernetes and prom-client must stay on the server, unbundled.
  serverExternalPackages: ['prom-client', '@kubernetes/client-node'],
};

export default nextConfig;
