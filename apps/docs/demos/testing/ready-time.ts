/**
 * Browser-test check of the VQ-VAE demo's time to ready (budget 2 s). "Ready" is the
 * demo's `data-state="ready"`: its first output (test digits, reconstructions, random grids)
 * drawn; the subset's code statistics and the prior samples follow from the model worker
 * (`data-subset="ready"`, `data-sampling="false"`: "settled"). Times are `performance.now()` of
 * the page, ms after navigation started.
 */
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The VQ-VAE demo's time-to-ready budget, ms after navigation. */
export const VQ_READY_BUDGET_MS = 2000;

/** Waits until the VQ-VAE demo has its subset statistics and samples; the page's time then. */
export async function vqVaeSettled(page: Page, timeoutMs = 90_000): Promise<number> {
  await page.waitForFunction(
    () => {
      const root = document.querySelector('section.lk-live[data-live="vq-vae"]');
      return (
        root?.getAttribute('data-subset') === 'ready' &&
        root.getAttribute('data-sampling') === 'false'
      );
    },
    undefined,
    { timeout: timeoutMs },
  );
  return page.evaluate(() => performance.now());
}

/**
 * Prints the VQ-VAE demo's time to ready and to settled, and asserts ready ≤
 * {@link VQ_READY_BUDGET_MS} when the machine is not overloaded (1-minute load average ≤ its
 * cores). On a machine running more than it has cores for, wall-clock times measure the other
 * jobs (the project's tests assert no wall-clock time there), so the figure is only printed.
 */
export function checkVqVaeReady(readyMs: number, settledMs: number, label: string): void {
  const load = loadavg()[0]!;
  const cores = cpus().length;
  const asserted = load <= cores;
  console.log(
    `vq-vae (${label}): ready ${Math.round(readyMs)} ms after navigation (budget ${VQ_READY_BUDGET_MS} ms, ` +
      `${asserted ? 'asserted' : `not asserted: load ${load.toFixed(1)} on ${cores} cores`}); ` +
      `samples and subset statistics by ${Math.round(settledMs)} ms`,
  );
  if (asserted) expect(readyMs).toBeLessThanOrEqual(VQ_READY_BUDGET_MS);
}
