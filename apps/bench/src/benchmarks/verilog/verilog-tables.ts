import { formatToString, type QuantizedMlp } from '@latentkit/quantize';
import type { VerilogDesign } from '@latentkit/verilog';
import type { BenchTable, NamedTable } from '../../benchmark.js';
import { reconstructionTable, sqnrTable } from '../../hardware/error-tables.js';
import { resourceTable, type SynthesizedDesign } from '../../hardware/resource-table.js';
import {
  formatRangeText,
  type sigmoidVariantsTable,
  taylorDivergenceTable,
} from '../../hardware/sigmoid-tables.js';
import { simulationTable } from '../../hardware/simulation-table.js';
import { lanesTable } from './lanes-table.js';
import { CLOCK_MHZ } from './measure-verilog.js';
import { timingTable } from './timing-table.js';
import type { SynthesisOutcome, VerilogRun } from './verilog-run.js';

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

/** The resources of each design that synthesized (failed ones are left out). */
export function synthRow(name: string, s: SynthesisOutcome): SynthesizedDesign[] {
  return s.ok ? [{ design: name, resources: s.result.resources }] : [];
}

/** Reconstruction error and per-layer SQNR of the quantized models. */
export function errorTables(r: VerilogRun): NamedTable[] {
  return [
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
  ];
}

/** Resources, bit-exact simulation and the UART round trip. */
export function hardwareTables(r: VerilogRun): NamedTable[] {
  return [
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
      title: 'Static timing estimate (Yosys sta, 7-series cell delays, logic only)',
      table: timingTable([
        {
          design: 'MNIST decoder',
          timing: r.decoderSynth.ok ? r.decoderSynth.result.timing : undefined,
        },
        {
          design: 'Iris VAE + Nexys4 DDR UART top',
          timing: r.irisSynth.ok ? r.irisSynth.result.timing : undefined,
        },
        ...(r.vga
          ? [
              {
                design: 'MNIST decoder + Nexys4 DDR VGA top',
                timing: r.vga.synth.ok ? r.vga.synth.result.timing : undefined,
              },
            ]
          : []),
      ]),
      caption:
        'After synth_xilinx: read_verilog -lib -specify +/xilinx/cells_sim.v; sta. Worst ' +
        'register-to-register path from the clock pin of the launching cell, cell delays only (no ' +
        `routing, no setup). Budget ${r.decoderSynth.ok && r.decoderSynth.result.timing ? r.decoderSynth.result.timing.budgetNs : 6.5} ns of the ${1000 / CLOCK_MHZ} ns period at ${CLOCK_MHZ} MHz leaves the rest ` +
        'for routing. Yosys reports the one critical path; "endpoints over" counts arrival-histogram ' +
        'bins wholly above the budget.',
    },
    ...(r.lanes && r.lanes.length > 0
      ? [
          {
            title: 'MNIST decoder: MAC lanes per layer vs resources, cycles and timing',
            table: lanesTable(r.lanes, CLOCK_MHZ),
            caption:
              'Each row is the same 16-bit decoder (16 → 256 → 784, post-processing overlapped) ' +
              'generated with other MAC lane counts and synthesized with Yosys; cycles per image ' +
              "are the layers' modelled computeCycles summed (the simulations measure the default " +
              `point's latency). First row: the lanes in hardware (${r.lanes[0]!.lanes.join(' / ')}).` +
              (r.settings.lanesPoints.length < 3 ? ' QUICK: fewer points; --full adds more.' : ''),
          },
        ]
      : []),
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
          u.pass ? `PASS${u.note ? ` (${u.note})` : ''}` : `FAIL ${u.note}`,
        ]),
      },
      caption:
        'The testbench plays the PC: it sends each vector as a request frame (0x7E, tag, codes, CRC-8) over UART_TXD_IN ' +
        'and checks the reply frames coming back on UART_RXD_OUT; the run with faults loses exactly the frames they hit. 868 clocks/bit = 115200 baud at 100 MHz; ' +
        '16 clocks/bit is a fast divider for more vectors in the same time (the same RTL, a ' +
        'different CLKS_PER_BIT parameter).',
    },
  ];
}

/** The decoder's layers, its sigmoid units and where the Taylor sigmoid diverges. */
export function designTables(
  r: VerilogRun,
  sig: ReturnType<typeof sigmoidVariantsTable>,
): NamedTable[] {
  const outLayer = r.q16.decoder.layers.at(-1)!;
  return [
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
}
