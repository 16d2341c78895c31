import { VerilogToolError } from '../errors/verilog-tool-error.js';
import type { VgaTiming } from './vga-timing.js';

/** Timing of a captured frame, measured from the pins. */
export interface VgaMeasuredTiming {
  /** Clocks between falling edges of HS over the frame: min and max (3200 expected). */
  hsPeriodClocks: [number, number];
  /** Clocks HS stays low: min and max (384 expected). */
  hsLowClocks: [number, number];
  /** Clocks between two falling edges of VS (1,680,000 expected). */
  vsPeriodClocks: number;
  /** Clocks VS stays low (6400 expected). */
  vsLowClocks: number;
  /** Pixels per line, sync, back porch and front porch, from the edges and the lit area. */
  h: {
    /** Pixels per line in all. */
    total: number;
    /** Sync pulse (pixels). */
    sync: number;
    /** Back porch (pixels). */
    back: number;
    /** Front porch (pixels). */
    front: number;
    /** Lit (visible) pixels. */
    visible: number;
  };
  /** Lines per frame, sync, back porch and front porch, from the edges and the lit area. */
  v: {
    /** Lines per frame in all. */
    total: number;
    /** Sync pulse (lines). */
    sync: number;
    /** Back porch (lines). */
    back: number;
    /** Front porch (lines). */
    front: number;
    /** Lit (visible) lines. */
    visible: number;
  };
}

/** A frame captured from the VGA pins by the monitor harness of `vgaBench`. */
export interface VgaCapture {
  /** The run hit its cycle limit. */
  timedOut: boolean;
  /** Clocks simulated after reset. */
  cycles: number;
  /** Clock at which the board was idle (image decoded), after reset. */
  idleAt: number;
  /** The visible 640×480 window at the standard's position: grey level (R) per pixel, row-major. */
  screen: Uint8Array;
  /** Visible pixels whose R, G, B differ (0 for a grey image). */
  nonGrey: number;
  /** Samples in the blanking intervals with any colour bit set (0 expected). */
  litInBlanking: number;
  /** Timing measured from the pins. */
  timing: VgaMeasuredTiming;
}

const field = (log: string, name: string): number => {
  const m = new RegExp(`\\b${name}=(\\d+)`).exec(log);
  if (!m)
    throw new VerilogToolError('vga', `no ${name}= in the VGA line:\n${log.slice(-1000)}`, log);
  return Number(m[1]);
};

// long: one pass over the samples that fills the screen and every blanking/lit-area count;
// splitting it would mean walking the 420,000 samples several times.
/**
 * Reads what the `vgaBench` drivers wrote: the `VGA …` line of the log and the samples (one hex
 * word `{vs, hs, r[3:0], g[3:0], b[3:0]}` per pixel slot, 800 per line, lines 1…525 after the
 * falling edge of VS). The visible window is taken where the standard puts it (line
 * `sync + back + y` after VS, slot `sync + back + x` after HS); the porches are measured
 * independently, from where the lit area starts and ends.
 *
 * @throws {@link VerilogToolError} when the log has no `VGA` line or the sample count is wrong
 *   (and the run did not time out).
 *
 * @example
 * ```ts
 * import { VGA_640X480, parseVgaCapture } from '@latentkit/verilog';
 *
 * const capture = parseVgaCapture(log, samplesHex, VGA_640X480); // what the vgaBench drivers wrote
 * capture.screen; // Uint8Array(640 · 480) of grey levels 0…15
 * ```
 */
export function parseVgaCapture(log: string, samplesHex: string, t: VgaTiming): VgaCapture {
  const timedOut = field(log, 'timeout') !== 0;
  const words = samplesHex
    .split('\n')
    .filter((l) => /^[0-9a-fA-F]+$/.test(l.trim()))
    .map((l) => Number.parseInt(l, 16));
  const slots = t.h.total;
  const lines = t.v.total;
  if (!timedOut && words.length !== slots * lines) {
    throw new VerilogToolError(
      'vga',
      `expected ${slots * lines} samples, got ${words.length}`,
      log,
    );
  }
  const cpp = t.clocksPerPixel;
  const hsLow: [number, number] = [field(log, 'hs_low_min'), field(log, 'hs_low_max')];
  const vsLow = field(log, 'vs_low');
  const vsPeriod = field(log, 'vs_period');
  const hsPeriod: [number, number] = [field(log, 'hs_min'), field(log, 'hs_max')];
  const W = t.h.visible;
  const H = t.v.visible;
  const screen = new Uint8Array(W * H);
  const y0 = t.v.sync + t.v.back; // 1-based line after VS whose slots hold visible line 0
  const x0 = t.h.sync + t.h.back;
  let nonGrey = 0;
  let litInBlanking = 0;
  let firstSlot = Number.POSITIVE_INFINITY;
  let lastSlot = -1;
  let firstLine = Number.POSITIVE_INFINITY;
  let lastLine = -1;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const line = Math.floor(i / slots) + 1;
    const slot = i % slots;
    const r = (w >> 8) & 15;
    const g = (w >> 4) & 15;
    const b = w & 15;
    const x = slot - x0;
    const y = line - y0;
    const lit = (w & 0xfff) !== 0;
    if (lit) {
      firstSlot = Math.min(firstSlot, slot);
      lastSlot = Math.max(lastSlot, slot);
      firstLine = Math.min(firstLine, line);
      lastLine = Math.max(lastLine, line);
    }
    if (x >= 0 && x < W && y >= 0 && y < H) {
      screen[y * W + x] = r;
      if (r !== g || g !== b) nonGrey++;
    } else if (lit) litInBlanking++;
  }
  const hTotal = hsPeriod[1] / cpp;
  const hSync = hsLow[1] / cpp;
  const vTotal = vsPeriod / (hTotal * cpp);
  const vSync = vsLow / (hTotal * cpp);
  const hVisible = lastSlot - firstSlot + 1;
  const vVisible = lastLine - firstLine + 1;
  return {
    timedOut,
    cycles: field(log, 'cycles'),
    idleAt: field(log, 'idle_at'),
    screen,
    nonGrey,
    litInBlanking,
    timing: {
      hsPeriodClocks: hsPeriod,
      hsLowClocks: hsLow,
      vsPeriodClocks: vsPeriod,
      vsLowClocks: vsLow,
      h: {
        total: hTotal,
        sync: hSync,
        back: firstSlot - hSync,
        front: hTotal - 1 - lastSlot,
        visible: hVisible,
      },
      v: {
        total: vTotal,
        sync: vSync,
        back: firstLine - vSync,
        front: vTotal - vSync - (firstLine - vSync) - vVisible,
        visible: vVisible,
      },
    },
  };
}
