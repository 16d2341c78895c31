import type { QuantizedVae } from '@latentkit/quantize';
import {
  greyLevel,
  mlpVectors,
  nexysVgaTop,
  type VerilogDesign,
  type VgaBoardDesign,
  type VgaMeasuredTiming,
  vgaScreen,
  type WalkAction,
  walkLatent,
} from '@latentkit/verilog';
import { availableSimulators, simulateVgaFrame } from '@latentkit/verilog/node';
import { decoderVectors } from '../../hardware/decoder-vectors.js';

/** One frame of the MNIST VGA top, captured from its pins in simulation. */
export interface VgaFrameRun {
  /** Simulator used (`'none'` when none could run). */
  simulator: 'verilator' | 'cxxrtl' | 'none';
  /** What the simulated user did. */
  walk: string;
  /** Digits of the start vectors (SW[15:12] = index). */
  startDigits: number[];
  /** The latent codes shown. */
  z: number[];
  /** The captured frame equals the golden picture, the syncs have the standard timing. */
  pass: boolean;
  /** Visible pixels that differ from the golden picture. */
  differing: number;
  /** Visible pixels with R ≠ G or G ≠ B, and lit samples in the blanking intervals. */
  nonGrey: number;
  litInBlanking: number;
  /** Timing measured from the pins (absent when the run failed). */
  timing?: VgaMeasuredTiming;
  /** Build and simulation wall time, ms; clocks simulated; clock at which the image was decoded. */
  compileMs: number;
  runMs: number;
  cycles: number;
  idleAt: number;
  /** 640×480 grey levels 0…15: as captured (empty when the run failed) and golden. */
  captured: Uint8Array;
  golden: Uint8Array;
  /** Why it failed, else empty. */
  note: string;
}

/** The standard's timing, as `parseVgaCapture` reports a correct frame. */
const STANDARD = {
  hsPeriodClocks: [3200, 3200],
  hsLowClocks: [384, 384],
  vsPeriodClocks: 3200 * 525,
  vsLowClocks: 3200 * 2,
  h: { total: 800, sync: 96, back: 48, front: 16, visible: 640 },
  v: { total: 525, sync: 2, back: 33, front: 10, visible: 480 },
};

/** Test rows of the first image of each digit 0…9 among `labels` (digits missing are skipped). */
export function firstOfEachDigit(labels: Uint8Array): { rows: number[]; digits: number[] } {
  const rows: number[] = [];
  const digits: number[] = [];
  for (let d = 0; d < 10; d++) {
    const i = labels.indexOf(d);
    if (i >= 0) {
      rows.push(i);
      digits.push(d);
    }
  }
  return { rows, digits };
}

/**
 * The MNIST decoder's VGA top: start vectors z = μ (codes) of the first test image of each
 * digit, selectable on SW[15:12].
 */
export function mnistVgaTop(
  q16: QuantizedVae,
  decoder: VerilogDesign,
  test: Float32Array,
  labels: Uint8Array,
): { board: VgaBoardDesign; digits: number[] } {
  const { rows, digits } = firstOfEachDigit(labels);
  const z = decoderVectors(q16, test, rows).vectors.inputs;
  return { board: nexysVgaTop(decoder, { name: 'mnist_vga', startVectors: z }), digits };
}

/**
 * Simulates one frame of the VGA top with the fastest simulator installed (Verilator, else
 * CXXRTL): the user selects the start vector of digit `digits[sel]` with SW[15:12], presses BTNC,
 * then steps latent dimension 0 up once; the frame captured from the pins is compared pixel for
 * pixel with the golden picture (the golden model's codes of that vector → `greyLevel` →
 * `vgaScreen`). A failing tool gives a failed run with its note, not an exception.
 */
export async function vgaFrame(
  q16: QuantizedVae,
  board: VgaBoardDesign,
  digits: number[],
): Promise<VgaFrameRun> {
  const sel = Math.min(5, digits.length - 1);
  const sw = (sel << 12) | 0;
  const actions: WalkAction[] = [
    { switches: sw, button: 'center' },
    { switches: sw, button: 'up' },
  ];
  const z = walkLatent(board.vga.controls, 0, actions);
  const codes = mlpVectors(q16.decoder, [z]).expected[0]!;
  const golden = vgaScreen(
    codes.map((c) => greyLevel(c, board.io.outputFormat)),
    board.vga.layout,
  );
  const have = availableSimulators();
  const simulator = have.verilator ? 'verilator' : have.cxxrtl ? 'cxxrtl' : 'none';
  const walk = `SW[15:12] = ${sel} (digit ${digits[sel]}), BTNC, then SW[3:0] = 0 and BTNU (z0 + ${board.vga.controls.step} codes)`;
  const base = { simulator, walk, startDigits: digits, z, golden } as const;
  const failed = (note: string): VgaFrameRun => ({
    ...base,
    pass: false,
    differing: golden.length,
    nonGrey: 0,
    litInBlanking: 0,
    compileMs: 0,
    runMs: 0,
    cycles: 0,
    idleAt: 0,
    captured: new Uint8Array(0),
    note,
  });
  if (simulator === 'none') return failed('neither Verilator nor a C++ compiler is installed');
  try {
    console.log(`verilog: MNIST VGA top: one frame in ${simulator}…`);
    const r = await simulateVgaFrame(board, { simulator, actions });
    let differing = 0;
    for (let i = 0; i < golden.length; i++) if (r.screen[i] !== golden[i]) differing++;
    const timingOk = JSON.stringify(r.timing) === JSON.stringify(STANDARD);
    return {
      ...base,
      pass: !r.timedOut && differing === 0 && r.nonGrey === 0 && r.litInBlanking === 0 && timingOk,
      differing,
      nonGrey: r.nonGrey,
      litInBlanking: r.litInBlanking,
      timing: r.timing,
      compileMs: r.compileMs,
      runMs: r.runMs,
      cycles: r.cycles,
      idleAt: r.idleAt,
      captured: r.screen,
      note: r.timedOut ? 'timed out' : timingOk ? '' : 'sync timing differs from the standard',
    };
  } catch (error) {
    return failed(error instanceof Error ? error.message.slice(0, 400) : String(error));
  }
}
