/** One direction of a VGA mode: visible span, then front porch, sync pulse and back porch. */
export interface VgaAxisTiming {
  /** Visible pixels (horizontal) or lines (vertical). */
  readonly visible: number;
  /** Front porch: blank after the visible span, before the sync pulse. */
  readonly front: number;
  /** Sync pulse width (active low in 640×480 @ 60 Hz). */
  readonly sync: number;
  /** Back porch: blank after the sync pulse, before the next visible span. */
  readonly back: number;
  /** visible + front + sync + back. */
  readonly total: number;
}

/** A VGA mode driven from the 100 MHz board clock with a pixel enable. */
export interface VgaTiming {
  /** Board clocks per pixel (the pixel enable fires every `clocksPerPixel` clocks). */
  readonly clocksPerPixel: number;
  /** Horizontal timing in pixels. */
  readonly h: VgaAxisTiming;
  /** Vertical timing in lines. */
  readonly v: VgaAxisTiming;
}

/**
 * 640×480 @ 60 Hz, the industry-standard timing: 800 pixels per line (640 visible, front porch
 * 16, HS 96, back porch 48) and 525 lines per frame (480 visible, front porch 10, VS 2, back
 * porch 33), both syncs negative (idle high). Pixel clock 25 MHz = 100 MHz / 4 (the standard's
 * 25.175 MHz gives 59.94 Hz; 25.000 MHz gives 59.52 Hz frames and 31.25 kHz lines, well inside
 * what monitors lock to).
 */
export const VGA_640X480: VgaTiming = {
  clocksPerPixel: 4,
  h: { visible: 640, front: 16, sync: 96, back: 48, total: 800 },
  v: { visible: 480, front: 10, sync: 2, back: 33, total: 525 },
};
