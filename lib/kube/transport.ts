/**
 * One private transport to the Kubernetes API over node:http(s), with the credentials of
 * ./kubeconfig.ts (CA, client certificate, bearer token re-read from its file as projected tokens rotate).
 */
import http from 'node:http';
import https from 'node:https';
import type { KubeCredentials } from './kubeconfig';

export interface KubeResponse {
  status: number;
  body: string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface StreamOptions {
  signal: AbortSignal;
  /** Called once the server answered 200 and the stream is open. */
  onOpen?: () => void;
  /** Do not keep the process alive for this stream (CLI use). */
  unref?: boolean;
  /** End the stream (as a network error) after this long without a byte: a dead connection never sends FIN. */
  idleTimeoutMs?: number;
}

export interface KubeTransport {
  /** The API server URL, for people (connections page, errors). */
  readonly server: string;
  request(path: string, opts?: RequestOptions): Promise<KubeResponse>;
  /**
   * A streaming GET (watch): `onLine` per newline-delimited JSON line. Resolves when the server closes
   * the stream ({status: 200}) or answered with an error ({status, body}). Rejects on network errors.
   */
  stream(path: string, onLine: (line: string) => void, opts: StreamOptions): Promise<KubeResponse>;
}

const MAX_BODY_BYTES = 256 * 1024 * 1024;

export function createKubeTransport(creds: KubeCredentials): KubeTransport {
  const server = creds.server.replace(/\/+$/, '');
  const isHttps = server.startsWith('https:');
  const agent = isHttps
    ? new https.Agent({ keepAlive: true, ca: creds.ca, cert: creds.cert, key: creds.key, rejectUnauthorized: !creds.insecureSkipTlsVerify, servername: creds.servername })
    : new http.Agent({ keepAlive: true });

  async function open(path: string, method: string, signal: AbortSignal | undefined, headers: Record<string, string>) {
    const token = creds.token();
    const opts: https.RequestOptions = {
      method, agent, signal,
      headers: { accept: 'application/json', 'user-agent': 'meshscope', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    };
    return (isHttps ? https : http).request(new URL(server + path), opts);
  }

  return {
    server,
    async request(path, { method = 'GET', body, timeoutMs = 15_000, signal } = {}) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = await open(path, method, combined, payload ? { 'content-type': 'application/json' } : {});
      return new Promise<KubeResponse>((resolve, reject) => {
        req.on('error', (err) => reject(timeout.aborted ? new Error(`timed out after ${timeoutMs} ms`) : err));
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY_BYTES) req.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
            else chunks.push(c);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.end(payload);
      });
    },
    async stream(path, onLine, { signal, onOpen, unref, idleTimeoutMs }) {
      const req = await open(path, 'GET', signal, {});
      if (unref) req.on('socket', (s) => s.unref());
      if (idleTimeoutMs) req.setTimeout(idleTimeoutMs, () => req.destroy(new Error(`watch silent for ${idleTimeoutMs} ms`)));
      return new Promise<KubeResponse>((resolve, reject) => {
        req.on('error', (err) => (signal.aborted ? resolve({ status: 200, body: '' }) : reject(err)));
        req.on('response', (res) => {
          const status = res.statusCode ?? 0;
          let buf = '';
          res.setEncoding('utf8');
          if (status === 200) onOpen?.();
          res.on('data', (chunk: string) => {
            buf += chunk;
            if (status !== 200) return;
            let nl: number;
            while ((nl = buf.indexOf('\n')) >= 0) {
              const line = buf.slice(0, nl).trim();
              buf = buf.slice(nl + 1);
              if (line) onLine(line);
            }
          });
          const done = () => {
            if (status === 200 && buf.trim()) onLine(buf.trim());
            resolve({ status, body: status === 200 ? '' : buf });
          };
          res.on('end', done);
          res.on('aborted', done);
          res.on('error', (err) => (signal.aborted ? resolve({ status: 200, body: '' }) : reject(err)));
        });
        req.end();
      });
    },
  };
}
