import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createModel, train } from '@latentkit/models';
import type { FloatVae } from '@latentkit/quantize';
import { floatVaeFromModel } from '@latentkit/quantize';
import { initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { tarArchive } from '../common/tar-archive.js';
import { irisDesign, quantizeIris, reconstructionErrors, sigmoidTable } from './hardware-model.js';
import { type IrisRows, irisRows } from './iris-setup.js';

let vae: FloatVae;
let rows: IrisRows;
beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  rows = irisRows();
  const model = createModel(
    {
      kind: 'vae',
      inputShape: [4],
      latentDim: 2,
      encoder: { type: 'mlp', hidden: [16], activation: 'tanh' },
      decoder: { type: 'mlp', hidden: [16], activation: 'relu' },
      likelihood: 'gaussian',
      outputStd: 0.5,
    },
    { seed: 4 },
  );
  await train(
    model,
    { x: rows.train },
    { epochs: 60, batchSize: 120, learningRate: 0.02, seed: 4 },
  );
  vae = floatVaeFromModel(model.config, model.store.toRecord());
  model.dispose();
});

const hasIverilog = spawnSync('iverilog', ['-V'], { encoding: 'utf8' }).status === 0;

describe('hardware demo model', () => {
  it('splits 120 / 30 standardized Iris rows', () => {
    expect(rows.train).toHaveLength(120 * 4);
    expect(rows.test).toHaveLength(30 * 4);
    const mean = [0, 1, 2, 3].map(
      (j) => rows.train.filter((_, i) => i % 4 === j).reduce((a, b) => a + b, 0) / 120,
    );
    for (const m of mean) expect(Math.abs(m)).toBeLessThan(1e-5);
  });

  it('quantization error falls with the bit width and approaches the float model', () => {
    const r = reconstructionErrors(vae, rows, [4, 6, 8, 12, 16]);
    const mse = r.entries.map((e) => e.mse);
    expect(mse[0]).toBeGreaterThan(mse[2]!);
    expect(mse[2]).toBeGreaterThan(mse[4]! - 1e-9);
    expect(Math.abs(r.entries[4]!.mseRelativeChange)).toBeLessThan(0.01);
  });

  it('sigmoid table: the chosen unit is listed and is the most accurate within budget', () => {
    for (const bits of [8, 16]) {
      const { rows: units, chosen } = sigmoidTable(bits);
      const c = units.find((u) => u.label === chosen)!;
      expect(c).toBeDefined();
      for (const u of units) {
        if (u.lutEntries <= 1024 && u.multipliers <= 1)
          expect(c.maxAbsError).toBeLessThanOrEqual(u.maxAbsError);
      }
      expect(units.some((u) => u.label === 'plan')).toBe(true);
      expect(units.find((u) => u.label === 'taylor5')!.maxAbsError).toBeGreaterThan(1); // diverges
    }
    expect(() => sigmoidTable(3)).toThrow(RangeError);
  });

  it.skipIf(!hasIverilog && !process.env.CI)(
    'the downloadable design compiles with Icarus and its testbench passes against the golden model',
    () => {
      const q = quantizeIris(vae, rows, 8);
      const d = irisDesign(q, rows);
      expect(Object.keys(d.files)).toEqual(
        expect.arrayContaining([
          `${d.core.top}.v`,
          `${d.boardTop}.v`,
          `${d.testbenchTop}.v`,
          `${d.boardTop}.xdc`,
        ]),
      );
      const dir = mkdtempSync(join(tmpdir(), 'lk-iris-'));
      try {
        writeFileSync(join(dir, 'design.tar'), tarArchive(d.files, 'iris'));
        execFileSync('tar', ['-xf', 'design.tar'], { cwd: dir });
        const src = join(dir, 'iris');
        execFileSync(
          'iverilog',
          ['-g2005', '-o', 'tb.vvp', ...d.core.sources, `${d.testbenchTop}.v`],
          { cwd: src },
        );
        const out = execFileSync('vvp', ['tb.vvp'], { cwd: src, encoding: 'utf8' });
        expect(out).toMatch(/RESULT PASS vectors=30 mismatches=0/);
        // The board top compiles too.
        execFileSync(
          'iverilog',
          [
            '-g2005',
            '-o',
            'board.vvp',
            ...d.core.sources,
            ...Object.keys(d.files).filter(
              (f) => f.endsWith('.v') && f !== `${d.testbenchTop}.v` && !d.core.sources.includes(f),
            ),
          ],
          { cwd: src },
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
