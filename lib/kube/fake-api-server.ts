/**
 * A local HTTP server that speaks the Kubernetes API wire format for tests: paged lists with
 * metadata.resourceVersion, watches as newline-delimited JSON events (ADDED/MODIFIED/DELETED/
 * BOOKMARK/ERROR) resumable from a resourceVersion, 410 Gone for compacted versions, Status bodies
 * for 401/403/404, and TokenReview. Used by lib/kube tests and the e2e login test; never by the app.
 */
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

type Obj = { apiVersion?: string; kind?: string; metadata: { name: string; namespace?: string; resourceVersion?: string; [k: string]: unknown }; [k: string]: unknown };
type Event = { rv: number; type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: Obj };

interface Collection {
  listKind: string;
  apiVersion: string;
  kind: string;
  /** Core lists omit kind/apiVersion on items, as kube-apiserver does. */
  bareItems: boolean;
  items: Map<string, Obj>;
  events: Event[];
  watchers: Set<http.ServerResponse>;
}

export interface FakeApiServer {
  url: string;
  /** The bearer token the dashboard must present. */
  token: string;
  /** Requests seen, as "GET /api/v1/pods?limit=500". */
  requests: string[];
  addCollection(path: string, apiVersion: string, kind: string, items?: Obj[]): void;
  upsert(path: string, obj: Obj): void;
  remove(path: string, namespace: string | undefined, name: string): void;
  /** Sends a BOOKMARK with the current resourceVersion to every open watch of `path`. */
  bookmark(path: string): void;
  /** Ends every open watch (as the API does at timeoutSeconds or on restart). */
  closeWatches(): void;
  /** Forgets events up to now: watches from an older resourceVersion get ERROR 410. */
  compact(): void;
  /** Answer `path` (list and watch) with this status; the Status body names the resource and verb. */
  fail(path: string, status: number | undefined): void;
  /** Tokens a TokenReview accepts, with their user name. */
  users: Map<string, string>;
  /** User names a SubjectAccessReview denies (everyone else is allowed). */
  denied: Set<string>;
  writeKubeconfig(file: string): void;
  close(): Promise<void>;
}

const key = (o: Obj) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export async function startFakeApiServer(port = 0): Promise<FakeApiServer> {
  const collections = new Map<string, Collection>();
  const failures = new Map<string, number>();
  const users = new Map<string, string>();
  const denied = new Set<string>();
  const requests: string[] = [];
  let rv = 1000;
  let compactedTo = 0;
  const token = 'meshscope-sa-token';

  const send = (res: http.ServerResponse, code: number, body: unknown) => {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const wire = (c: Collection, o: Obj, forList: boolean): Obj =>
    forList && c.bareItems ? (({ apiVersion: _a, kind: _k, ...rest }) => rest as Obj)(o) : { apiVersion: c.apiVersion, kind: c.kind, ...o };
  const emit = (c: Collection, ev: Event) => {
    c.events.push(ev);
    for (const w of c.watchers) w.write(`${JSON.stringify({ type: ev.type, object: wire(c, ev.object, false) })}\n`);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.headers.authorization !== `Bearer ${token}`) {
      send(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/apis/authentication.k8s.io/v1/tokenreviews') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const t = (JSON.parse(body) as { spec?: { token?: string } }).spec?.token ?? '';
        const user = users.get(t);
        const base = { kind: 'TokenReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec: { token: t } };
        send(res, 201, user
          ? { ...base, status: { authenticated: true, user: { username: user, groups: ['system:serviceaccounts', 'system:authenticated'] } } }
          : { ...base, status: { user: {}, error: '[invalid bearer token, token lookup failed]' } });
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/apis/authorization.k8s.io/v1/subjectaccessreviews') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const spec = (JSON.parse(body) as { spec: { user: string } }).spec;
        const allowed = !denied.has(spec.user);
        send(res, 201, { kind: 'SubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec,
          status: allowed ? { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "meshscope-viewer" of ClusterRole "view"' } : { allowed: false } });
      });
      return;
    }
    if (url.pathname === '/version') {
      send(res, 200, { major: '1', minor: '31', gitVersion: 'v1.31.0', platform: 'linux/amd64' });
      return;
    }
    const c = collections.get(url.pathname);
    const plural = url.pathname.split('/').pop() ?? '';
    const group = url.pathname.startsWith('/apis/') ? url.pathname.split('/')[2] : '';
    const failure = failures.get(url.pathname);
    const watch = url.searchParams.get('watch') === '1' || url.searchParams.get('watch') === 'true';
    if (failure) {
      const verb = watch ? 'watch' : 'list';
      send(res, failure, status(failure, failure === 403 ? 'Forbidden' : 'InternalError',
        `${plural} is forbidden: User "system:serviceaccount:meshscope:meshscope" cannot ${verb} resource "${plural}" in API group "${group}" at the cluster scope`));
      return;
    }
    if (!c) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('404 page not found\n');
      return;
    }
    if (!watch) {
      const all = [...c.items.values()];
      const limit = Number(url.searchParams.get('limit') ?? 0) || all.length;
      const start = Number(url.searchParams.get('continue') ?? 0);
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? String(start + limit) : '';
      send(res, 200, { kind: c.listKind, apiVersion: c.apiVersion, metadata: { resourceVersion: String(rv), ...(next ? { continue: next } : {}) }, items: page.map((o) => wire(c, o, true)) });
      return;
    }
    const from = Number(url.searchParams.get('resourceVersion') ?? rv);
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    res.flushHeaders(); // as kube-apiserver: the watch is open before the first event
    if (from < compactedTo) {
      res.end(`${JSON.stringify({ type: 'ERROR', object: status(410, 'Expired', `too old resource version: ${from} (${compactedTo})`) })}\n`);
      return;
    }
    for (const ev of c.events) if (ev.rv > from) res.write(`${JSON.stringify({ type: ev.type, object: wire(c, ev.object, false) })}\n`);
    c.watchers.add(res);
    req.on('close', () => c.watchers.delete(res));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const coll = (path: string) => {
    const c = collections.get(path);
    if (!c) throw new Error(`no collection ${path}`);
    return c;
  };
  const stamp = (o: Obj): Obj => ({ ...o, metadata: { ...o.metadata, resourceVersion: String(++rv) } });

  return {
    url, token, requests, users, denied,
    addCollection(path, apiVersion, kind, items = []) {
      const c: Collection = { listKind: `${kind}List`, apiVersion, kind, bareItems: !apiVersion.includes('/') || apiVersion === 'apps/v1', items: new Map(), events: [], watchers: new Set() };
      for (const o of items) { const s = stamp(o); c.items.set(key(s), s); }
      collections.set(path, c);
    },
    upsert(path, obj) {
      const c = coll(path);
      const s = stamp(obj);
      const type = c.items.has(key(s)) ? 'MODIFIED' : 'ADDED';
      c.items.set(key(s), s);
      emit(c, { rv, type, object: s });
    },
    remove(path, namespace, name) {
      const c = coll(path);
      const k = `${namespace ?? ''}/${name}`;
      const old = c.items.get(k);
      if (!old) return;
      c.items.delete(k);
      emit(c, { rv: ++rv, type: 'DELETED', object: { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } } });
    },
    bookmark(path) {
      const c = coll(path);
      for (const w of c.watchers) w.write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: c.kind, apiVersion: c.apiVersion, metadata: { resourceVersion: String(rv) } } })}\n`);
    },
    closeWatches() {
      for (const c of collections.values()) for (const w of c.watchers) { w.end(); c.watchers.delete(w); }
    },
    compact() {
      compactedTo = rv;
      for (const c of collections.values()) c.events = [];
    },
    fail(path, code) {
      if (code === undefined) failures.delete(path);
      else failures.set(path, code);
    },
    writeKubeconfig(file) {
      writeFileSync(file, JSON.stringify({
        apiVersion: 'v1', kind: 'Config', 'current-context': 'fake',
        clusters: [{ name: 'fake', cluster: { server: url } }],
        users: [{ name: 'fake', user: { token } }],
        contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'fake' } }],
      }));
    },
    close() {
      for (const c of collections.values()) for (const w of c.watchers) w.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
