import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, sendJson, type JsonBody } from './node-json';

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br, zstd', true], // Chromium
    ['gzip', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['GZIP', true],
    ['x-gzip', true],
    ['*', true],
    ['br, *', true],
    ['identity', false],
    ['gzip;q=0', false],
    ['br, gzip;q=0.0', false],
    ['*;q=0', false],
    ['gzip;q=0, *', false], // gzip named and refused: * does not bring it back
    ['', false],
  ])('%j → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  it('is false without the header', () => {
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe('sendJson', () => {
  it('compresses a big body (the thread-pool path) once, and sends what it compressed', async () => {
    const body: JsonBody = { json: JSON.stringify({ rows: Array.from({ length: 20_000 }, (_, i) => ({ id: `edge-${i}`, rps: i / 7 })) }) };
    expect(body.json.length).toBeGreaterThan(256 * 1024);
    const server = http.createServer((req, res) => void sendJson(req, res, body));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const get = () => new Promise<{ encoding?: string; bytes: Buffer }>((resolve, reject) => {
      http.get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    try {
      const first = await get();
      expect(first.encoding).toBe('gzip');
      expect(gunzipSync(first.bytes).toString('utf8')).toBe(body.json);
      const kept = body.gzip;
      const second = await get();
      expect(body.gzip).toBe(kept);
      expect(second.bytes.equals(first.bytes)).toBe(true);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
