/**
 * Browser-test probe of the latent explorer's interpolation and drawing panels
 * (playwright-core, Node side): both now compute in the model worker, so each step waits for
 * the page to show the worker's answer.
 */
import type { Page } from 'playwright-core';
import { demoData, demoRoot } from './demo-probes.js';

/** What {@link probeExplorerPanels} read from the page. */
export interface ExplorerPanels {
  /** `data-*` of the demo when ready, after choosing "to digit" 7, and after each drawing. */
  atReady: Record<string, string>;
  afterTo7: Record<string, string>;
  /** A scribble drawn with the mouse over the whole pad. */
  scribble: Record<string, string>;
  /** Test digit 3 loaded onto the pad. */
  testDigit: Record<string, string>;
  /** The note under the drawing after the test digit. */
  note: string;
}

/** Waits until the demo's `data-<attribute>` is set and differs from `previous`. */
async function changed(page: Page, attribute: string, previous: string | undefined) {
  await page.waitForFunction(
    ([a, p]) => {
      const v = document
        .querySelector('section.lk-live[data-live="latent-explorer"]')
        ?.getAttribute(`data-${a}`);
      return v !== null && v !== undefined && v !== p;
    },
    [attribute, previous ?? null] as const,
  );
  return demoData(page, 'latent-explorer');
}

/**
 * Chooses "to digit" 7 for the interpolation, draws a scribble on the pad with the mouse (and
 * waits for its score and its rank among the real digits), then loads test digit 3.
 */
export async function probeExplorerPanels(page: Page): Promise<ExplorerPanels> {
  const root = demoRoot(page, 'latent-explorer');
  const atReady = await demoData(page, 'latent-explorer');
  await root.getByLabel('to digit', { exact: true }).selectOption('7');
  const afterTo7 = await changed(page, 'interp-to', atReady.interpTo);
  const pad = root.locator('canvas.lk-draw');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  for (let row = 0; row < 6; row++) {
    const y = box.y + box.height * (0.15 + 0.14 * row);
    await page.mouse.move(box.x + box.width * 0.1, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.9, y + box.height * 0.07, { steps: 4 });
    await page.mouse.up();
  }
  await changed(page, 'anomaly', undefined);
  // The rank needs the reference scores (500 test digits, scored in the worker after ready).
  const scribble = await changed(page, 'anomaly-percentile', undefined);
  await root.getByLabel('Or load a test digit').selectOption('3');
  const testDigit = await changed(page, 'anomaly', scribble.anomaly);
  const note = (await root.locator('.lk-panel .lk-note').last().textContent()) ?? '';
  return { atReady, afterTo7, scribble, testDigit, note };
}
