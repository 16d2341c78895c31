import { describe, expect, it } from 'vitest';
import {
  candidateSettings,
  configNote,
  describeSetting,
  pickFastest,
  TUNED_ENV,
  torchEnv,
} from './torch-config.js';

describe('torchEnv', () => {
  it('adds the allocator and OpenBLAS variables for the tuned setting', () => {
    const env = torchEnv({ threads: 1, tuned: true }, { PATH: '/bin' });
    expect(env).toEqual({ PATH: '/bin', ...TUNED_ENV });
    expect(env.MALLOC_MMAP_THRESHOLD_).toBe('33554432');
    expect(env.OPENBLAS_NUM_THREADS).toBe('1');
  });

  it('removes them for the plain setting, even when the parent has them', () => {
    const env = torchEnv({ threads: 2, tuned: false }, { PATH: '/bin', OPENBLAS_NUM_THREADS: '4' });
    expect(env).toEqual({ PATH: '/bin' });
  });
});

describe('candidateSettings', () => {
  it('tries threads 1 and 2, each plain and tuned', () => {
    expect(candidateSettings().map(describeSetting)).toEqual([
      '1 thread, plain',
      '1 thread, tuned malloc + OpenBLAS 1 thread',
      '2 threads, plain',
      '2 threads, tuned malloc + OpenBLAS 1 thread',
    ]);
  });

  it('keeps only the thread count of --torch-threads', () => {
    expect(candidateSettings(3)).toEqual([
      { threads: 3, tuned: false },
      { threads: 3, tuned: true },
    ]);
  });
});

describe('pickFastest', () => {
  const s = (threads: number, tuned: boolean) => ({ threads, tuned });

  it('keeps the best round of each candidate and picks the fastest candidate', () => {
    const choice = pickFastest(
      [
        { setting: s(1, false), samplesPerSecond: 9000 },
        { setting: s(1, true), samplesPerSecond: 12000 },
        { setting: s(2, true), samplesPerSecond: 5000 }, // a loaded round…
        { setting: s(1, false), samplesPerSecond: 9500 },
        { setting: s(1, true), samplesPerSecond: 11000 },
        { setting: s(2, true), samplesPerSecond: 13000 }, // …and its unloaded one wins
      ],
      50,
      2,
    );
    expect(choice.best).toEqual(s(2, true));
    expect(choice.candidates.map((c) => c.samplesPerSecond)).toEqual([13000, 12000, 9500]);
    expect(choice.rounds).toBe(2);
  });

  it('refuses an empty list', () => {
    expect(() => pickFastest([], 50, 1)).toThrow(RangeError);
  });
});

describe('configNote', () => {
  it('names the winner with its figures and lists the others', () => {
    const choice = pickFastest(
      [
        { setting: { threads: 1, tuned: false }, samplesPerSecond: 9800 },
        { setting: { threads: 1, tuned: true }, samplesPerSecond: 14100 },
      ],
      40,
      1,
    );
    expect(configNote(choice, 13900)).toBe(
      'PyTorch best configuration: 1 thread, tuned malloc + OpenBLAS 1 thread — 14.10k samples/s ' +
        'in the probe, 13.90k in the full run; others (probe): 1 thread, plain 9.80k ' +
        '(best of 1 interleaved probe round of 40 steps per candidate)',
    );
  });
});
