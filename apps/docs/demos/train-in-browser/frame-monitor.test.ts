import { describe, expect, it } from 'vitest';
import { runningMean, startFrameMonitor } from './frame-monitor.js';

describe('frame monitor', () => {
  it('reports the longest gap between frames and stops requesting frames', () => {
    const queue: ((t: number) => void)[] = [];
    let cancelled = 0;
    const m = startFrameMonitor(
      (cb) => queue.push(cb),
      () => {
        cancelled++;
      },
    );
    for (const t of [0, 16, 33, 150, 166]) queue.shift()!(t);
    expect(m.longest()).toBe(117);
    m.stop();
    expect(cancelled).toBe(1);
    const pending = queue.length;
    queue.shift()?.(500); // a frame already requested runs after stop: ignored
    expect(m.longest()).toBe(117);
    expect(queue.length).toBeLessThanOrEqual(pending - 1);
  });

  it('runningMean over a window', () => {
    expect(runningMean([2, 4, 6, 8], 2)).toEqual([2, 3, 5, 7]);
    expect(runningMean([], 3)).toEqual([]);
  });
});
