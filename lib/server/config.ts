/**
 * Server configuration from environment variables, validated once at start-up
 * (instrumentation.ts) with one message that lists every problem.
 */
import { z } from 'zod';
import type { PrometheusCompression } from '../prometheus/client';

/** Every environment variable the server reads; the deploy manifests are tested against this list. */
export const SERVER_ENV_VARS = [
  'PROMETHEUS_URL',
  'PROMETHEUS_TIMEOUT_MS',
  'PROMETHEUS_COMPRESSION',
  'PROMETHEUS_SCRAPE_INTERVAL',
  'JAEGER_URL',
  'JAEGER_TIMEOUT_MS',
  'CONFIG_SOURCE',
  'CONFIG_DIR',
  'KUBECONFIG',
  'AUTH_MODE',
  'SESSION_SECRET',
  'QUERY_CACHE_TTL_MS',
  'QUERY_TIME_QUANTUM_MS',
] as const;

const httpUrl = z
  .string()
  .trim()
  .refine((v) => /^https?:\/\/[^\s/]+/.test(v), 'must be an http:// or https:// URL')
  .transform((v) => v.replace(/\/+$/, ''));

const positiveInt = (fallback: number) =>
  z.coerce.number().int('must be a whole number').positive('must be positive').default(fallback);

const durationMs = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+(ms|s|m)$/, 'must be a duration like 15s')
    .transform((v) => {
      const n = Number(v.replace(/\D+$/, ''));
      return v.endsWith('ms') ? n : v.endsWith('m') ? n * 60_000 : n * 1000;
    })
    .default(fallback);

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envSchema = z
  .object({
    PROMETHEUS_URL: z.preprocess(emptyToUndefined, httpUrl.default('http://127.0.0.1:9090')),
    PROMETHEUS_TIMEOUT_MS: z.preprocess(emptyToUndefined, positiveInt(10_000)),
    PROMETHEUS_COMPRESSION: z.preprocess(emptyToUndefined, z.enum(['auto', 'gzip', 'none']).default('auto')),
    PROMETHEUS_SCRAPE_INTERVAL: z.preprocess(emptyToUndefined, durationMs(15_000)),
    JAEGER_URL: z.preprocess(emptyToUndefined, httpUrl.optional()),
    JAEGER_TIMEOUT_MS: z.preprocess(emptyToUndefined, positiveInt(10_000)),
    CONFIG_SOURCE: z.preprocess(emptyToUndefined, z.enum(['directory', 'kubernetes']).optional()),
    CONFIG_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
    KUBECONFIG: z.preprocess(emptyToUndefined, z.string().optional()),
    AUTH_MODE: z.preprocess(emptyToUndefined, z.enum(['anonymous', 'token']).default('anonymous')),
    SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
    QUERY_CACHE_TTL_MS: z.preprocess(emptyToUndefined, positiveInt(10_000)),
    QUERY_TIME_QUANTUM_MS: z.preprocess(emptyToUndefined, positiveInt(5_000)),
  });

export type ConfigSourceSetting =
  | { kind: 'directory'; dir: string }
  | { kind: 'kubernetes'; kubeconfig?: string }
  | { kind: 'none' };

export interface ServerConfig {
  prometheus: { url: string; timeoutMs: number; scrapeIntervalMs: number; compression: PrometheusCompression };
  jaeger: { url?: string; timeoutMs: number };
  configSource: ConfigSourceSetting;
  auth: { mode: 'anonymous' | 'token'; sessionSecret?: string };
  queryCache: { ttlMs: number; timeQuantumMs: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Meshscope cannot start: invalid environment\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default). Throws ConfigError naming every bad variable. */
export function parseServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => {
    const name = String(i.path[0] ?? 'environment');
    const value = env[name];
    return `${name}${value !== undefined ? `="${value}"` : ''} ${i.message}`;
  });
  if (env.CONFIG_SOURCE?.trim() === 'directory' && !env.CONFIG_DIR?.trim()) {
    problems.push('CONFIG_DIR is required when CONFIG_SOURCE=directory');
  }
  if (env.AUTH_MODE?.trim() === 'token' && !env.SESSION_SECRET?.trim()) {
    problems.push('SESSION_SECRET is required when AUTH_MODE=token (e.g. openssl rand -hex 32)');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const source = e.CONFIG_SOURCE ?? (e.CONFIG_DIR ? 'directory' : process.env.KUBERNETES_SERVICE_HOST ? 'kubernetes' : undefined);
  const configSource: ConfigSourceSetting =
    source === 'directory' && e.CONFIG_DIR ? { kind: 'directory', dir: e.CONFIG_DIR }
    : source === 'kubernetes' ? { kind: 'kubernetes', kubeconfig: e.KUBECONFIG }
    : { kind: 'none' };
  return {
    prometheus: { url: e.PROMETHEUS_URL, timeoutMs: e.PROMETHEUS_TIMEOUT_MS, scrapeIntervalMs: e.PROMETHEUS_SCRAPE_INTERVAL, compression: e.PROMETHEUS_COMPRESSION },
    jaeger: { url: e.JAEGER_URL, timeoutMs: e.JAEGER_TIMEOUT_MS },
    configSource,
    auth: { mode: e.AUTH_MODE, sessionSecret: e.SESSION_SECRET },
    queryCache: { ttlMs: e.QUERY_CACHE_TTL_MS, timeQuantumMs: e.QUERY_TIME_QUANTUM_MS },
  };
}

const globalForConfig = globalThis as typeof globalThis & { __meshscopeConfig?: ServerConfig };

/** The process's configuration, parsed once. */
export function getServerConfig(): ServerConfig {
  globalForConfig.__meshscopeConfig ??= parseServerConfig(process.env);
  return globalForConfig.__meshscopeConfig;
}
