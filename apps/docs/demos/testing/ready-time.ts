/**
 * Browser-test report of the VQ-VAE demo's time to ready (budget 2 s). "Ready" is the
 * demo's `data-state="ready"`: its first output (test digits, reconstructions, random grids)
 * drawn; the subset's code statistics and the prior samples follow from the model worker
 * (`data-subset="ready"`, `data-sampling="false"`: "settled"). Times are `performance.now()` of
 * the page, ms after navigation started.
 */
import { cpus, loadavg } from 'node:os';
import type { Page } from 'playwright-core';

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
 * Prints the VQ-VAE demo's time to ready and to settled against {@link VQ_READY_BUDGET_MS},
 * with the machine's 1-minute load average beside them. Nothing is asserted on these wall-clock
 * figures: the project's tests never assert times (a CI run on a slower or busier host measured
 * 2.5 s where a quiet one measures 1.1 s, with the load average still under the core count, so no
 * load gate makes such an assertion honest). The budget is reached by design (the first output
 * loads only the model and the test split; prior, classifier and statistics follow it), and the
 * main-thread task budget, which is CPU time, is what the browser tests hold pages to.
 */
export function reportVqVaeReady(readyMs: number, settledMs: number, label: string): void {
  const load = loadavg()[0]!;
  const cores = cpus().length;
  const verdict = readyMs <= VQ_READY_BUDGET_MS ? 'within' : 'over';
  console.log(
    `vq-vae (${label}): ready ${Math.round(readyMs)} ms after navigation, ${verdict} the ` +
      `${VQ_READY_BUDGET_MS} ms budget (printed, not asserted; load ${load.toFixed(1)} on ${cores} cores); ` +
      `samples and subset statistics by ${Math.round(settledMs)} ms`,
  );
}
