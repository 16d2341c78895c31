import { describe, expect, it } from 'vitest';
import { VerilogToolError } from '../errors/verilog-tool-error.js';
import { parseVgaCapture } from './vga-capture.js';
import { VGA_640X480 } from './vga-timing.js';

const LOG =
  'VGA timeout=0 cycles=1714628 idle_at=4915 hs_min=3200 hs_max=3200 hs_low_min=384 ' +
  'hs_low_max=384 vs_period=1680000 vs_low=6400';

/** Samples of a frame whose visible window starts `dx` slots late; pixel (x, y) = (x + y) % 16 or 1. */
function samples(dx = 0, grey = true): string {
  const out: string[] = [];
  for (let line = 1; line <= 525; line++) {
    for (let slot = 0; slot < 800; slot++) {
      const x = slot - 144 - dx;
      const y = line - 35;
      const hs = slot < 96 ? 0 : 1;
      let rgb = 0;
      if (x >= 0 && x < 640 && y >= 0 && y < 480) {
        const v = (x + y) % 15 || 1;
        rgb = (v << 8) | (v << 4) | (grey ? v : 0);
      }
      out.push(((1 << 13) | (hs << 12) | rgb).toString(16));
    }
  }
  return `${out.join('\n')}\n`;
}

describe('parseVgaCapture', () => {
  it('reads the visible window at the standard position and measures the porches', () => {
    const c = parseVgaCapture(LOG, samples(), VGA_640X480);
    expect(c.timedOut).toBe(false);
    expect([c.cycles, c.idleAt, c.nonGrey, c.litInBlanking]).toEqual([1714628, 4915, 0, 0]);
    expect(c.screen[0]).toBe(1);
    expect(c.screen[3 * 640 + 5]).toBe(8);
    expect(c.timing.h).toEqual({ total: 800, sync: 96, back: 48, front: 16, visible: 640 });
    expect(c.timing.v).toEqual({ total: 525, sync: 2, back: 33, front: 10, visible: 480 });
  });

  it('sees a shifted picture in the porches and the blanking, and colour as non-grey', () => {
    const c = parseVgaCapture(LOG, samples(2, false), VGA_640X480);
    expect(c.timing.h).toMatchObject({ back: 50, front: 14 });
    expect(c.litInBlanking).toBe(2 * 480);
    expect(c.nonGrey).toBe(638 * 480);
    expect(c.screen[2]).toBe(1);
  });

  it('refuses a short capture or a log without the VGA line', () => {
    expect(() => parseVgaCapture(LOG, '2000\n', VGA_640X480)).toThrow(VerilogToolError);
    expect(() => parseVgaCapture('nothing', samples(), VGA_640X480)).toThrow(/timeout=/);
  });
});
