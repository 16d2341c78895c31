import { UnknownOptionError } from '@latentkit/core';
import { type QuantizedMlp, quantizeMlp } from '@latentkit/quantize';
import { describe, expect, it } from 'vitest';
import { VerilogError } from '../errors/verilog-error.js';
import { commentText, fileHeader } from '../hdl/verilog-text.js';
import { generateMlp } from './generate-mlp.js';

// Names and options reach generated text; nothing a user passes may become Verilog of its own.

const PAYLOAD = 'fc1\n`define LATENTKIT_INJECTED 1\nmodule evil;';

function modelNamed(name: string): QuantizedMlp {
  return quantizeMlp(
    {
      layers: [
        {
          inFeatures: 2,
          outFeatures: 2,
          weight: Float64Array.from([0.5, -0.25, 0.125, -1]),
          bias: Float64Array.from([0.1, -0.2]),
          activation: 'relu',
          name,
        },
      ],
    },
    { calibration: Float64Array.from([1, -1, 0.5, 0.25]), bits: 12 },
  );
}

describe('generated text', () => {
  it('keeps a layer name with line breaks inside its comment', () => {
    const design = generateMlp(modelNamed(PAYLOAD));
    const text = Object.values(design.files).join('\n');
    // The name survives, sanitized, in identifiers; its raw text only inside `//` comments.
    const lines = text
      .split('\n')
      .filter((l) => l.includes('`define') || l.includes('module evil;'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.trimStart().startsWith('//')).toBe(true);
    expect(text).not.toMatch(/^\s*`define LATENTKIT_INJECTED/m);
  });

  it('escapes every control character and Unicode line separator of a comment', () => {
    expect(commentText('a\nb\r\nc\u2028d\u2029e\u0000f\tg')).toBe('a b  c d e f g');
    const header = fileHeader(`x\n${'`'}define X`, ['y\rz']);
    for (const line of header.trimEnd().split('\n')) expect(line.startsWith('// ')).toBe(true);
  });

  it('refuses unknown options and ROM styles outside the allowed set', () => {
    const q = modelNamed('fc');
    expect(() => generateMlp(q, { lane: 4 } as never)).toThrow(UnknownOptionError);
    expect(() => generateMlp(q, { lane: 4 } as never)).toThrow(/"lane" in generateMlp options/);
    expect(() => generateMlp(q, { romStyle: 'flash' as never })).toThrow(VerilogError);
    expect(() => generateMlp(q, { lutRomStyle: '"block") evil (*' as never })).toThrow(
      /lutRomStyle must be one of/,
    );
    expect(() => generateMlp(q, { pipelinePost: 'yes' as never })).toThrow(/pipelinePost/);
    expect(() => generateMlp(q, { romStyle: 'distributed', pipelinePost: true })).not.toThrow();
  });
});
