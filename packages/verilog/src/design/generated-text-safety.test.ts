import { UnknownOptionError } from '@latentkit/core';
import { type QuantizedMlp, quantizeMlp } from '@latentkit/quantize';
import { describe, expect, it } from 'vitest';
import { nexysTop } from '../board/nexys-top.js';
import { nexysXdc } from '../board/nexys-xdc.js';
import { VerilogError } from '../errors/verilog-error.js';
import { commentText, fileHeader } from '../hdl/verilog-text.js';
import { cxxrtlTestbench } from '../tb/cxxrtl-testbench.js';
import { mlpVectors } from '../tb/test-vectors.js';
import { uartBench } from '../tb/uart-harness.js';
import { verilogTestbench } from '../tb/verilog-testbench.js';
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
    // C1 controls too: U+0085 (NEL) is a line break to Unicode-aware editors and tools.
    expect(commentText('a\u0085b\u0080c\u009fd\u00a0e')).toBe('a b c d\u00a0e');
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

  it('refuses a top that is not a plain identifier where it is written out unsanitized', () => {
    // XDC is Tcl: a line break in the top would have put the rest of it into the constraints;
    // a design's `top` edited by hand went verbatim into module names, C++ and file names.
    const core = generateMlp(modelNamed('fc'));
    const board = nexysTop(core);
    const vectors = mlpVectors(modelNamed('fc'), [[0, 0]]);
    expect(nexysXdc(board.top, false)).toContain(`'${board.top}'`);
    for (const top of ['x\nexec rm -rf ~', '../../x', 'a b', 'module', '9x', '']) {
      const runs = [
        () => nexysXdc(top, true),
        () => nexysTop({ ...core, top }),
        () => verilogTestbench({ ...core, top }, vectors),
        () => cxxrtlTestbench({ ...core, top }),
        () => uartBench({ ...board, top }, vectors),
      ];
      for (const run of runs) {
        expect(run).toThrow(VerilogError);
        expect(run).toThrow(/must be a plain Verilog identifier/);
      }
    }
  });
});
