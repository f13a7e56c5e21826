/**
 * The browser tests' only web server: `tests/fixtures/**` by path, seed articles as news pages at
 * `/seed/<number>`, on 127.0.0.1 and a random port. Browsers reach it under every test hostname
 * (see hosts.ts). It also works as Firefox's HTTP proxy: proxied requests arrive as
 * `GET http://host/path`, and it answers them the same way.
 *
 * It logs every request it gets, so a test can tell whether anything asked for a host that is not
 * ours: with Firefox every plain-HTTP request passes through here, whoever made it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isTestHost } from './hosts.ts';
import { chromeFor, renderArticle, renderNewsPage } from './seed-page.ts';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const FIXTURES_DIR = join(REPO_ROOT, 'tests/fixtures');
/** The browser tests' own pages (the harness's self-checks, the no-match page), at `/e2e/…`. */
export const E2E_PAGES_DIR = join(REPO_ROOT, 'tests/e2e/pages');
/** Seeds sit beside the repository (CI clones main with `shared/` next to it). */
export const SEEDS_DIR = resolve(REPO_ROOT, '../shared/seeds');

export interface ServedRequest {
  method: string;
  host: string;
  path: string;
  status: number;
  /** ms since the server started */
  at: number;
}

export interface TestServer {
  port: number;
  /** `http://host:port/path` — the form that works without any hostname mapping. */
  origin: string;
  requests: ServedRequest[];
  /** Requests for a host that is not a test host (something tried to go out). */
  escapes(): ServedRequest[];
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Directory served at `/` instead of tests/fixtures (the demo serves its own pages). */
  root?: string;
  /** Whether `/seed/<n>` is served (tests only: the demo may not show seed articles). */
  seeds?: boolean;
  /**
   * Answers some requests before the files do (a curator channel's host, channels.e2e.ts): the
   * status it sent, or null to leave the request to the files. It sees the request's headers.
   */
  route?: (req: IncomingMessage, res: ServerResponse, host: string, path: string) => number | null;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};

/** The seed file whose name starts with `name` (`000` → `000_7255….txt`). */
async function findSeed(name: string): Promise<string | null> {
  if (!/^[0-9a-z_]+$/i.test(name)) return null;
  const files = await readdir(SEEDS_DIR).catch(() => [] as string[]);
  const file = files.find((f) => f.endsWith('.txt') && (f === `${name}.txt` || f.startsWith(`${name}_`)));
  return file ? join(SEEDS_DIR, file) : null;
}

/** Host and path of a request, whether sent to us directly or through us as a proxy. */
function target(req: IncomingMessage): { host: string; path: string } {
  const raw = req.url ?? '/';
  if (/^https?:\/\//i.test(raw)) {
    const u = new URL(raw);
    return { host: u.hostname, path: u.pathname + u.search };
  }
  if (req.method === 'CONNECT') return { host: raw.split(':')[0] ?? raw, path: '' };
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  return { host, path: raw };
}

export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const root = options.root ?? FIXTURES_DIR;
  const serveSeeds = options.seeds ?? true;
  const started = Date.now();
  const requests: ServedRequest[] = [];

  const send = (res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): number => {
    res.writeHead(status, { 'cache-control': 'no-store', ...headers });
    res.end(body);
    return status;
  };

  async function answer(req: IncomingMessage, res: ServerResponse, host: string, path: string): Promise<number> {
    if (!isTestHost(host)) return send(res, 502, 'not a test host');
    const routed = options.route?.(req, res, host, path) ?? null;
    if (routed !== null) return routed;
    const pathname = decodeURIComponent(path.split('?')[0] ?? '/');
    if (pathname === '/favicon.ico') return send(res, 204, '');

    const seed = /^\/seed\/([^/]+)\/?$/.exec(pathname);
    if (seed?.[1]) {
      const file = serveSeeds ? await findSeed(seed[1]) : null;
      if (!file) return send(res, 404, 'no such seed');
      const { headline, html } = renderArticle(await readFile(file, 'utf8'));
      return send(res, 200, renderNewsPage(chromeFor(host), headline, html), { 'content-type': TYPES['.html'] ?? '' });
    }

    const own = pathname.startsWith('/e2e/');
    const base = own ? E2E_PAGES_DIR : root;
    const rel = normalize(pathname === '/' ? '/index.html' : own ? pathname.slice(4) : pathname).replace(/^([/\\])+/, '');
    const file = resolve(base, rel);
    if (file !== base && !file.startsWith(base + sep)) return send(res, 403, 'outside the served folder');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return send(res, 404, 'not found');
    // A fixture may need response headers (a strict CSP, say): `page.html.headers.json` beside it.
    const extra = await readFile(`${file}.headers.json`, 'utf8').then(
      (t) => JSON.parse(t) as unknown,
      () => ({}),
    );
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
    if (typeof extra === 'object' && extra !== null) {
      for (const [k, v] of Object.entries(extra)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    }
    return send(res, 200, await readFile(file), headers);
  }

  const server = createServer((req, res) => {
    const { host, path } = target(req);
    answer(req, res, host, path).then(
      (status) => requests.push({ method: req.method ?? 'GET', host, path, status, at: Date.now() - started }),
      (e: unknown) => {
        requests.push({ method: req.method ?? 'GET', host, path, status: 500, at: Date.now() - started });
        if (!res.headersSent) send(res, 500, String(e));
      },
    );
  });
  // HTTPS through the proxy arrives as CONNECT; we refuse it (and log it: nothing should try).
  server.on('connect', (req: IncomingMessage, socket) => {
    const { host, path } = target(req);
    requests.push({ method: 'CONNECT', host, path, status: 502, at: Date.now() - started });
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    escapes: () => requests.filter((r) => !isTestHost(r.host)),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
