import type { SynthesisResult } from '@latentkit/verilog/node';
import { describe, expect, it } from 'vitest';
import { skippedRun } from '../../hardware/simulate-all.js';
import { headlineRow, synthesisNotes } from './render-verilog.js';
import type { SynthesisOutcome } from './verilog-run.js';

const synthesized = (fits: boolean): SynthesisOutcome => ({
  ok: true,
  result: {
    resources: { luts: 1200, ffs: 900, dsp: 57, bram36: 99.5, fits, over: fits ? [] : ['DSP48E1'] },
    stat: '',
    log: '',
    ms: 1,
  } as unknown as SynthesisResult,
});

describe('headlineRow', () => {
  const ran = {
    ...skippedRun('cxxrtl', ''),
    ran: true,
    vectors: 4,
    exactVectors: 4,
    latency: 2550,
  };

  it('gives latency in cycles and µs at 100 MHz, and the synthesized resources', () => {
    expect(
      headlineRow('core', [skippedRun('iverilog', 'missing'), ran], synthesized(true)),
    ).toEqual(['core', expect.any(String), '2550', '25.5', '1200', '900', '57', '99.5', 'yes']);
    expect(headlineRow('core', [ran], synthesized(false))[8]).toBe('no (DSP48E1)');
  });

  it('leaves latency empty when no simulator ran and says when synthesis failed', () => {
    const row = headlineRow('core', [skippedRun('cxxrtl', 'missing')], { ok: false, error: 'x' });
    expect(row.slice(2, 6)).toEqual(['', '', 'synthesis failed', '']);
  });
});

describe('synthesisNotes', () => {
  it('names each failed design with its error, cut to 400 characters', () => {
    const notes = synthesisNotes({
      decoderSynth: synthesized(true),
      irisSynth: { ok: false, error: 'e'.repeat(500) },
    });
    expect(notes).toEqual([`Iris VAE Nexys4 DDR top: synthesis failed: ${'e'.repeat(400)}`]);
  });
});
