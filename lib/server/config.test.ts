import { describe, expect, it } from 'vitest';
import { ConfigError, parseServerConfig } from './config';

describe('server config', () => {
  it('has defaults for a local demo', () => {
    const c = parseServerConfig({});
    expect(c.prometheus.url).toBe('http://127.0.0.1:9090');
    expect(c.auth.mode).toBe('anonymous');
    expect(c.prometheus.scrapeIntervalMs).toBe(15_000);
    expect(c.prometheus.compression).toBe('auto');
    expect(parseServerConfig({ PROMETHEUS_COMPRESSION: 'gzip' }).prometheus.compression).toBe('gzip');
    expect(() => parseServerConfig({ PROMETHEUS_COMPRESSION: 'zstd' })).toThrow(/PROMETHEUS_COMPRESSION/);
  });

  it('reads the directory config source', () => {
    const c = parseServerConfig({ CONFIG_SOURCE: 'directory', CONFIG_DIR: '/tmp/cfg', PROMETHEUS_URL: 'http://p:9090/', PROMETHEUS_SCRAPE_INTERVAL: '5s' });
    expect(c.configSource).toEqual({ kind: 'directory', dir: '/tmp/cfg' });
    expect(c.prometheus.url).toBe('http://p:9090');
    expect(c.prometheus.scrapeIntervalMs).toBe(5000);
  });

  it('lists every bad variable in one message', () => {
    let err: unknown;
    try {
      parseServerConfig({ PROMETHEUS_URL: 'prometheus:9090', AUTH_MODE: 'open', CONFIG_SOURCE: 'directory' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as ConfigError).message;
    expect(msg).toContain('PROMETHEUS_URL="prometheus:9090" must be an http:// or https:// URL');
    expect(msg).toContain('AUTH_MODE="open"');
    expect(msg).toContain('CONFIG_DIR is required when CONFIG_SOURCE=directory');
  });
});
