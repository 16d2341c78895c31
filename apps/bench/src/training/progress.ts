import { Presets, SingleBar } from 'cli-progress';

/** A progress display for one epoch of training. */
export interface EpochProgress {
  /** After each batch: batches done so far and the batch loss (nats per example). */
  batch(done: number, loss: number): void;
  /** Ends the epoch's bar and prints one summary line. */
  done(summary: string): void;
}

/**
 * A progress bar over an epoch's batches (`cli-progress`) when stdout is a terminal; otherwise
 * (CI, pipes, files) no bar, just the summary line at the end of each epoch.
 *
 * @param label - Shown before the bar, e.g. `"seed 1 epoch 3/10"`.
 * @param totalBatches - Batches in the epoch.
 * @param tty - Whether to draw a bar. Default: `process.stdout.isTTY`.
 */
export function epochProgress(
  label: string,
  totalBatches: number,
  tty: boolean = process.stdout.isTTY === true,
): EpochProgress {
  if (!tty) {
    return {
      batch() {},
      done(summary) {
        console.log(summary);
      },
    };
  }
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} batches | loss {loss} | eta {eta}s`,
      stream: process.stdout,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  bar.start(totalBatches, 0, { loss: '–' });
  return {
    batch(done, loss) {
      bar.update(done, { loss: loss.toFixed(2) });
    },
    done(summary) {
      bar.stop();
      console.log(summary);
    },
  };
}
