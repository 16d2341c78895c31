import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { contentType } from '../tools/lib/content-type.js';

/** A running static server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  origin: string;
  /** Paths requested that had no file (404s), in order. */
  missing: string[];
  close(): Promise<void>;
}

/** Options of {@link serveDir}. */
export interface ServeOptions {
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Host to bind. Default `127.0.0.1`. */
  host?: string;
  /**
   * Send `Cross-Origin-Opener-Policy`/`Cross-Origin-Embedder-Policy` so the page is
   * cross-origin isolated and tfjs-wasm may use threads. Default false (what a plain static
   * host does).
   */
  crossOriginIsolated?: boolean;
}

/**
 * The file a request path maps to in `root`, or undefined: `/` → `index.html`, `/a/` →
 * `a/index.html`, `/page` → `page.html` when `page` is not a file (so both URL styles work),
 * anything that would leave `root` → undefined.
 */
export function fileForPath(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return undefined;
  }
  const base = normalize(root);
  const candidate = normalize(join(base, path));
  if (candidate !== base && !candidate.startsWith(base + sep)) return undefined;
  const tries = path.endsWith('/')
    ? [join(candidate, 'index.html')]
    : [candidate, `${candidate}.html`, join(candidate, 'index.html')];
  return tries.find((f) => existsSync(f) && statSync(f).isFile());
}

/**
 * Serves `root` over HTTP with Node's `http` (no dependencies): correct content types
 * (`application/wasm` for `.wasm`), 404 with VitePress's `404.html` when present. Hand-written
 * because it is ~40 lines and must behave exactly like a plain static host.
 */
export async function serveDir(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const missing: string[] = [];
  const server: Server = createServer((req, res) => {
    if (options.crossOriginIsolated) {
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    }
    const urlPath = req.url ?? '/';
    const file = fileForPath(root, urlPath);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (!file) {
      missing.push(urlPath);
      const notFound = join(root, '404.html');
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      if (existsSync(notFound) && req.method === 'GET') createReadStream(notFound).pipe(res);
      else res.end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': contentType(extname(file)),
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${options.host ?? '127.0.0.1'}:${port}`,
    missing,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
