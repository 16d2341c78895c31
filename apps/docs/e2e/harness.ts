// Helpers for browser tests against the built site; demo tests import them from here.
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DIST_DIR, DOCS_ROOT } from '../tools/lib/paths.js';
import { listFiles } from '../tools/lib/static-mounts.js';
import { type ServeOptions, type StaticServer, serveDir } from './static-server.js';

export type { StaticServer };
export { DIST_DIR };

/** Where screenshots go (gitignored). */
export const SCREENSHOT_DIR = join(DOCS_ROOT, 'e2e-screenshots');

/** Debian's chromium; override with `$CHROMIUM_PATH`. Never `playwright install`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a headless chromium in CI containers (no sandbox, no GPU, no phoning home). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Serves the built site (`apps/docs/dist`) on localhost.
 *
 * @throws Error when the site has not been built.
 */
export async function serveSite(options: ServeOptions = {}): Promise<StaticServer> {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error(`no built site in ${DIST_DIR}: run \`pnpm --filter @latentkit/docs build\``);
  }
  return serveDir(DIST_DIR, options);
}

/**
 * Launches Debian's chromium through playwright-core.
 *
 * @throws Error naming the fix when the browser is missing.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} not found: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** What went wrong while a page was open (see {@link watchPage}). */
export interface PageProblems {
  /** `console.error` messages and uncaught exceptions. */
  consoleErrors: string[];
  /** Requests that failed at the network level, or answered with status ≥ 400. */
  failedRequests: string[];
  /** Requests to anything but the site's own origin (nothing may come from a CDN). */
  externalRequests: string[];
}

/**
 * Starts recording console errors, page errors, failed and external requests on `page`.
 * Requests to other origins are aborted (the site must work offline) and recorded.
 *
 * @param origin - The site's origin, e.g. `http://127.0.0.1:4173`.
 * @returns A live {@link PageProblems} that fills as the page runs.
 */
export async function watchPage(page: Page, origin: string): Promise<PageProblems> {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], externalRequests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (req) => {
    if (!problems.externalRequests.includes(req.url())) {
      problems.failedRequests.push(`${req.url()} (${req.failure()?.errorText ?? 'failed'})`);
    }
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.failedRequests.push(`${res.url()} (HTTP ${res.status()})`);
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    problems.externalRequests.push(url);
    return route.abort('blockedbyclient');
  });
  return problems;
}

/** Every problem of a {@link PageProblems}, one line each (empty when the page was clean). */
export function problemList(problems: PageProblems): string[] {
  return [
    ...problems.consoleErrors.map((m) => `console error: ${m}`),
    ...problems.failedRequests.map((m) => `failed request: ${m}`),
    ...problems.externalRequests.map((m) => `external request: ${m}`),
  ];
}

/**
 * Every page of the built site as a URL path (`/`, `/demos/pca.html`, …), sorted; `404.html`
 * excluded.
 */
export function sitePages(dist: string = DIST_DIR): string[] {
  return listFiles(dist)
    .filter((f) => f.endsWith('.html') && f !== '404.html' && !f.startsWith('assets/'))
    .map((f) => (f === 'index.html' ? '/' : `/${f}`));
}

/** A file name for a page's screenshot: `/demos/pca.html` → `demos-pca.png`, `/` → `index.png`. */
export function screenshotName(urlPath: string): string {
  const stem = urlPath
    .replace(/^\/+/, '')
    .replace(/\.html$/, '')
    .replace(/\/$/, '/index');
  return `${(stem || 'index').replace(/[/\\]+/g, '-')}.png`;
}

/**
 * Saves a full-page screenshot of `page` to `e2e-screenshots/<name>` and returns its path.
 *
 * @param name - File name (`.png`), e.g. from {@link screenshotName}.
 */
export async function screenshot(page: Page, name: string, dir = SCREENSHOT_DIR): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  await page.screenshot({ path, fullPage: true });
  return relative(DOCS_ROOT, path).split(sep).join('/');
}

/**
 * Waits until the page's backend indicator (`[data-backend]`, filled from `initBackend`'s
 * result) has settled, and returns its state: `'wasm'`, `'cpu'` or `'error'`.
 */
export async function backendOf(page: Page, timeoutMs = 30_000): Promise<string> {
  const badge = page.locator('[data-backend]').first();
  await badge.waitFor({ timeout: timeoutMs });
  await page.waitForFunction(
    () => document.querySelector('[data-backend]')?.getAttribute('data-backend') !== 'pending',
    undefined,
    { timeout: timeoutMs },
  );
  return (await badge.getAttribute('data-backend')) ?? 'missing';
}

/** Whether the page has a backend indicator (demo pages do). */
export async function hasBackendBadge(page: Page): Promise<boolean> {
  return (await page.locator('[data-backend]').count()) > 0;
}
