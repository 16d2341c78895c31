import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnknownOptionError } from '@latentkit/core';
import { QuantizationError, type QuantizedMlp, quantizeMlp } from '@latentkit/quantize';
import { describe, expect, it } from 'vitest';
import { nexysTop } from '../board/nexys-top.js';
import { nexysXdc } from '../board/nexys-xdc.js';
import { VerilogError } from '../errors/verilog-error.js';
import { hexFile } from '../hdl/hex.js';
import { codeOutsideCommentsAndStrings, HOSTILE_NAMES } from '../hdl/text-scan.testutil.js';
import { commentText, fileHeader } from '../hdl/verilog-text.js';
import { layerModule } from '../layer/layer-module.js';
import { compileCxxrtl } from '../node/simulate-cxxrtl.js';
import { synthesize } from '../node/synthesize.js';
import { writeFiles } from '../node/work-dir.js';
import { cxxrtlTestbench } from '../tb/cxxrtl-testbench.js';
import { mlpVectors } from '../tb/test-vectors.js';
import { uartBench } from '../tb/uart-harness.js';
import { verilogTestbench } from '../tb/verilog-testbench.js';
import { activationModule } from '../units/activation-module.js';
import { reparamModule } from '../vae/reparam-module.js';
import { generateMlp } from './generate-mlp.js';
import { layerChain } from './layer-chain.js';

// Names and options reach generated text; nothing a user passes may become Verilog, C++, Tcl or
// a Yosys command of its own. Names are checked where a model is built (the layer-name rule of
// @latentkit/quantize) and again where text is emitted: these tests call the emitters with the
// hostile names directly, past the build-time check.

const PAYLOAD = 'fc1\n`define LATENTKIT_INJECTED 1\nmodule evil;';
/**
 * What no hostile name may leave outside a comment or a string literal (as whole words: a
 * sanitized identifier such as `top_fc1_module_evil` may keep the letters).
 */
const ESCAPED = /\$system|`define|\bevil\b|\bexec\b|\bPWNED\b/;

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

/** A valid model whose layer name is then replaced, past the build-time check. */
function modelForcedName(name: string): QuantizedMlp {
  const q = modelNamed('fc');
  q.layers[0]!.name = name;
  return q;
}

function expectVerilogSafe(text: string): void {
  expect(codeOutsideCommentsAndStrings(text, 'verilog')).not.toMatch(ESCAPED);
}

function problemOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(VerilogError);
    return (e as VerilogError).problem;
  }
  return undefined;
}

const design = generateMlp(modelNamed('fc'));
const vectors = mlpVectors(modelNamed('fc'), [[1, -1]]);

describe('layer names in Verilog', () => {
  it('refuses a hostile layer name when the model is built and when it is generated', () => {
    expect(() => modelNamed(PAYLOAD)).toThrow(QuantizationError);
    expect(() => generateMlp(modelForcedName(PAYLOAD))).toThrow(/layers\[0\]\.name/);
  });

  it('keeps a hostile layer name inside comments when a layer is emitted directly', () => {
    for (const name of [PAYLOAD, ...HOSTILE_NAMES]) {
      const q = modelForcedName(name);
      const chain = layerChain(q, 'top', 'in', 'out', {}, 0, ['top']);
      for (const [file, text] of Object.entries({ ...chain.sources, ...chain.hexFiles })) {
        expect(file).toMatch(/^[A-Za-z0-9_.]+$/);
        expectVerilogSafe(text);
      }
      expectVerilogSafe(chain.body);
      expectVerilogSafe(layerModule('ok', q.layers[0]!).text);
    }
  });

  it('refuses a module name that is not an identifier in every module emitter', () => {
    const layer = modelNamed('fc').layers[0]!;
    for (const name of HOSTILE_NAMES) {
      expect(problemOf(() => layerModule(name, layer))).toBe('bad-option');
      expect(
        problemOf(() =>
          activationModule(
            name,
            layer.activation,
            layer.activationInput,
            layer.activationOutput,
            'half-even',
          ),
        ),
      ).toBe('bad-option');
      expect(problemOf(() => reparamModule(name, 1, layer.output, {} as never, 'block'))).toBe(
        'bad-option',
      );
    }
  });

  it('refuses a ROM style that would leave its attribute string', () => {
    const layer = modelNamed('fc').layers[0]!;
    expect(
      problemOf(() => layerModule('ok', layer, { romStyle: 'block" *) evil (* x="' as never })),
    ).toBe('bad-option');
  });

  it('escapes every control character and Unicode line separator of a comment', () => {
    expect(commentText('a\nb\r\nc\u2028d\u2029e\u0000f\tg')).toBe('a b  c d e f g');
    // C1 controls too: U+0085 (NEL) is a line break to Unicode-aware editors and tools.
    expect(commentText('a\u0085b\u0080c\u009fd\u00a0e')).toBe('a b c d\u00a0e');
    const header = fileHeader(`x\n${'`'}define X`, ['y\rz']);
    for (const line of header.trimEnd().split('\n')) expect(line.startsWith('// ')).toBe(true);
    const hex = hexFile([1, 2], 8, 'a\u2028b\u000bc');
    expect(hex).toBe('// a b c\n01\n02\n');
  });
});

describe('testbenches', () => {
  it('refuse a design whose top is not an identifier (Verilog, C++ and UART benches)', () => {
    const board = nexysTop(design);
    for (const top of HOSTILE_NAMES) {
      expect(problemOf(() => verilogTestbench({ ...design, top }, vectors))).toBe('bad-option');
      expect(problemOf(() => cxxrtlTestbench({ ...design, top }))).toBe('bad-option');
      expect(problemOf(() => uartBench({ ...board, top }, vectors))).toBe('bad-option');
      expect(problemOf(() => nexysTop({ ...design, top }))).toBe('bad-option');
    }
  });

  it('refuse a design with a file name that is a path or a script', () => {
    const bad = { ...design, sources: [...design.sources, 'x.v; !touch PWNED'] };
    expect(problemOf(() => verilogTestbench(bad, vectors))).toBe('bad-option');
    const up = { ...design, files: { ...design.files, '../PWNED.v': '' } };
    expect(problemOf(() => cxxrtlTestbench(up))).toBe('bad-option');
  });

  it('write file names as escaped literals and keep every name in comments', () => {
    const tb = verilogTestbench(design, vectors);
    const v = tb.files[`${tb.top}.v`]!;
    expect(v).toContain('$readmemh("tb_inputs.hex", in_mem);');
    expect(v).toContain('fd = $fopen("tb_actual.hex", "w");');
    expectVerilogSafe(v);
    const cc = cxxrtlTestbench(design);
    const text = cc.files[cc.top]!;
    expect(text).toContain('read_hex("tb_inputs.hex")');
    expect(codeOutsideCommentsAndStrings(text, 'cxx')).not.toMatch(ESCAPED);
    const uart = uartBench(nexysTop(design), vectors);
    expect(codeOutsideCommentsAndStrings(uart.files[uart.cxxFile]!, 'cxx')).not.toMatch(ESCAPED);
    expectVerilogSafe(uart.files[`${uart.harness}.v`]!);
  });
});

describe('XDC constraints', () => {
  /** Every line: blank, a comment that does not continue, or a constraint command. */
  function expectXdcSafe(xdc: string): void {
    for (const line of xdc.split(/\r\n|\r|\n|\u2028|\u2029/)) {
      if (line.trim() === '') continue;
      if (line.startsWith('#')) {
        expect(line.endsWith('\\')).toBe(false);
        continue;
      }
      expect(line).toMatch(/^(set_property|create_clock|set_false_path) /);
      expect(line.replace(/ # .*$/, '')).not.toMatch(ESCAPED);
    }
  }

  it('keeps a hostile top name in its comment', () => {
    for (const top of [...HOSTILE_NAMES, 'x\\', 'x\nexec touch PWNED\\']) {
      expectXdcSafe(nexysXdc(top, true));
    }
    const board = nexysTop(design, { name: '] ; exec touch PWNED ; [' });
    expectXdcSafe(board.xdc);
    expect(board.xdc).toContain('[get_ports {LED[0]}]');
    expect(board.xdc).toContain('[get_ports CLK100MHZ]');
  });
});

describe('tool scripts and files', () => {
  it('refuse a top, a source or an extra argument that would start another Yosys command', async () => {
    const check = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(VerilogError);
      expect((e as VerilogError).problem).toBe('bad-option');
    };
    await check(synthesize(design, { extraArgs: '-abc9; !touch PWNED' }));
    await check(synthesize(design, { extraArgs: '-abc9\n!touch PWNED' }));
    await check(synthesize({ ...design, top: 'x; !touch PWNED' }));
    await check(synthesize({ ...design, sources: ['x.v;', ...design.sources] }));
    await check(compileCxxrtl({ ...design, top: 'x # comment' }));
  });

  it('writeFiles refuses a name that is a path, before writing anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'latentkit-safety-'));
    expect(problemOf(() => writeFiles({ 'ok.v': 'x', '../PWNED.v': 'x' }, dir))).toBe('bad-option');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('design options', () => {
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

  it('sanitizes a hostile design name into an identifier', () => {
    for (const name of HOSTILE_NAMES) {
      const d = generateMlp(modelNamed('fc'), { name });
      expect(d.top).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      // ('../../PWNED' legitimately becomes the module PWNED.)
      for (const text of Object.values(d.files)) {
        expect(codeOutsideCommentsAndStrings(text, 'verilog')).not.toMatch(
          /\$system|`define|\bexec\b/,
        );
      }
    }
  });
});
