import { initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { centeredScatter, columnStats } from './covariance.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('centeredScatter', () => {
  it('wasm float32 blocks and float64 JS both match a naive two-pass float64 sum', () => {
    const n = 1500;
    const d = 300;
    const data = new Float32Array(n * d);
    let s = 1;
    for (let i = 0; i < data.length; i++) {
      s = (s * 48271) % 2147483647;
      // Offset 10 makes an uncentered product lose digits; constant column 7 must be skipped.
      data[i] = i % d === 7 ? 3 : 10 + (s / 2147483647) * ((i % d) / d + 0.1);
    }
    const m = { data, rows: n, cols: d };
    const stats = columnStats(m);
    expect(stats.active.length).toBe(d - 1);
    expect(stats.mean[7]).toBe(3);
    const a = stats.active.length;
    const naive = new Float64Array(a * a);
    for (let p = 0; p < a; p++)
      for (let q = p; q < a; q++) {
        const jp = stats.active[p] as number;
        const jq = stats.active[q] as number;
        let acc = 0;
        for (let i = 0; i < n; i++)
          acc +=
            ((data[i * d + jp] as number) - (stats.mean[jp] as number)) *
            ((data[i * d + jq] as number) - (stats.mean[jq] as number));
        naive[p * a + q] = acc;
        naive[q * a + p] = acc;
      }
    for (const engine of ['js', 'wasm'] as const) {
      const S = centeredScatter(m, stats, { engine, blockRows: 512 });
      let worst = 0;
      for (let i = 0; i < a * a; i++) {
        const scale = Math.sqrt(
          (naive[Math.floor(i / a) * (a + 1)] as number) * (naive[(i % a) * (a + 1)] as number),
        );
        worst = Math.max(worst, Math.abs((S[i] as number) - (naive[i] as number)) / scale);
      }
      expect(worst).toBeLessThan(engine === 'js' ? 1e-12 : 2e-6);
    }
  });
});
