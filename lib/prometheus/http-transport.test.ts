import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTransport } from './http-transport';

let server: http.Server;
/** The /pieces answer writes its next piece when the test calls `release`. */
let release: () => void = () => undefined;
const nextPiece = () => new Promise<void>((r) => { release = r; });
let base = '';
const seen: Array<{ encoding?: string; length?: string; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      seen.push({ encoding: req.headers['accept-encoding'], length: req.headers['content-length'], body });
      if (req.url === '/gzip') {
        res.setHeader('content-encoding', 'gzip');
        res.end(zlib.gzipSync(JSON.stringify({ status: 'success', echo: body })));
      } else if (req.url === '/cut') {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('{"status":"succ');
        setTimeout(() => res.destroy(), 20);
      } else if (req.url === '/pieces') {
        // Three writes, each after the test has seen the one before: the pieces arrive apart.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"status":');
        void nextPiece().then(() => res.write('"success",')).then(nextPiece).then(() => res.end('"data":1}'));
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('late'), 2000);
      } else {
        res.statusCode = 503;
        res.end('überlastet');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const post = (path: string, headers: Record<string, string> = {}, signal = AbortSignal.timeout(5000), onBodyChunk?: (chunk: Buffer) => void) =>
  httpTransport(`${base}${path}`, { method: 'POST', headers, body: 'query=up', signal, ...(onBodyChunk ? { onBodyChunk } : {}) });

describe('http transport', () => {
  it('sends the form with its length and returns status and UTF-8 text', async () => {
    const res = await post('/plain');
    expect(res.status).toBe(503);
    expect(res.ok).toBe(false);
    expect(await res.text()).toBe('überlastet');
    expect(seen.at(-1)).toMatchObject({ body: 'query=up', length: '8' });
  });

  it('inflates a gzip answer', async () => {
    const res = await post('/gzip', { 'accept-encoding': 'gzip' });
    expect(res.ok).toBe(true);
    expect(JSON.parse(await res.text())).toEqual({ status: 'success', echo: 'query=up' });
    expect(seen.at(-1)?.encoding).toBe('gzip');
  });

  it('rejects an answer cut off mid-body, and an aborted request', async () => {
    await expect(post('/cut')).rejects.toThrow();
    await expect(post('/slow', {}, AbortSignal.timeout(100))).rejects.toThrow();
  });

  it('hands a successful uncompressed body over as its pieces arrive, before resolving', async () => {
    const pieces: string[] = [];
    let resolved = false;
    const pending = post('/pieces', {}, undefined, (c) => pieces.push(`${resolved ? 'late:' : ''}${c.toString('utf8')}`));
    void pending.then(() => { resolved = true; });
    const seen = async (n: number) => { while (pieces.length < n) await new Promise((r) => setTimeout(r, 5)); };
    await seen(1);
    release();
    await seen(2);
    expect(pieces.join('')).toBe('{"status":"success",');
    release();
    const res = await pending;
    expect(pieces).toEqual(['{"status":', '"success",', '"data":1}']);
    expect(res.bodyStreamed).toBe(true);
    expect(await res.text()).toBe('{"status":"success","data":1}');
  });

  it('keeps compressed and failed answers whole', async () => {
    const pieces: Buffer[] = [];
    const gz = await post('/gzip', { 'accept-encoding': 'gzip' }, undefined, (c) => pieces.push(c));
    expect(gz.bodyStreamed).toBe(false);
    const failed = await post('/plain', {}, undefined, (c) => pieces.push(c));
    expect(failed.bodyStreamed).toBe(false);
    expect(pieces).toEqual([]);
    expect(JSON.parse(await gz.text())).toEqual({ status: 'success', echo: 'query=up' });
  });
});
