/**
 * JSON answers written straight to Node's response, for the one Pages Router API route
 * (pages/api/graph.ts; why it is one is written there). The body is gzipped here and kept beside its
 * JSON text, so an answer that many viewers share in one time quantum is compressed once; Next's own
 * compression sees the Content-Encoding and leaves the body alone. Level 4 costs a quarter of the
 * default level's CPU for a body ~10 % larger (63 kB of graph: 0.18 ms vs 0.7 ms). Small bodies are
 * compressed at once; big ones (a 1,000-workload graph: 2.2 MB, ~21 ms) in libuv's thread pool, so
 * the event loop keeps serving other viewers meanwhile.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip as gzipCallback, gzipSync } from 'node:zlib';
import { reportedAppError } from './errors';

/** A JSON text and, once a client that takes gzip has asked for it, its compressed bytes. */
export interface JsonBody {
  json: string;
  gzip?: Promise<Buffer>;
}

/** Below this many characters compression is not worth it (Next's own threshold is 1 kB). */
const MIN_COMPRESSED_LENGTH = 1024;
const GZIP_LEVEL = 4;
/** From this many characters on, compression runs in the thread pool. */
const OFF_THREAD_LENGTH = 256 * 1024;
const gzipOffThread = promisify(gzipCallback);

function compress(json: string): Promise<Buffer> {
  if (json.length < OFF_THREAD_LENGTH) return Promise.resolve(gzipSync(json, { level: GZIP_LEVEL }));
  return gzipOffThread(json, { level: GZIP_LEVEL });
}

/**
 * Whether an Accept-Encoding header takes gzip (RFC 9110 §12.5.3): `gzip` (or `x-gzip`) with a
 * q-value above 0, or else `*` above 0.
 */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of acceptEncoding.split(',')) {
    const [coding = '', ...params] = part.split(';');
    let q = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param);
      if (m) q = Number(m[1]);
    }
    const name = coding.trim().toLowerCase();
    if (name === 'gzip' || name === 'x-gzip') gzip = Math.max(gzip ?? 0, q);
    else if (name === '*') any = q;
  }
  return (gzip ?? any ?? 0) > 0;
}

/** Writes a JSON body: gzip (compressed now, or reused) when the request takes it; no body for HEAD. */
export async function sendJson(req: IncomingMessage, res: ServerResponse, body: JsonBody, status = 200, headers: Record<string, string> = {}): Promise<void> {
  const gzip = body.json.length >= MIN_COMPRESSED_LENGTH && acceptsGzip(req.headers['accept-encoding']);
  const bytes = gzip ? await (body.gzip ??= compress(body.json)) : Buffer.from(body.json, 'utf8');
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': String(bytes.length),
    vary: 'Accept-Encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** Writes any thrown value as the JSON error body of its AppError (see reportedAppError). */
export async function sendError(req: IncomingMessage, res: ServerResponse, err: unknown, headers: Record<string, string> = {}): Promise<void> {
  const appError = reportedAppError(err);
  await sendJson(req, res, { json: JSON.stringify(appError.toJSON()) }, appError.status, headers);
}

/** Aborted when the client goes away before the answer is written (what a Request's signal does in a route handler). */
export function clientGoneSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new Error('the client closed the connection'));
  });
  return controller.signal;
}
