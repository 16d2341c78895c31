/**
 * Measures how long the page goes without painting: the longest interval between two animation
 * frames while it runs. A page that "never freezes" keeps this near 16–50 ms.
 */
export interface FrameMonitor {
  /** Longest gap between frames since `start`, ms. */
  longest(): number;
  stop(): void;
}

/** Starts a {@link FrameMonitor} (uses `requestAnimationFrame`; `now` for tests). */
export function startFrameMonitor(
  raf: (cb: (t: number) => void) => number = requestAnimationFrame,
  caf: (id: number) => void = cancelAnimationFrame,
): FrameMonitor {
  let last: number | undefined;
  let longest = 0;
  let id = 0;
  let running = true;
  const tick = (t: number) => {
    if (!running) return;
    if (last !== undefined) longest = Math.max(longest, t - last);
    last = t;
    id = raf(tick);
  };
  id = raf(tick);
  return {
    longest: () => longest,
    stop() {
      running = false;
      caf(id);
    },
  };
}

/** Mean of the last `window` values at each position (the smoothed loss curve). */
export function runningMean(values: readonly number[], window: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= window) sum -= values[i - window]!;
    out.push(sum / Math.min(i + 1, window));
  }
  return out;
}
