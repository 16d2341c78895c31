import { configNote, describeSetting } from '../../training/torch-config.js';
import type { TorchVqvaeOutcome } from '../../vqvae/torch-vqvae.js';
import type { VqvaeRunData } from './train-vqvae.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** latentkit's EMA + restarts run against its PyTorch twin: speed ratio and test figures. */
export interface TorchVqvaeComparison {
  /** latentkit samples/s ÷ PyTorch samples/s (> 1: latentkit faster). */
  ratio: number;
  ours: { samplesPerSecond: number; nmse: number; usage: number; perplexity: number };
  torch: { samplesPerSecond: number; nmse: number; usage: number; perplexity: number };
}

/** The comparison's figures, or `undefined` when PyTorch did not run. */
export function compareTorchVqvae(
  restart: Pick<VqvaeRunData, 'epochs' | 'samplesPerSecond'>,
  outcome: TorchVqvaeOutcome,
): TorchVqvaeComparison | undefined {
  if (!outcome.ran || !outcome.result.test) return undefined;
  const last = restart.epochs[restart.epochs.length - 1]!.test;
  const t = outcome.result;
  return {
    ratio: restart.samplesPerSecond / t.samples_per_second,
    ours: { samplesPerSecond: restart.samplesPerSecond, ...last },
    torch: { samplesPerSecond: t.samples_per_second, ...t.test! },
  };
}

/**
 * The PyTorch twin's table row (the vqvae table's columns; no train usage) and the notes: the
 * throughput ratio against PyTorch's best configuration, the quality side by side and the
 * configuration probe — or why PyTorch did not run.
 */
export function torchVqvaeSection(
  restart: Pick<VqvaeRunData, 'epochs' | 'samplesPerSecond'>,
  outcome: TorchVqvaeOutcome,
): { rows: string[][]; notes: string[] } {
  const c = compareTorchVqvae(restart, outcome);
  if (!outcome.ran || !c) {
    const reason = outcome.ran ? 'it printed no test figures' : outcome.reason;
    return { rows: [], notes: [`PyTorch twin of EMA + restarts not run: ${reason}.`] };
  }
  const { result: t, config } = outcome;
  const best = describeSetting(config.best);
  const seconds = t.epochs.reduce((s, e) => s + e.seconds, 0);
  return {
    rows: [
      [
        `PyTorch ${t.torch_version} EMA + restarts (${best})`,
        c.torch.nmse.toFixed(4),
        c.torch.perplexity.toFixed(1),
        pct(c.torch.usage),
        '–',
        String(t.epochs.reduce((s, e) => s + e.restarted, 0)),
        String(Math.round(c.torch.samplesPerSecond)),
        seconds.toFixed(0),
      ],
    ],
    notes: [
      `EMA + restarts, latentkit ${Math.round(c.ours.samplesPerSecond)} samples/s, PyTorch ` +
        `${Math.round(c.torch.samplesPerSecond)} samples/s (best config: ${best}): ratio ` +
        `${c.ratio.toFixed(2)}× (same architecture, quantizer, loss, data and ${t.epochs.length} epochs; python/torch_vqvae.py)`,
      `quality after ${t.epochs.length} epochs, latentkit vs PyTorch: test NMSE ${c.ours.nmse.toFixed(4)} vs ` +
        `${c.torch.nmse.toFixed(4)}, usage ${pct(c.ours.usage)} vs ${pct(c.torch.usage)}, perplexity ` +
        `${c.ours.perplexity.toFixed(1)} vs ${c.torch.perplexity.toFixed(1)} (one seed each, different random streams)`,
      configNote(config, c.torch.samplesPerSecond),
    ],
  };
}
