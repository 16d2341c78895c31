import { describe, expect, it } from 'vitest';
import { lutMlp, tinyVae } from '../../test/rom-check.testutil.js';
import { generateMlp } from '../design/generate-mlp.js';
import { generateVae } from '../design/generate-vae.js';
import { VerilogError } from '../errors/verilog-error.js';
import { fromHex } from '../hdl/hex.js';
import { romName } from './design-roms.js';
import { goldenRoms } from './golden-roms.js';

/** The words of a `$readmemh` file as signed codes. */
const words = (text: string, width: number) =>
  text
    .split('\n')
    .filter((l) => /^[0-9a-f]+$/.test(l))
    .map((l) => fromHex(l, width));

describe('goldenRoms', () => {
  it('takes each word from the model: weights by lane, biases, the LUT table', () => {
    const q = lutMlp();
    const d = generateMlp(q, { name: 'tiny', lanes: [2, 1] });
    const g = goldenRoms(d, q);
    const fc1 = q.layers[0]!;
    const w1 = g.find((r) => romName(r) === 'u_tiny_fc1.wrom_1')!;
    // lane 1, group 0 holds neuron 1: w[i][1] at address i.
    expect(w1.words.slice(0, 3)).toEqual([0, 1, 2].map((i) => fc1.weights[i * 5 + 1]));
    const b0 = g.find((r) => romName(r) === 'u_tiny_fc1.brom_0')!;
    expect(b0.words).toEqual([fc1.biases[0], fc1.biases[2], fc1.biases[4]]);
    const lut = g.find((r) => r.memory === 'rom')!;
    expect(lut.words).toEqual(fc1.activation.kind === 'lut' ? [...fc1.activation.table] : []);
    // …and the generator wrote the same words (an honest design passes the read-back).
    for (const r of g) expect(words(d.files[r.file]!, r.width)).toEqual(r.words);
  });

  it('takes the σ table of a VAE from reparam.sigma', () => {
    const q = tinyVae();
    const d = generateVae(q, { name: 'v' });
    const sigma = goldenRoms(d, q).find((r) => r.path[0] === 'u_reparam')!;
    expect(sigma.words).toEqual([...q.reparam.sigma.table]);
  });

  it('refuses a model that does not fit the design', () => {
    const d = generateMlp(lutMlp(), { name: 'tiny' });
    const q = tinyVae();
    expect(() => goldenRoms(d, q)).toThrow(VerilogError);
    expect(() => goldenRoms(d, q.decoder)).toThrow(/holds|image/);
  });
});
