/**
 * Browser tests of the live demos in the dark theme on a phone (390 × 844 CSS px, touch): every
 * demo's text keeps WCAG AA contrast (≥ 4.5:1), nothing sticks out sideways, and a finger drag on
 * the latent plane moves the point instead of scrolling the page. (The light theme on a desktop
 * is checked by `demos.e2e.test.ts`, which measures contrast after each demo's own test.)
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  problemList,
  type StaticServer,
  screenshot,
  serveSite,
  watchPage,
} from '../../e2e/harness.js';
import { DEMO_NAMES, type DemoName, demoData, demoRoot, waitForDemo } from './demo-probes.js';
import {
  describeTasks,
  startTaskTrace,
  stopTaskTrace,
  tasksOverBudget,
} from './main-thread-tasks.js';
import { reportVqVaeReady, vqVaeSettled } from './ready-time.js';
import { horizontalOverflow, lowContrastText } from './theme-probes.js';

let server: StaticServer;
let browser: Browser;
let phone: BrowserContext;

beforeAll(async () => {
  server = await serveSite();
  browser = await launchBrowser();
  phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    colorScheme: 'dark',
  });
});
afterAll(async () => {
  await phone?.close();
  await browser?.close();
  await server?.close();
});

/** A finger drag from `from` to `to` (CSS px in the viewport), through the browser's touch input. */
async function touchDrag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const point = (x: number, y: number) => [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(...from) });
    for (let i = 1; i <= 8; i++) {
      const x = from[0] + ((to[0] - from[0]) * i) / 8;
      const y = from[1] + ((to[1] - from[1]) * i) / 8;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(x, y) });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  } finally {
    await cdp.detach();
  }
}

/**
 * Opens demo `name` on the phone, in the dark theme, and checks what every demo must hold. The
 * page's main thread is traced from navigation to the end of `run`: no task after first paint may
 * take more than `TASK_BUDGET_MS` of CPU time (main-thread-tasks.ts).
 */
async function onPhone(name: DemoName, run?: (page: Page) => Promise<void>): Promise<void> {
  const page = await phone.newPage();
  const problems = await watchPage(page, server.origin);
  let tracing = false;
  try {
    await startTaskTrace(browser, page);
    tracing = true;
    await page.goto(`${server.origin}/demos/${name}.html`);
    await waitForDemo(page, name, 90_000);
    const readyMs = await page.evaluate(() => performance.now());
    if (name === 'vq-vae') reportVqVaeReady(readyMs, await vqVaeSettled(page), 'phone');
    // The site follows the system's scheme: the page really is dark.
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(
      true,
    );
    expect(await lowContrastText(demoRoot(page, name))).toEqual([]);
    expect(await horizontalOverflow(page)).toEqual([]);
    await run?.(page);
    const trace = await stopTaskTrace(browser);
    tracing = false;
    console.log(`${name} (phone): ready ${Math.round(readyMs)} ms; ${describeTasks(trace)}`);
    await screenshot(page, `phone-dark-${name}.png`);
    expect(trace.sawFirstPaint).toBe(true);
    expect(tasksOverBudget(trace)).toEqual([]);
    expect(problemList(problems)).toEqual([]);
  } finally {
    if (tracing) await browser.stopTracing();
    await page.close();
  }
}

describe('live demos on a phone in the dark theme', () => {
  it('the contrast probe catches the old defect (near-black demo text on the dark page)', async () => {
    await onPhone('pca', async (page) => {
      await page.addStyleTag({ content: '.vp-doc .lk-live { --lk-fg: #1a1a1a !important; }' });
      const low = await lowContrastText(demoRoot(page, 'pca'));
      expect(low.length).toBeGreaterThan(3);
      expect(Math.max(...low.map((l) => l.contrast))).toBeLessThan(1.2);
    });
  });

  it.each(DEMO_NAMES.filter((n) => n !== 'latent-explorer' && n !== 'pca'))(
    '%s: readable (contrast ≥ 4.5:1) and within 390 px',
    async (name) => {
      await onPhone(name);
    },
  );

  it('latent explorer: readable, within 390 px, a finger drag moves the point and not the page', async () => {
    await onPhone('latent-explorer', async (page) => {
      const plane = demoRoot(page, 'latent-explorer').locator('canvas.lk-plane');
      await plane.scrollIntoViewIfNeeded();
      const box = (await plane.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(390);
      const before = await demoData(page, 'latent-explorer');
      const scrollBefore = await page.evaluate(() => window.scrollY);
      await touchDrag(
        page,
        [box.x + box.width * 0.5, box.y + box.height * 0.5],
        [box.x + box.width * 0.8, box.y + box.height * 0.15],
      );
      await page.waitForFunction(
        (z) =>
          document
            .querySelector('section.lk-live[data-live="latent-explorer"]')
            ?.getAttribute('data-z1') !== z,
        before.z1,
        { timeout: 5000 },
      );
      const after = await demoData(page, 'latent-explorer');
      // Right and up on the plane: z1 grows, z2 grows (y points up).
      expect(Number(after.z1)).toBeGreaterThan(Number(before.z1));
      expect(Number(after.z2)).toBeGreaterThan(Number(before.z2));
      expect(after.decodedChecksum).not.toBe(before.decodedChecksum);
      expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    });
  });
});
