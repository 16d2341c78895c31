/**
 * Small DOM builders shared by the demos (plain DOM, no framework): every control is a real,
 * labelled `<input type=range>`, `<button>` or `<select>`, so it works with the keyboard and
 * screen readers.
 */

type Attrs = Record<string, string | number | boolean | undefined>;

let nextId = 0;

/** A unique element id with a prefix (for `<label for>` and `aria-describedby`). */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/**
 * Creates an element with attributes (`class`, `data-*`, `aria-*`, boolean attributes when
 * `true`) and children (nodes or text).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) el.append(c);
  return el;
}

/** A labelled range slider with its current value shown beside it. */
export interface RangeControl {
  /** The wrapper (label, input, output). */
  root: HTMLElement;
  input: HTMLInputElement;
  /** Sets the value (without firing the callback) and updates the shown text. */
  set(value: number): void;
  /** The current value. */
  value(): number;
}

/** Options of {@link rangeControl}. */
export interface RangeOptions {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  /** Text shown for a value. Default `String(v)`. */
  format?: (v: number) => string;
  /** Called on every change (input event). */
  onInput: (v: number) => void;
}

/** A labelled `<input type=range>` with an `<output>`. */
export function rangeControl(options: RangeOptions): RangeControl {
  const id = uniqueId('lk-range');
  const format = options.format ?? String;
  const input = h('input', {
    type: 'range',
    id,
    min: options.min,
    max: options.max,
    step: options.step,
    value: options.value,
  });
  const output = h('output', { for: id }, format(options.value));
  const sync = () => {
    output.textContent = format(Number(input.value));
    input.setAttribute('aria-valuetext', format(Number(input.value)));
  };
  sync();
  input.addEventListener('input', () => {
    sync();
    options.onInput(Number(input.value));
  });
  const root = h(
    'div',
    { class: 'lk-control' },
    h('label', { for: id }, options.label),
    input,
    output,
  );
  return {
    root,
    input,
    set(value: number) {
      input.value = String(value);
      sync();
    },
    value: () => Number(input.value),
  };
}

/** A labelled `<select>`. */
export function selectControl(
  label: string,
  options: { value: string; text: string }[],
  value: string,
  onChange: (v: string) => void,
): { root: HTMLElement; select: HTMLSelectElement } {
  const id = uniqueId('lk-select');
  const select = h('select', { id });
  for (const o of options) select.append(h('option', { value: o.value }, o.text));
  select.value = value;
  select.addEventListener('change', () => onChange(select.value));
  return {
    root: h('div', { class: 'lk-control' }, h('label', { for: id }, label), select),
    select,
  };
}

/** A labelled numeric `<input type=number>`. */
export function numberControl(
  label: string,
  value: number,
  attrs: { min?: number; max?: number; step?: number },
  onChange: (v: number) => void,
): { root: HTMLElement; input: HTMLInputElement } {
  const id = uniqueId('lk-number');
  const input = h('input', { type: 'number', id, value, ...attrs });
  input.style.width = '7em';
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (Number.isFinite(v)) onChange(v);
  });
  return { root: h('div', { class: 'lk-control' }, h('label', { for: id }, label), input), input };
}

/** A `<button type=button>`. */
export function button(text: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, text);
  b.addEventListener('click', onClick);
  return b;
}

/**
 * A canvas that shows a `width × height` image scaled up by CSS without smoothing (the canvas
 * keeps its native resolution, so its pixels can be read back exactly).
 */
export function pixelCanvas(
  width: number,
  height: number,
  displaySize: number,
  label: string,
): HTMLCanvasElement {
  const canvas = h('canvas', {
    width,
    height,
    class: 'lk-pixels',
    role: 'img',
    'aria-label': label,
  });
  canvas.style.width = `${displaySize}px`;
  return canvas;
}

/** Puts RGBA bytes on a canvas of the same size. */
export function putRgba(canvas: HTMLCanvasElement, rgba: Uint8ClampedArray<ArrayBuffer>): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.putImageData(new ImageData(rgba, canvas.width, canvas.height), 0, 0);
}

/** A figure with a caption. */
export function figure(caption: string, ...content: Node[]): HTMLElement {
  return h('figure', { class: 'lk-figure' }, ...content, h('figcaption', {}, caption));
}

/** Formats a number with `digits` decimals and a true minus sign. */
export function fmt(v: number, digits = 2): string {
  return v.toFixed(digits).replace('-', '−');
}
