import { describe, expect, it } from 'vitest';
import type { WorkerSession } from '../common/worker-host.js';
import { transferablesOf } from '../common/worker-protocol.js';
import {
  type DrawingScore,
  type ExplorerInterpolation,
  type ExplorerStart,
  explorerMethods,
  planeGrid,
} from './latent-explorer-session.js';
import { anomalyScores, decodePoints, encodeMeans } from './latent-model.js';
import { useTinyLatentModel } from './tiny-latent-model.js';

const n = 120;
const digits = {
  images: Uint8Array.from({ length: n * 784 }, (_, i) => (i * 7919) % 256),
  labels: Uint8Array.from({ length: n }, (_, i) => i % 10),
  count: n,
};
const testX = Float32Array.from(digits.images, (v) => v / 255);
const tiny = useTinyLatentModel();

/** Calls a session method as the worker host does (plain arguments from the page). */
const call = <T>(methods: WorkerSession['methods'], name: string, args?: unknown) =>
  Promise.resolve((methods[name] as (a: unknown) => unknown)(args)) as Promise<T>;

/** Every typed array in `value` owns its whole buffer: the worker transfers it, none is copied. */
function expectAllTransferred(value: Record<string, unknown>): void {
  const arrays = Object.values(value).filter((v) => ArrayBuffer.isView(v));
  expect(transferablesOf(value)).toHaveLength(arrays.length);
}

describe('latent explorer session (model worker): what it posts', () => {
  it('start: the test codes (posterior means), the digits and labels, all transferable', async () => {
    const methods = explorerMethods(tiny(), digits, 123.4);
    const s = await call<ExplorerStart>(methods, 'start');
    expect(s.codes).toEqual(encodeMeans(tiny(), testX, n));
    expect(s.images).toEqual(digits.images);
    expect(s.labels).toEqual(digits.labels);
    expect(s.count).toBe(n);
    expect(s.testNegElbo).toBe(123.4);
    expectAllTransferred(s as unknown as Record<string, unknown>);
    s.images.fill(0); // the page's copy: the session keeps its own
    expect((await call<ExplorerStart>(methods, 'start')).images).toEqual(digits.images);
  });

  it('decode and plane: E[x|z] of the point, and of the plane grid in row-major order', async () => {
    const methods = explorerMethods(tiny(), digits);
    const z = Float32Array.from([0.5, -1]);
    const image = await call<Float32Array>(methods, 'decode', { z });
    expect(image).toEqual(decodePoints(tiny(), z));
    expect(transferablesOf(image)).toHaveLength(1);
    const grid = planeGrid(2, 4);
    expect(Array.from(grid.subarray(0, 2))).toEqual([-1.5, 1.5]); // top-left: z₁ low, z₂ high
    expect(Array.from(grid.subarray(6, 8))).toEqual([1.5, 1.5]); // top-right
    expect(Array.from(grid.subarray(30, 32))).toEqual([1.5, -1.5]); // bottom-right
    const plane = await call<Float32Array>(methods, 'plane', { limit: 2, n: 4 });
    expect(plane).toHaveLength(16 * 784);
    expect(plane).toEqual(decodePoints(tiny(), grid));
  });

  it('interpolate: both paths from a to b with their decodings, flat and transferable', async () => {
    const methods = explorerMethods(tiny(), digits);
    const r = await call<ExplorerInterpolation>(methods, 'interpolate', {
      a: [2, 0],
      b: [0, 2],
      steps: 5,
    });
    expectAllTransferred(r as unknown as Record<string, unknown>);
    expect(Array.from(r.linearCodes.subarray(0, 2))).toEqual([2, 0]);
    expect(r.linearCodes[9]).toBeCloseTo(2, 6);
    expect(Math.hypot(r.sphericalCodes[4]!, r.sphericalCodes[5]!)).toBeCloseTo(2, 5);
    expect(Math.hypot(r.linearCodes[4]!, r.linearCodes[5]!)).toBeCloseTo(Math.SQRT2, 5);
    expect(r.sphericalImages).toEqual(decodePoints(tiny(), r.sphericalCodes));
    expect(r.linearImages).toHaveLength(5 * 784);
  });

  it('score: where a drawing lands, its reconstruction and its anomaly score', async () => {
    const methods = explorerMethods(tiny(), digits);
    const x = testX.slice(3 * 784, 4 * 784);
    const r = await call<DrawingScore>(methods, 'score', { x });
    expect(r.z).toEqual(encodeMeans(tiny(), x, 1));
    expect(r.reconstruction).toEqual(decodePoints(tiny(), r.z));
    expect(r.anomaly).toBe(anomalyScores(tiny(), x, 1)[0]);
    expectAllTransferred(r as unknown as Record<string, unknown>);
  });

  it('reference: the first digits’ anomaly scores, sorted, computed in pieces with breaks', async () => {
    const methods = explorerMethods(tiny(), digits);
    let done = false;
    const pending = call<Float32Array>(methods, 'reference', { count: 500 }).then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toBe(false); // 120 digits are 3 pieces: a decode message can run between them
    const scores = await pending;
    expect(scores).toHaveLength(n); // at most the digits there are
    // Pieces of 50 (seed 0 each, as the page computed them before the worker).
    const pieces = [0, 50, 100].map((s) =>
      anomalyScores(
        tiny(),
        testX.subarray(s * 784, Math.min(n, s + 50) * 784),
        Math.min(50, n - s),
      ),
    );
    expect(scores).toEqual(Float32Array.from(pieces.flatMap((p) => [...p])).sort());
  });
});
