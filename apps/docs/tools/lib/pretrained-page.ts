// The pretrained-models page's body, rendered from the manifest the pretraining script writes.
import type { ModelManifest } from '../../demos/common/model-manifest.ts';
import { escapeForPage } from './escape-for-page.js';

export type { ModelManifest };

/** Text for a Markdown table cell: escaped, with `|` escaped too. */
function cell(text: string): string {
  return escapeForPage(text).replace(/\|/g, '\\|');
}

function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(2)} MiB`;
  if (bytes >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(1)} KiB`;
  return `${bytes} B`;
}

function formatScore(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(3);
  return Number.isInteger(value) ? String(value) : value.toFixed(abs < 1 ? 4 : 2);
}

/** Whether parsed JSON looks like a manifest this page can render. */
export function isModelManifest(value: unknown): value is ModelManifest {
  const v = value as Partial<ModelManifest> | null;
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof v.models === 'object' &&
    v.models !== null &&
    typeof v.command === 'string'
  );
}

/**
 * Renders the pretrained models: how to regenerate them, then per model its file, size,
 * parameter count, seed, epochs, steps, training time and every score with what it was computed
 * on; then the shipped data files. Without a manifest it says the models are not in this build.
 */
export function renderPretrainedBody(manifest: ModelManifest | undefined): string {
  if (!manifest) {
    return [
      '::: warning No pretrained models in this build',
      'The site was built before the pretraining script wrote `apps/docs/assets/models/manifest.json`;',
      'the demos that need a pretrained model cannot start. See "Regenerating" below.',
      ':::',
      '',
    ].join('\n');
  }
  const out: string[] = [];
  out.push(
    'Every file below was written by one deterministic command (same seed → same weights on the same',
    'backend):',
    '',
    '```sh',
    manifest.command,
    '```',
    '',
    `Last run on ${manifest.machine.cores} cores, Node ${escapeForPage(manifest.machine.node)} (${escapeForPage(manifest.machine.platform)}).`,
    '',
  );
  for (const [id, m] of Object.entries(manifest.models)) {
    if (!m) continue;
    const t = m.training;
    out.push(
      `### ${escapeForPage(t.title || id)} {#model-${id.replace(/[^A-Za-z0-9-]/g, '-')}}`,
      '',
    );
    out.push(
      `\`models/${m.file}\` · ${formatBytes(m.bytes)} · ${m.parameters.toLocaleString('en-GB')} ` +
        `parameters (${t.weightDtype}) · seed ${t.seed} · ${t.epochs} epochs ` +
        `(${t.steps} steps of ${t.batchSize}, Adam lr ${t.lr}) · trained in ${t.trainSeconds.toFixed(0)} s`,
      '',
      `Data: ${escapeForPage(t.data)}.`,
      '',
    );
    if (t.objective && Object.keys(t.objective).length > 0) {
      // Inside a code span Markdown escapes HTML itself.
      out.push(`Objective: \`${JSON.stringify(t.objective)}\`.`, '');
    }
    const scores = Object.entries(t.scores);
    if (scores.length > 0) {
      out.push('| score | value | computed on |', '| --- | ---: | --- |');
      for (const [name, value] of scores) {
        out.push(
          `| \`${cell(name)}\` | ${formatScore(value)} | ${cell(t.scoreNotes?.[name] ?? '')} |`,
        );
      }
      out.push('');
    }
  }
  const data = Object.entries(manifest.data);
  if (data.length > 0) {
    out.push('### Data files', '', '| file | size | what it holds |', '| --- | ---: | --- |');
    for (const [, d] of data) {
      out.push(`| \`data/${cell(d.file)}\` | ${formatBytes(d.bytes)} | ${cell(d.description)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
