// Every page of the built site, in Debian's chromium: no console error, no failed request, nothing
// from another origin; pages with a backend indicator report wasm; demos start without error.
// A screenshot of every page goes to e2e-screenshots/.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backendOf,
  hasBackendBadge,
  launchBrowser,
  problemList,
  type StaticServer,
  screenshot,
  screenshotName,
  serveSite,
  sitePages,
  watchPage,
} from './harness.js';

const pages = sitePages();
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveSite();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the built site', () => {
  it('has the pages it should', () => {
    for (const page of [
      '/',
      '/getting-started.html',
      '/math/vae.html',
      '/demos/pca.html',
      '/api/index.html',
    ]) {
      expect(pages).toContain(page);
    }
  });

  it.each(pages)('%s loads cleanly', async (path) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      const problems = await watchPage(page, server.origin);
      const response = await page.goto(`${server.origin}${path}`, { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      // VitePress hydrated: the page is interactive, not just server-rendered HTML.
      await page.waitForFunction(
        () =>
          (document.querySelector('#app') as { __vue_app__?: unknown } | null)?.__vue_app__ !==
          undefined,
        undefined,
        { timeout: 15_000 },
      );

      if (await hasBackendBadge(page)) {
        expect(await backendOf(page)).toBe('wasm');
      }
      const demos = page.locator('[data-demo-state]');
      if ((await demos.count()) > 0) {
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll('[data-demo-state]')].every((d) =>
              ['placeholder', 'ready', 'error'].includes(d.getAttribute('data-demo-state') ?? ''),
            ) ||
            [...document.querySelectorAll('[data-demo-state]')].every(
              (d) => d.getAttribute('data-demo-state') === 'mounted',
            ),
          undefined,
          { timeout: 90_000 },
        );
        for (const state of await demos.evaluateAll((ds) =>
          ds.map((d) => d.getAttribute('data-demo-state')),
        )) {
          expect(state).not.toBe('error');
        }
      }
      await page.waitForLoadState('networkidle');
      // At most one visible statement of the backend per page (the badge; demos hosted by the
      // site do not repeat it).
      expect(await page.locator('.lk-backend').count()).toBeLessThanOrEqual(1);
      await screenshot(page, screenshotName(path));
      expect(problemList(problems)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('serves the tfjs wasm binaries as application/wasm', async () => {
    for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
      const res = await fetch(`${server.origin}/tfjs-wasm/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/wasm');
    }
  });

  it('answers unknown paths with 404', async () => {
    const res = await fetch(`${server.origin}/no/such/page.html`);
    expect(res.status).toBe(404);
  });
});
