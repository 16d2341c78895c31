/**
 * Browser-test probe of a page's main-thread tasks (playwright-core, Node side), from a Chrome
 * trace: every task the renderer's main thread ran, with its wall-clock duration and the CPU time
 * the thread spent in it. The CPU time is the budget the demo tests hold the pages to: on a
 * loaded machine (2 cores shared with other jobs) a task's wall time grows with everything else
 * that runs, its CPU time does not. Work in a Web Worker runs on another thread and is not a
 * main-thread task. The trace covers the whole browser: only the main thread of the renderer that
 * holds the page's frame counts (Chrome also starts renderers of its own — a new window preloads
 * its omnibox popup, `chrome://omnibox-popup.top-chrome`, whose start-up is a 100–190 ms task).
 */
import type { Browser, Page } from 'playwright-core';

/** One task of the renderer's main thread. */
export interface MainThreadTask {
  /** Start, ms after the page's first paint (negative: before it). */
  start: number;
  /** Wall-clock duration, ms. */
  wallMs: number;
  /** CPU time of the main thread in the task, ms (`NaN` when the trace has no thread times). */
  cpuMs: number;
  /** The longest trace events inside it (name and, for scripts, the URL's file), for messages. */
  what: string;
}

/** What {@link stopTaskTrace} returns. */
export interface TaskTrace {
  /** Tasks from the first paint on, longest CPU time first. */
  afterFirstPaint: MainThreadTask[];
  /** Every traced task, in order. */
  all: MainThreadTask[];
  /** Whether the trace held the page's first paint (else `start` counts from the trace's start). */
  sawFirstPaint: boolean;
  /**
   * The longest task of other renderers' main threads in the trace, CPU ms (wall ms without
   * thread times; 0 when none): not the page's, not counted.
   */
  otherRendererLongestCpuMs: number;
}

/**
 * Only the task events (`toplevel`: `RunTask` with its thread time) and the paint marks
 * (`loading`): the detailed timeline categories slow the traced page noticeably and would inflate
 * the tasks they measure.
 */
const CATEGORIES = ['toplevel', 'loading'];

/** Names of the trace events that are main-thread tasks. */
const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** The id of the traced page's main frame, per browser (one trace per browser at a time). */
const tracedFrames = new WeakMap<Browser, string>();

/**
 * Starts tracing `page` (one trace per browser at a time); call before `page.goto`. Notes the
 * page's main frame (its id survives navigation) so that {@link stopTaskTrace} counts only the
 * renderer that paints it.
 */
export async function startTaskTrace(browser: Browser, page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    tracedFrames.set(browser, frameTree.frame.id);
  } finally {
    await cdp.detach();
  }
  await browser.startTracing(page, { categories: CATEGORIES });
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; frame?: string; data?: { url?: string; frame?: string } };
}

/**
 * Stops the trace of {@link startTaskTrace} and returns the main-thread tasks of the page's
 * renderer (the thread Chrome names `CrRendererMain`), timed from its first paint.
 */
export async function stopTaskTrace(browser: Browser): Promise<TaskTrace> {
  const raw = await browser.stopTracing();
  const events = (JSON.parse(raw.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  return tasksOfTrace(events, tracedFrames.get(browser));
}

/** Whether `e` is a first (contentful) paint, of frame `frame` when given. */
function isFirstPaint(e: TraceEvent, frame: string | undefined): boolean {
  return (
    (e.name === 'firstPaint' || e.name === 'firstContentfulPaint') &&
    (frame === undefined || e.args?.frame === frame)
  );
}

/**
 * The main-thread tasks of a parsed trace (see {@link stopTaskTrace}): those of the renderer
 * that painted frame `frame` (by default, the first renderer that painted anything); every
 * renderer's when no paint is found.
 */
export function tasksOfTrace(events: TraceEvent[], frame?: string): TaskTrace {
  const allMainThreads = events
    .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`);
  const paint = events.find(
    (e) => isFirstPaint(e, frame) && allMainThreads.includes(`${e.pid}:${e.tid}`),
  );
  const mainThreads = new Set(paint ? [`${paint.pid}:${paint.tid}`] : allMainThreads);
  let otherRendererLongestCpuMs = 0;
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !TASK_EVENTS.has(e.name) || mainThreads.has(thread)) continue;
    if (!allMainThreads.includes(thread)) continue;
    otherRendererLongestCpuMs = Math.max(otherRendererLongestCpuMs, (e.tdur ?? e.dur ?? 0) / 1000);
  }
  const onMain = events.filter((e) => mainThreads.has(`${e.pid}:${e.tid}`));
  const origin = paint?.ts ?? Math.min(...onMain.map((e) => e.ts));
  const complete = onMain
    .filter((e) => e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // A task is an outermost scheduler event (Chrome nests `ThreadControllerImpl::RunTask` in
  // `RunTask` when both categories are on).
  const outermost: TraceEvent[] = [];
  let end = Number.NEGATIVE_INFINITY;
  for (const e of complete) {
    if (!TASK_EVENTS.has(e.name) || e.ts < end) continue;
    outermost.push(e);
    end = e.ts + e.dur!;
  }
  const all: MainThreadTask[] = outermost
    .map((t) => {
      const inside = complete
        .filter(
          (e) =>
            e !== t &&
            !TASK_EVENTS.has(e.name) &&
            e.tid === t.tid &&
            e.ts >= t.ts &&
            e.ts + e.dur! <= t.ts + t.dur! &&
            e.dur! > 0.25 * t.dur!,
        )
        .slice(0, 4)
        .map((e) => {
          const url = e.args?.data?.url;
          return url ? `${e.name}(${url.split('/').pop()})` : e.name;
        });
      return {
        start: (t.ts - origin) / 1000,
        wallMs: t.dur! / 1000,
        cpuMs: t.tdur === undefined ? Number.NaN : t.tdur / 1000,
        what: inside.join(' > '),
      };
    })
    .sort((a, b) => a.start - b.start);
  const afterFirstPaint = all
    .filter((t) => t.start >= 0)
    .sort((a, b) => (b.cpuMs || b.wallMs) - (a.cpuMs || a.wallMs));
  return { afterFirstPaint, all, sawFirstPaint: paint !== undefined, otherRendererLongestCpuMs };
}

/** A one-line summary: the longest task after first paint by CPU time and by wall time. */
export function describeTasks(trace: TaskTrace): string {
  const t = trace.afterFirstPaint;
  const cpu = t[0];
  const wall = [...t].sort((a, b) => b.wallMs - a.wallMs)[0];
  if (!cpu || !wall) return 'no main-thread tasks after first paint';
  return (
    `${t.length} main-thread tasks after first paint; longest CPU ${cpu.cpuMs.toFixed(0)} ms ` +
    `(wall ${cpu.wallMs.toFixed(0)} ms, ${cpu.what || 'task'}); longest wall ${wall.wallMs.toFixed(0)} ms ` +
    `(CPU ${wall.cpuMs.toFixed(0)} ms); other renderers' longest task ` +
    `${trace.otherRendererLongestCpuMs.toFixed(0)} ms CPU, not counted`
  );
}

/**
 * The budget of one main-thread task after first paint, ms of the main thread's CPU time
 * (the page never freezes for longer; heavy work belongs in the model worker).
 */
export const TASK_BUDGET_MS = 200;

/**
 * The tasks after first paint over `budget` ms of CPU time (wall time when the trace has no
 * thread times), one line each: empty when the page kept to it.
 */
export function tasksOverBudget(trace: TaskTrace, budget = TASK_BUDGET_MS): string[] {
  return trace.afterFirstPaint
    .filter((t) => (Number.isNaN(t.cpuMs) ? t.wallMs : t.cpuMs) > budget)
    .map(
      (t) =>
        `task at +${t.start.toFixed(0)} ms: CPU ${t.cpuMs.toFixed(0)} ms, wall ${t.wallMs.toFixed(0)} ms (${t.what || 'task'})`,
    );
}
