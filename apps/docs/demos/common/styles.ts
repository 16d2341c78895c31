import { paletteColor } from '@latentkit/report';

/**
 * Default look of the demos, in the reader's colour scheme: every colour is a `--lk-*` property
 * with a light set and a dark set (`prefers-color-scheme: dark`), and every set keeps text at
 * WCAG AA contrast (≥ 4.5:1) on its background — the browser tests measure it in both schemes. A
 * host page may override any rule or property; the docs site maps them to its theme's colours, so
 * its own light/dark switch wins over the system setting.
 */
export const DEMO_CSS = `
.lk-live { --lk-fg: #1a1a1a; --lk-muted: #555; --lk-border: #c8c8c8; --lk-accent: #0068a5;
  --lk-focus: ${paletteColor(1)}; --lk-control-bg: #fff; --lk-selected-bg: #e8f1f8; --lk-code-bg: #f6f6f6;
  border: 1px solid var(--lk-border); border-radius: 6px; padding: 1rem;
  margin: 1rem 0; color: var(--lk-fg); font: 15px/1.45 system-ui, sans-serif; }
@media (prefers-color-scheme: dark) {
  .lk-live { --lk-fg: #e8e8ea; --lk-muted: #a9a9b2; --lk-border: #4b4b55; --lk-accent: #7fb2ec;
    --lk-focus: #ff8a65; --lk-control-bg: #1e1e22; --lk-selected-bg: #23364b; --lk-code-bg: #25252b; }
}
.lk-live .lk-backend, .lk-live .lk-status { color: var(--lk-muted); font-size: 0.85em; margin: 0.25rem 0; }
.lk-live .lk-body { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; }
.lk-live .lk-panel { display: flex; flex-direction: column; align-items: flex-start; gap: 0.5rem; min-width: 0; }
/* Nothing in a panel is wider than the panel (a phone is 360–390 px wide): wide tables scroll. */
.lk-live .lk-panel > * { max-width: 100%; }
.lk-live .lk-row { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
.lk-live .lk-row.lk-tight { gap: 0.5rem 0.375rem; }
.lk-live .lk-grid5 { display: grid; grid-template-columns: repeat(5, minmax(0, max-content)); gap: 0.5rem 1rem; align-items: start; }
.lk-live .lk-grid5 > * { min-width: 0; }
.lk-live .lk-control { display: flex; gap: 0.5rem; align-items: center; }
.lk-live .lk-control output { min-width: 4ch; font-variant-numeric: tabular-nums; }
.lk-live canvas { max-width: 100%; height: auto; }
.lk-live .lk-pixels { image-rendering: pixelated; image-rendering: crisp-edges; background: #000;
  border: 1px solid var(--lk-border); }
.lk-live .lk-grid { display: grid; gap: 2px; }
.lk-live figure { margin: 0; }
.lk-live figcaption { font-size: 0.85em; color: var(--lk-muted); max-width: 36em; }
.lk-live table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; font-size: 0.9em; font-variant-numeric: tabular-nums; }
.lk-live th, .lk-live td { border-bottom: 1px solid var(--lk-border); padding: 0.15rem 0.5rem; text-align: right; }
.lk-live th:first-child, .lk-live td:first-child { text-align: left; }
.lk-live tr.lk-selected { background: var(--lk-selected-bg); font-weight: 600; }
.lk-live button, .lk-live select, .lk-live input { font: inherit; }
.lk-live select, .lk-live input { color: var(--lk-fg); background: var(--lk-control-bg);
  border: 1px solid var(--lk-border); border-radius: 4px; }
.lk-live input[type="range"] { accent-color: var(--lk-accent); background: none; border: 0; max-width: 100%; }
.lk-live button { border: 1px solid var(--lk-accent); background: var(--lk-control-bg); color: var(--lk-accent);
  border-radius: 4px; padding: 0.2rem 0.7rem; cursor: pointer; }
.lk-live button:disabled { opacity: 0.5; cursor: default; }
.lk-live .lk-sample { border: 2px solid transparent; padding: 0; background: none; border-radius: 2px; }
.lk-live .lk-sample[aria-pressed="true"] { border-color: var(--lk-focus); }
.lk-live :focus-visible { outline: 3px solid var(--lk-focus); outline-offset: 2px; }
.lk-live canvas.lk-chart, .lk-live canvas.lk-plane { border: 1px solid var(--lk-border); background: #fff; }
/* The plane takes drags: a finger moves the point instead of scrolling the page. */
.lk-live canvas.lk-plane { touch-action: none; }
.lk-live canvas.lk-draw { border: 1px solid var(--lk-border); background: #000; touch-action: none; cursor: crosshair; }
.lk-live .lk-number { font-size: 1.4em; font-variant-numeric: tabular-nums; }
.lk-live pre.lk-code { max-height: 24em; overflow: auto; font-size: 0.8em; background: var(--lk-code-bg); padding: 0.5rem; }
.lk-live caption { text-align: left; font-size: 0.85em; color: var(--lk-muted); padding-bottom: 0.25rem; }
.lk-live .lk-note { font-size: 0.85em; color: var(--lk-muted); max-width: 40em; }
.lk-live .lk-legend { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; font-size: 0.85em; }
.lk-live .lk-swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 0.25em; vertical-align: -0.05em; }
`;

/** Adds {@link DEMO_CSS} to the document once (a `<style id="lk-demo-styles">` in `<head>`). */
export function injectDemoStyles(doc: Document): void {
  if (doc.getElementById('lk-demo-styles')) return;
  const style = doc.createElement('style');
  style.id = 'lk-demo-styles';
  style.textContent = DEMO_CSS;
  doc.head.append(style);
}
