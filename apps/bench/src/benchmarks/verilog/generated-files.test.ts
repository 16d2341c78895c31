import { quantizeMlp } from '@latentkit/quantize';
import { generateMlp, mlpVectors, nexysTop } from '@latentkit/verilog';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from './generated-files.js';
import type { VerilogRun } from './verilog-run.js';

// A toy run: only the fields generatedFiles reads, from a 2-3-1 MLP.
function toyRun(): VerilogRun {
  const q = quantizeMlp(
    {
      layers: [
        {
          inFeatures: 2,
          outFeatures: 3,
          weight: Float64Array.from([0.5, -0.25, 0.125, -1, 0.75, 0.3]),
          bias: Float64Array.from([0.1, -0.2, 0.05]),
          activation: 'relu',
          name: 'fc1',
        },
        {
          inFeatures: 3,
          outFeatures: 1,
          weight: Float64Array.from([1, -0.5, 0.25]),
          bias: Float64Array.from([0]),
          activation: 'sigmoid',
          name: 'out',
        },
      ],
    },
    { calibration: Float64Array.from([1, -1, 0.5, 0.25, -0.75, 0.9]), bits: 12 },
  );
  const core = generateMlp(q, { name: 'toy' });
  const vectors = mlpVectors(q, [[1, 2]]);
  return {
    decoder: core,
    decoderVectors: { vectors },
    q16: { decoder: q },
    decoderSynth: { ok: false },
    iris: { q, core, board: nexysTop(core), vectors },
    irisSynth: { ok: false },
  } as unknown as VerilogRun;
}

describe('generatedFiles', () => {
  it("puts the Vivado scripts beside the board top's files, and every ROM they read", () => {
    const run = toyRun();
    const files = generatedFiles(run);
    for (const f of ['build.tcl', 'program.tcl', 'README.txt', 'toy_nexys.xdc']) {
      expect(Object.keys(files)).toContain(`iris-vae/${f}`);
    }
    const build = files['iris-vae/build.tcl']!;
    expect(build).toContain('synth_design -top $top -part $part');
    const memories = build.slice(build.indexOf('set memories'), build.indexOf('set constraints'));
    const hex = Object.keys(run.iris.board.files).filter((f) => f.endsWith('.hex'));
    expect(hex.length).toBeGreaterThan(0);
    for (const h of hex) {
      expect(memories).toContain(`  ${h} \\`);
      expect(files[`iris-vae/${h}`]).toBe(run.iris.board.files[h]);
    }
    expect(files['README.md']).toContain('vivado -mode batch -source iris-vae/build.tcl');
  });
});
