import { createModel, train } from '@latentkit/models';
import { type FloatVae, floatVaeFromModel } from '@latentkit/quantize';
import { initBackend } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { tarArchive } from '../common/tar-archive.js';
import { reconstructionErrors, sigmoidTable } from './hardware-model.js';
import { errorReport, hardwareDesign, manifestSynthesis, sigmoidRows } from './hardware-session.js';
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
  await train(model, { x: rows.train }, { epochs: 5, batchSize: 120, learningRate: 0.02, seed: 4 });
  vae = floatVaeFromModel(model.config, model.store.toRecord());
  model.dispose();
});

describe('hardware session (model worker): what it posts is plain data', () => {
  it('the error report keeps every number and drops the quantized models', () => {
    const full = reconstructionErrors(vae, rows, [4, 8]);
    const plain = errorReport(full);
    const copy = structuredClone(plain);
    expect(copy.entries.map((e) => Object.keys(e).sort())).toEqual(
      Array(2).fill(['bce', 'bits', 'layers', 'mse', 'mseRelativeChange']),
    );
    expect(copy.float).toEqual(full.float);
    expect(copy.entries.map((e) => e.mse)).toEqual(full.entries.map((e) => e.mse));
    expect(copy.entries[1]!.layers).toEqual(full.entries[1]!.layers);
  });

  it('the sigmoid rows are the table of sigmoidTable without the units', () => {
    const table = sigmoidTable(8);
    const plain = structuredClone(sigmoidRows(8));
    expect(plain.bits).toBe(8);
    expect(plain.chosen).toBe(table.chosen);
    expect(plain.rows.map((r) => r.label)).toEqual(table.rows.map((r) => r.label));
    expect(plain.rows.map((r) => r.maxAbsError)).toEqual(table.rows.map((r) => r.maxAbsError));
    expect(plain.rows.some((r) => r.label === plain.chosen)).toBe(true);
    expect(() => sigmoidRows(3)).toThrow(RangeError);
  });

  it('the design: its files, their tar archive, and the core summary', () => {
    const design = structuredClone(hardwareDesign(vae, rows, 8));
    expect(design.bits).toBe(8);
    expect(design.archiveName).toBe('iris_vae_8bit');
    expect(Object.keys(design.files)).toEqual(
      expect.arrayContaining(['iris_vae.v', `${design.testbenchTop}.v`, `${design.boardTop}.v`]),
    );
    expect(design.tar).toEqual(tarArchive(design.files, 'iris_vae_8bit'));
    expect(design.core.top).toBe('iris_vae');
    expect(design.core.sources.every((f) => f in design.files)).toBe(true);
    expect(design.core.layers.length).toBeGreaterThanOrEqual(4);
    expect(design.core.layers.every((l) => l.computeCycles > 0 && l.lanes > 0)).toBe(true);
  });

  it('reads the synthesis figures from the manifest, or says why there are none', () => {
    const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    const figures = [{ bits: 8, luts: 1, ffs: 2, dsp: 3, bram36: 0, seconds: 1 }];
    expect(manifestSynthesis(undefined)).toBe('not loaded');
    expect(manifestSynthesis(encode({ models: [] }))).toBe('not recorded');
    expect(manifestSynthesis(encode({ extras: { irisVae: { synthesis: figures } } }))).toEqual(
      figures,
    );
    expect(manifestSynthesis(encode({ extras: { irisVae: { synthesis: 'failed' } } }))).toBe(
      'failed',
    );
  });
});
