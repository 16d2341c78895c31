/**
 * Browser-test probe of the latent explorer's decode per pointer move (playwright-core, Node
 * side): how long a move takes to show its decoding, and what a burst of moves shows.
 */
import type { Page } from 'playwright-core';

/** What {@link probeDecodeRoundTrips} measured. */
export interface DecodeRoundTrips {
  /**
   * Per isolated move: ms from the `pointermove` event to the decoding's checksum being set
   * (measured in the page with `performance.now()`; each move waits for the previous one).
   */
  roundTrips: number[];
  /** Decodings shown (checksum writes) for a burst of moves sent within one task. */
  burstDisplays: number;
  /** Moves in the burst. */
  burstMoves: number;
  /** ms from the burst's last move until the page showed its final decoding. */
  burstSettleMs: number;
  /** The point shown after the burst settled, and after one more move to the burst's last spot. */
  burstPoint: [string, string];
  samePoint: [string, string];
}

const SECTION = 'section.lk-live[data-live="latent-explorer"]';

/**
 * Presses the mouse on the plane, then moves the pointer `moves` times, each time waiting for the
 * decoding to be shown, then sends `burst` moves at once (one task) and waits for them to settle.
 * Moves are synthetic `pointermove` events on the plane's canvas during a real mouse drag.
 *
 * @throws Error when a move shows no decoding within 5 s.
 */
export async function probeDecodeRoundTrips(
  page: Page,
  moves = 30,
  burst = 20,
): Promise<DecodeRoundTrips> {
  const plane = page.locator(`${SECTION} canvas.lk-plane`);
  await plane.scrollIntoViewIfNeeded();
  const box = (await plane.boundingBox())!;
  const at = (f: number): [number, number] => [
    box.x + box.width * (0.2 + 0.6 * f),
    box.y + box.height * (0.3 + 0.4 * Math.sin(3 * f)),
  ];
  await page.mouse.move(...at(0));
  await page.mouse.down();
  try {
    const roundTrips: number[] = [];
    for (let i = 1; i <= moves; i++) {
      roundTrips.push(
        await page.evaluate(
          ([selector, [x, y]]) =>
            new Promise<number>((resolve, reject) => {
              const root = document.querySelector(selector)!;
              const canvas = root.querySelector('canvas.lk-plane')!;
              const timer = setTimeout(() => reject(new Error('no decoding within 5 s')), 5000);
              let t0 = 0;
              const seen = new MutationObserver(() => {
                seen.disconnect();
                clearTimeout(timer);
                resolve(performance.now() - t0);
              });
              seen.observe(root, { attributeFilter: ['data-decoded-checksum'] });
              t0 = performance.now();
              canvas.dispatchEvent(
                new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }),
              );
            }),
          [SECTION, at(i / moves)] as const,
        ),
      );
    }
    const points = Array.from({ length: burst }, (_, i) => at(1 - (i + 1) / (2 * burst)));
    const burstResult = await page.evaluate(
      ([selector, spots]) =>
        new Promise<{ displays: number; settleMs: number; point: [string, string] }>((resolve) => {
          const root = document.querySelector(selector) as HTMLElement;
          const canvas = root.querySelector('canvas.lk-plane')!;
          let displays = 0;
          let last = 0;
          const seen = new MutationObserver((records) => {
            displays += records.length;
            last = performance.now();
          });
          seen.observe(root, { attributeFilter: ['data-decoded-checksum'] });
          for (const [x, y] of spots) {
            canvas.dispatchEvent(
              new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }),
            );
          }
          const sent = performance.now();
          // Settled: no new decoding for 500 ms.
          const check = () => {
            if (displays > 0 && performance.now() - Math.max(last, sent) > 500) {
              seen.disconnect();
              resolve({
                displays,
                settleMs: last - sent,
                point: [root.dataset.z1 ?? '', root.dataset.z2 ?? ''],
              });
            } else setTimeout(check, 50);
          };
          setTimeout(check, 50);
        }),
      [SECTION, points] as const,
    );
    // One more move to the burst's last spot: the same point (the burst's latest move won).
    await page.evaluate(
      ([selector, [x, y]]) => {
        const canvas = document.querySelector(`${selector} canvas.lk-plane`)!;
        canvas.dispatchEvent(
          new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }),
        );
      },
      [SECTION, points[points.length - 1]!] as const,
    );
    await page.waitForTimeout(300);
    const d = await page.locator(SECTION).evaluate((el) => (el as HTMLElement).dataset);
    return {
      roundTrips,
      burstDisplays: burstResult.displays,
      burstMoves: burst,
      burstSettleMs: burstResult.settleMs,
      burstPoint: burstResult.point,
      samePoint: [d.z1 ?? '', d.z2 ?? ''],
    };
  } finally {
    await page.mouse.up();
  }
}

/** The median and the maximum of `values`, e.g. `"median 1.2 ms, max 3.4 ms (30 moves)"`. */
export function describeRoundTrips(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
  const max = sorted[sorted.length - 1] ?? Number.NaN;
  return `median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms (${values.length} moves)`;
}
