/**
 * At most one request in flight, the latest one waiting: how the latent explorer asks the model
 * worker for a decoding per pointer move. Moves that arrive while a decode runs replace each
 * other; when the decode comes back it is shown and the latest move is sent, so the page never
 * queues stale work and the decoding follows the pointer. No DOM and no model (tested in Node).
 */

/** How long a shown result took. */
export interface RequestTiming {
  /** From sending the request to showing its result, ms. */
  roundTripMs: number;
  /** From the first `request` this result answers (it may have waited for an earlier one), ms. */
  waitedMs: number;
}

/** What {@link latestRequests} returns. */
export interface LatestRequests<A> {
  /**
   * Asks for `args`: sent now if nothing is in flight, else it replaces the request waiting.
   * Resolves when a result answering it (its own or a later request's) was shown — with true —
   * or when that request failed or was dropped — with false.
   */
  request(args: A): Promise<boolean>;
  /** Requests sent so far (the others were replaced while waiting). */
  readonly sent: number;
  /** Drops the waiting request; results arriving later are not shown. */
  dispose(): void;
}

/** The callbacks of {@link latestRequests}. */
export interface LatestRequestHandlers<A, R> {
  /** Does the work (e.g. a model-worker call). */
  run: (args: A) => Promise<R>;
  /** Shows a result. */
  show: (result: R, args: A, timing: RequestTiming) => void;
  /** Reports a failed request (or a `show` that threw); the next request is still sent. */
  fail: (error: unknown) => void;
  /** The clock, ms. Default `performance.now`. */
  now?: () => number;
}

interface Job<A> {
  args: A;
  askedAt: number;
  answered: ((shown: boolean) => void)[];
}

/**
 * Makes a queue of length one in front of `run`: see {@link LatestRequests}.
 *
 * @param handlers - See {@link LatestRequestHandlers}.
 */
export function latestRequests<A, R>(handlers: LatestRequestHandlers<A, R>): LatestRequests<A> {
  const { run, show, fail } = handlers;
  const now = handlers.now ?? (() => performance.now());
  let inFlight = false;
  let waiting: Job<A> | undefined;
  let disposed = false;
  let sent = 0;
  const send = (job: Job<A>) => {
    inFlight = true;
    sent++;
    const sentAt = now();
    const settle = (shown: boolean) => {
      inFlight = false;
      for (const answered of job.answered) answered(shown);
      const next = waiting;
      waiting = undefined;
      if (next && !disposed) send(next);
    };
    run(job.args).then(
      (result) => {
        let shown = false;
        try {
          if (!disposed) {
            const t = now();
            show(result, job.args, { roundTripMs: t - sentAt, waitedMs: t - job.askedAt });
            shown = true;
          }
        } catch (error) {
          fail(error);
        }
        settle(shown);
      },
      (error: unknown) => {
        if (!disposed) fail(error);
        settle(false);
      },
    );
  };
  return {
    request(args) {
      return new Promise<boolean>((resolve) => {
        if (disposed) return resolve(false);
        if (waiting) {
          waiting.args = args;
          waiting.answered.push(resolve);
        } else {
          waiting = { args, askedAt: now(), answered: [resolve] };
        }
        if (!inFlight) {
          const job = waiting;
          waiting = undefined;
          send(job);
        }
      });
    },
    get sent() {
      return sent;
    },
    dispose() {
      disposed = true;
      const dropped = waiting;
      waiting = undefined;
      for (const answered of dropped?.answered ?? []) answered(false);
    },
  };
}
