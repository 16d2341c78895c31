import { describe, expect, it } from 'vitest';
import { latestRequests, type RequestTiming } from './latest-requests.js';

/** A `run` whose calls resolve when the test says so. */
function controlledRun() {
  const calls: { args: number; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const run = (args: number) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ args, resolve, reject });
    });
  return { calls, run };
}

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe('latestRequests', () => {
  it('keeps one request in flight and sends only the latest of those that waited', async () => {
    const { calls, run } = controlledRun();
    const shown: [string, number][] = [];
    const q = latestRequests({ run, show: (r, a) => shown.push([r, a]), fail: () => {} });
    const answered: number[] = [];
    for (const z of [1, 2, 3, 4]) {
      void q.request(z).then((shown) => {
        expect(shown).toBe(true);
        answered.push(z);
      });
    }
    expect(calls.map((c) => c.args)).toEqual([1]); // 2 and 3 were replaced by 4 while 1 ran
    calls[0]!.resolve('one');
    await flush();
    expect(shown).toEqual([['one', 1]]);
    expect(answered).toEqual([1]);
    expect(calls.map((c) => c.args)).toEqual([1, 4]);
    calls[1]!.resolve('four');
    await flush();
    expect(shown).toEqual([
      ['one', 1],
      ['four', 4],
    ]);
    expect(answered).toEqual([1, 2, 3, 4]); // the replaced requests are answered by the latest
    expect(q.sent).toBe(2);
    void q.request(5); // idle again: sent at once
    expect(calls.map((c) => c.args)).toEqual([1, 4, 5]);
  });

  it('times the round trip and the wait of the oldest request a result answers', async () => {
    const { calls, run } = controlledRun();
    let clock = 0;
    const timings: RequestTiming[] = [];
    const q = latestRequests({
      run,
      show: (_r, _a, t) => timings.push(t),
      fail: () => {},
      now: () => clock,
    });
    void q.request(1); // sent at 0
    clock = 2;
    void q.request(2); // waits from 2
    clock = 3;
    void q.request(3); // replaces 2, still waiting since 2
    clock = 5;
    calls[0]!.resolve('a'); // shown at 5; 3 is sent at 5
    await flush();
    clock = 6;
    calls[1]!.resolve('b');
    await flush();
    expect(timings).toEqual([
      { roundTripMs: 5, waitedMs: 5 },
      { roundTripMs: 1, waitedMs: 4 },
    ]);
  });

  it('reports failures and goes on with the waiting request; shows nothing after dispose', async () => {
    const { calls, run } = controlledRun();
    const shown: string[] = [];
    const errors: unknown[] = [];
    const q = latestRequests({
      run,
      show: (r) => {
        if (r === 'bad') throw new Error('cannot draw');
        shown.push(r);
      },
      fail: (e) => errors.push(e),
    });
    const first = q.request(1);
    const second = q.request(2);
    calls[0]!.reject(new Error('worker gone'));
    await flush();
    expect((errors[0] as Error).message).toBe('worker gone');
    expect(await first).toBe(false); // answered, but nothing was shown
    calls[1]!.resolve('bad');
    await flush();
    expect((errors[1] as Error).message).toBe('cannot draw');
    expect(await second).toBe(false);
    const third = q.request(3);
    const waitingAnswered = q.request(4);
    q.dispose();
    expect(await waitingAnswered).toBe(false); // a dropped request is answered, not left hanging
    calls[2]!.resolve('three');
    await flush();
    expect(shown).toEqual([]);
    expect(calls).toHaveLength(3);
    expect(await third).toBe(false); // its result came after dispose: not shown
    expect(await q.request(5)).toBe(false); // after dispose: answered at once, not sent
    expect(calls).toHaveLength(3);
  });
});
