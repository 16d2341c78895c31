import {
  dequantize,
  formatToString,
  type QuantizedMlp,
  type QuantizedVae,
  quantize,
  runQuantizedVae,
} from '@latentkit/quantize';
import type { ImageGridFigure } from '@latentkit/report';
import { type TestVectors, type VerilogDesign, verilogTestbench } from '@latentkit/verilog';
import type { BenchOptions, BenchOutput, BenchTable, NamedTable } from '../benchmark.js';
import {
  errorVerdict,
  reconstructionTable,
  signedPercent,
  sqnrTable,
} from '../hardware/error-tables.js';
import { reconstructionStrip } from '../hardware/reconstruction-strip.js';
import { resourceTable, type SynthesizedDesign } from '../hardware/resource-table.js';
import {
  formatRangeText,
  sigmoidVariantsTable,
  taylorDivergenceTable,
} from '../hardware/sigmoid-tables.js';
import type { SimulatorRun } from '../hardware/simulate-all.js';
import { bitExactSummary, simulationTable } from '../hardware/simulation-table.js';
import type { SynthesisOutcome, VerilogRun } from './verilog-run.js';

/** Clock of the Nexys4 DDR, MHz (latency in µs = cycles / this). */
const CLOCK_MHZ = 100;

/** The decoder's layers with their formats, units, lanes and modelled cycles. */
function layersTable(q: QuantizedMlp, design: VerilogDesign): BenchTable {
  return {
    columns: [
      'layer',
      'shape',
      'MAC lanes',
      'activation unit',
      'input',
      'weights',
      'accumulator',
      'activation in → out',
      'output',
      'modelled cycles',
    ],
    rows: q.layers.map((l, k) => {
      const d = design.layers[k]!;
      return [
        l.name,
        `${l.inFeatures} → ${l.outFeatures}`,
        String(d.lanes),
        d.unit,
        formatToString(l.input),
        formatToString(l.weightFormat),
        formatToString(l.accumulator),
        `${formatToString(l.activationInput)} → ${formatToString(l.activationOutput)}`,
        formatToString(l.output),
        String(d.computeCycles),
      ];
    }),
  };
}

/** Dequantized decoder outputs of the golden model for some data rows (z = μ). */
function goldenImages(q: QuantizedVae, data: Float32Array, rows: readonly number[]): Float64Array {
  const first = q.encoder.layers[0]!;
  const outFmt = q.decoder.layers[q.decoder.layers.length - 1]!.output;
  const n = first.inFeatures;
  const out = new Float64Array(rows.length * q.decoder.layers.at(-1)!.outFeatures);
  rows.forEach((r, i) => {
    const x = Array.from({ length: n }, (_, j) =>
      quantize(data[r * n + j]!, first.input, { rounding: first.rounding }),
    );
    const y = runQuantizedVae(q, x, { validate: false }).output;
    y.forEach((c, j) => {
      out[i * y.length + j] = dequantize(c, outFmt);
    });
  });
  return out;
}

/** Column indices (into the simulated vectors) of the first example of each digit, else 0…9. */
function stripColumns(labels: Uint8Array, vectors: number): number[] {
  const cols: number[] = [];
  for (let d = 0; d < 10; d++) {
    const i = labels.subarray(0, vectors).indexOf(d);
    if (i >= 0) cols.push(i);
  }
  return cols.length === 10 ? cols : Array.from({ length: Math.min(10, vectors) }, (_, i) => i);
}

function stripFigure(r: VerilogRun): ImageGridFigure {
  const cols = stripColumns(r.testLabels, r.decoderVectors.rows.length);
  const px = 784;
  const pick = (all: ArrayLike<number>) => {
    const out = new Float64Array(cols.length * px);
    cols.forEach((c, i) => {
      for (let j = 0; j < px; j++) out[i * px + j] = all[c * px + j]!;
    });
    return out;
  };
  const outFmt = r.q16.decoder.layers.at(-1)!.output;
  const rtl = r.decoderSims.find((s) => s.ran && s.outputs.length >= r.decoderVectors.rows.length);
  const rtlCodes = rtl ? rtl.outputs : r.decoderVectors.vectors.expected;
  const rtlImages = pick(rtlCodes.flat().map((c) => dequantize(c, outFmt)));
  const model = (bits: number) => r.report.entries.find((e) => e.bits === bits)?.model;
  const rows = [
    { label: 'test image', images: pick(r.test) },
    { label: 'float64', images: pick(r.floatRecon) },
    { label: rtl ? `16-bit RTL (${rtl.simulator})` : '16-bit golden', images: rtlImages },
    ...[12, 8].flatMap((b) => {
      const q = model(b);
      return q ? [{ label: `${b}-bit golden`, images: goldenImages(q, r.test, cols) }] : [];
    }),
  ];
  return reconstructionStrip(rows, {
    title: 'MNIST reconstructions: float vs quantized (z = μ)',
    cols: cols.length,
    caption:
      'First test image of each digit; E[x|z = μ] of the float model, the 16-bit decoder as the ' +
      'RTL computed it in simulation (bit-exact with the golden model), and the 12-bit and 8-bit ' +
      'golden models (encoder and decoder quantized).',
  });
}

function synthRow(name: string, s: SynthesisOutcome): SynthesizedDesign[] {
  return s.ok ? [{ design: name, resources: s.result.resources }] : [];
}

function headlineRow(name: string, runs: readonly SimulatorRun[], s: SynthesisOutcome): string[] {
  const lat = runs.find((x) => x.ran)?.latency;
  const r = s.ok ? s.result.resources : undefined;
  return [
    name,
    bitExactSummary(runs),
    lat !== undefined ? String(lat) : '',
    lat !== undefined ? (lat / CLOCK_MHZ).toFixed(1) : '',
    r ? String(r.luts) : 'synthesis failed',
    r ? String(r.ffs) : '',
    r ? String(r.dsp) : '',
    r ? String(r.bram36) : '',
    r ? (r.fits ? 'yes' : `no (${r.over.join(', ')})`) : '',
  ];
}

function generatedFiles(r: VerilogRun): Record<string, string> {
  const files: Record<string, string> = {};
  const put = (dir: string, f: Record<string, string>) => {
    for (const [k, v] of Object.entries(f)) files[`${dir}/${k}`] = v;
  };
  const tb = (d: VerilogDesign, v: TestVectors) => verilogTestbench(d, v);
  put('mnist-decoder', r.decoder.files);
  put('mnist-decoder', tb(r.decoder, r.decoderVectors.vectors).files);
  files['mnist-decoder/mnist_decoder.quantized.json'] = `${JSON.stringify(r.q16.decoder)}\n`;
  if (r.decoderSynth.ok) files['mnist-decoder/synth_stat.txt'] = r.decoderSynth.result.stat;
  put('iris-vae', r.iris.board.files);
  put('iris-vae', tb(r.iris.core, r.iris.vectors).files);
  files['iris-vae/iris_vae.quantized.json'] = `${JSON.stringify(r.iris.q)}\n`;
  if (r.irisSynth.ok) files['iris-vae/synth_stat.txt'] = r.irisSynth.result.stat;
  files['README.md'] = [
    '# Generated by `latentkit-bench verilog`',
    '',
    '- `mnist-decoder/`: the 16-bit MNIST decoder core `mnist_decoder` (Verilog-2001 + `$readmemh`',
    '  ROM images), its self-checking testbench `tb_mnist_decoder.v` with `tb_inputs.hex` /',
    '  `tb_expected.hex` from the golden model, the quantized decoder (JSON) and the Yosys `stat`.',
    '- `iris-vae/`: the 16-bit Iris VAE core `iris_vae`, its Nexys4 DDR top `iris_vae_nexys` with',
    '  `iris_vae_nexys.xdc`, testbench and vectors (sampling on: `+SAMPLE=1`).',
    '',
    'Simulate in a folder (the hex files are read from the working directory):',
    '',
    '```sh',
    'cd mnist-decoder',
    'iverilog -g2001 -s tb_mnist_decoder -o sim.vvp *.v && vvp -n sim.vvp +STALL=0',
    '```',
    '',
    'The last line is `RESULT PASS|FAIL vectors=… mismatches=… framing=… latency=… cycles=…`.',
    '',
  ].join('\n');
  return files;
}

/** Builds the suite's report output (tables, notes, figures, files, JSON) from its run. */
export function verilogOutput(r: VerilogRun, options: BenchOptions): BenchOutput {
  const verdict = errorVerdict(r.report, 16, 0.01);
  const e = (b: number) => r.report.entries.find((x) => x.bits === b)!;
  const outLayer = r.q16.decoder.layers.at(-1)!;
  const sig = sigmoidVariantsTable(
    outLayer.activationInput,
    outLayer.activationOutput,
    outLayer.activation,
  );
  const synthNotes = [
    ['MNIST decoder', r.decoderSynth] as const,
    ['Iris VAE Nexys4 DDR top', r.irisSynth] as const,
  ].flatMap(([n, s]) => (s.ok ? [] : [`${n}: synthesis failed: ${s.error.slice(0, 400)}`]));
  const tables: NamedTable[] = [
    {
      title: `Reconstruction error on ${r.report.rows} MNIST test images (z = μ)`,
      table: reconstructionTable(r.report),
      caption:
        "MSE: mean over all pixels of (x − E[x|z = μ])², pixels / 255 against the decoder's " +
        'sigmoid outputs (probability space). BCE: Bernoulli negative log-likelihood of the grey ' +
        'levels, nats per image (probabilities clamped to [1e−7, 1 − 1e−7]). Quantized models ' +
        'run encoder and decoder in fixed point (the golden model), z = μ in the latent format; ' +
        `formats calibrated on ${r.settings.calibrationRows} training images.`,
    },
    {
      title: 'Per-layer SQNR (dB)',
      table: sqnrTable(r.report),
      caption:
        "Weights: 10·log10(Σw² / Σ(w − ŵ)²). Outputs: the same for each layer's outputs on the " +
        'test images, float model against the dequantized golden model fed the same images, so ' +
        'errors of earlier layers are included.',
    },
    {
      title: 'Resources after synth_xilinx -family xc7 (Yosys) vs the XC7A100T',
      table: resourceTable([
        ...synthRow('MNIST decoder 16 → 256 → 784 (16-bit)', r.decoderSynth),
        ...synthRow('Iris VAE + Nexys4 DDR UART top (16-bit)', r.irisSynth),
      ]),
      caption:
        'Technology mapping only (no place and route). LUT includes LUT-RAM/SRL; block RAM in ' +
        'RAMB36 equivalents (RAMB36 + RAMB18/2). Weights sit in block-RAM ROMs read by ' +
        '$readmemh.',
    },
    {
      title: 'Bit-exact simulation against the golden model',
      table: simulationTable([
        { design: 'MNIST decoder', runs: r.decoderSims },
        { design: 'Iris VAE core (sampling, back-pressure)', runs: r.irisSims },
      ]),
      caption:
        'Every output code of every vector is compared with the integer golden model of ' +
        '@latentkit/quantize. Latency: clock cycles from the first input handshake of vector 0 to ' +
        'its last output handshake (output always ready for the MNIST decoder). MNIST vectors: ' +
        'z = μ of the first test images, from the 16-bit encoder golden model. Iris vectors: ' +
        'the 150 Iris rows, then seeded Gaussian and uniform rows; z = μ + σ·ε with the hardware ' +
        `noise lanes; random back-pressure after vector 0.${
          r.settings.irisSimulators.includes('verilator')
            ? ''
            : ' The Iris core runs in Verilator in --full mode only.'
        }`,
    },
    {
      title: 'Iris VAE Nexys4 DDR top: UART round trip',
      table: {
        columns: [
          'simulator',
          'clocks/bit',
          'vectors',
          'wrong bytes',
          'latency (cycles)',
          'result',
        ],
        rows: r.irisUart.map((u) => [
          u.simulator,
          String(u.clksPerBit),
          String(u.vectors),
          String(u.byteMismatches),
          String(u.latency),
          u.pass ? 'PASS' : `FAIL ${u.note}`,
        ]),
      },
      caption:
        "The testbench plays the PC: it sends each vector's input codes as bytes over UART_TXD_IN " +
        'and checks the bytes coming back on UART_RXD_OUT. 868 clocks/bit = 115200 baud at 100 MHz; ' +
        '16 clocks/bit is a fast divider for more vectors in the same time (the same RTL, a ' +
        'different CLKS_PER_BIT parameter).',
    },
    {
      title: 'MNIST decoder layers (16-bit)',
      table: layersTable(r.q16.decoder, r.decoder),
      caption:
        "Formats as sW.F (W bits, F fraction bits). Modelled cycles: the layer controller's model per vector.",
    },
    {
      title: `Sigmoid circuits for decoder.out (input ${formatRangeText(outLayer.activationInput)}, output ${formatToString(outLayer.activationOutput)})`,
      table: sig.table,
      caption:
        "Error of each integer unit against the exact sigmoid over the input format's range " +
        '(4096 evenly spaced codes), outputs rounded into the output format. The default is the ' +
        'most accurate unit within 1024 ROM entries and one multiplier.',
    },
    {
      title: 'Where the 5th-order Taylor sigmoid diverges (float)',
      table: taylorDivergenceTable(),
      caption:
        'σ(x) ≈ 1/2 + x/4 − x³/48 + x⁵/480 (the seed design) against PLAN, on bins of x ≥ 0 ' +
        '(errors are symmetric).',
    },
  ];
  const mnistLat = r.decoderSims.find((s) => s.ran)?.latency;
  const notes = [
    `16-bit reconstruction error vs float: MSE ${signedPercent(e(16).mseRelativeChange)}, ` +
      `BCE ${signedPercent((e(16).bce! - r.report.float.bce!) / r.report.float.bce!)} — ` +
      `${verdict.pass ? 'within' : 'NOT within'} 1% (8-bit: MSE ${signedPercent(e(8).mseRelativeChange)}; ` +
      `12-bit: ${signedPercent(e(12).mseRelativeChange)}).`,
    `MNIST decoder latency: ${mnistLat ?? '—'} cycles per image = ${mnistLat ? (mnistLat / CLOCK_MHZ).toFixed(1) : '—'} µs at ${CLOCK_MHZ} MHz.`,
    `float64 description vs the tfjs model: max |Δ E[x|z = μ]| = ${r.floatCheckMaxAbs.toExponential(2)} on ${r.decoderVectors.rows.length} test images.`,
    `Test −ELBO of the float VAE: ${r.training.test.negElbo.toFixed(2)} nats per image.`,
    `Stages (s): ${Object.entries(r.seconds)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')} (synthesis runs in a worker thread, alongside simulation).`,
    ...synthNotes,
    ...(options.quick
      ? [
          `QUICK: short training, ${r.settings.testRows} test images and ${r.settings.vectors} vectors; --full uses the whole test set and more vectors.`,
        ]
      : []),
  ];
  return {
    header: [
      r.headline,
      `hardware: the 16-bit decoder (post-processing overlapped with the MAC), ${r.decoder.layers.map((l) => `${l.layer} ${l.inFeatures}→${l.outFeatures} ×${l.lanes} lanes`).join(', ')}; Nexys4 DDR (XC7A100T) at ${CLOCK_MHZ} MHz`,
    ],
    table: {
      columns: [
        'design',
        'bit-exact vectors per simulator',
        'latency (cycles)',
        `latency (µs @ ${CLOCK_MHZ} MHz)`,
        'LUT',
        'FF',
        'DSP48E1',
        'BRAM (RAMB36 eq.)',
        'fits XC7A100T',
      ],
      rows: [
        headlineRow('MNIST decoder 16-256-784', r.decoderSims, r.decoderSynth),
        headlineRow('Iris VAE + UART top', r.irisSims, r.irisSynth),
      ],
    },
    notes,
    tables,
    figures: [r.lossFigure, stripFigure(r)],
    files: generatedFiles(r),
    results: {
      settings: r.settings,
      training: r.training,
      floatCheckMaxAbs: r.floatCheckMaxAbs,
      quantization: {
        rows: r.report.rows,
        likelihood: r.report.likelihood,
        float: r.report.float,
        entries: r.report.entries.map(({ model: _model, ...x }) => x),
        verdict16: verdict,
      },
      sigmoidCandidates: sig.rows.map(({ unit: _u, ...x }) => x),
      decoder: { layers: r.decoder.layers, io: r.decoder.io },
      simulations: {
        decoder: r.decoderSims.map(({ outputs: _o, ...x }) => x),
        iris: r.irisSims.map(({ outputs: _o, ...x }) => x),
        irisUart: r.irisUart,
      },
      synthesis: {
        decoder: r.decoderSynth.ok
          ? { resources: r.decoderSynth.result.resources, ms: r.decoderSynth.result.ms }
          : { error: r.decoderSynth.error },
        iris: r.irisSynth.ok
          ? { resources: r.irisSynth.result.resources, ms: r.irisSynth.result.ms }
          : { error: r.irisSynth.error },
      },
      seconds: r.seconds,
    },
  };
}
