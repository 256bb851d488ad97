/**
 * The part of fetch the Prometheus client needs — POST a form, get status and body — over
 * node:http(s), collecting the body (joined into one buffer when asked for). Connections are kept alive by node's global
 * agents, shared by every client in the process (readiness and /status probes make a client per
 * check, so per-client agents would leave idle sockets behind). The global fetch costs more per
 * query: WHATWG streams (a promise per chunk) and, inside Next route handlers, Next's fetch patching
 * (tracing, dedupe); at 100 workloads that was ~10 ms of the dashboard's CPU per graph.
 * Compressed answers (asked for from a remote Prometheus) are inflated here; uncompressed successful
 * ones can also be handed over chunk by chunk as they arrive (onBodyChunk), to be read meanwhile.
 */
import http from 'node:http';
import https from 'node:https';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export interface TransportInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  /** Given each chunk of a successful (2xx) uncompressed answer as it arrives, before the response resolves. */
  onBodyChunk?: (chunk: Buffer) => void;
}

export interface TransportResponse {
  status: number;
  ok: boolean;
  text(): Promise<string>;
  /** The body as bytes, where the transport has them (this one does): answers can be read without a string of the whole body. */
  bytes?(): Promise<Uint8Array>;
  /** True when onBodyChunk was given the whole body. */
  bodyStreamed?: boolean;
}

/** What the client calls to send a query; the global fetch fits too (tests pass fakes). */
export type PrometheusTransport = (url: string, init: TransportInit) => Promise<TransportResponse>;

const inflaters: Record<string, (b: Buffer) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress),
};

export const httpTransport: PrometheusTransport = (url, init) =>
  new Promise<TransportResponse>((resolve, reject) => {
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    const body = Buffer.from(init.body);
    const req = lib.request(target, {
      method: init.method,
      headers: { ...init.headers, 'content-length': String(body.length) },
      signal: init.signal,
    }, (res) => {
      const chunks: Buffer[] = [];
      const status = res.statusCode ?? 0;
      const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
      const inflate = inflaters[encoding];
      const onBodyChunk = status >= 200 && status < 300 && !inflate ? init.onBodyChunk : undefined;
      // The whole body arrives before resolving, so an abort or a broken connection mid-body is a
      // rejected request (as fetch's text() would reject), not a truncated answer.
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        onBodyChunk?.(c);
      });
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(new Error('the connection closed before the answer was complete'));
      });
      const joined = () => (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
      res.on('end', () => {
        const ok = status >= 200 && status < 300;
        if (!inflate) {
          // Joined only if asked for: a body handed over chunk by chunk usually is not.
          let body: Buffer | undefined;
          const bytes = () => (body ??= joined());
          resolve({ status, ok, text: () => Promise.resolve(bytes().toString('utf8')), bytes: () => Promise.resolve(bytes()), bodyStreamed: onBodyChunk !== undefined });
          return;
        }
        inflate(joined()).then((buf) => {
          resolve({ status, ok, text: () => Promise.resolve(buf.toString('utf8')), bytes: () => Promise.resolve(buf), bodyStreamed: false });
        }, reject);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
