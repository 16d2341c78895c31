/**
 * The report renderers other apps reuse, as the `@latentkit/bench/report` entry (built by tsup
 * into `dist/report.js` + `dist/report.d.ts`). The docs site renders its benchmark page from the
 * saved JSON with these, so the charts and tables there are the bench report's own.
 *
 * - {@link loadSavedResults}: every benchmark result (`SavedResult`) in a results folder;
 * - {@link sortResults}: results in report order;
 * - {@link figureSvg}: one saved figure (line chart, scatter plot, image grid) as SVG text;
 * - {@link htmlTable}: a saved table as an HTML `<table>`, cells escaped;
 * - {@link escapeXml}: escapes text for HTML/XML content and attributes.
 *
 * @module
 */
export type { SavedResult } from '../report.js';
export { escapeXml } from './escape-xml.js';
export type { Figure } from './figure.js';
export { htmlTable } from './html-table.js';
export { figureSvg, sortResults } from './render-report.js';
export { loadSavedResults } from './write-report.js';
