import { describe, expect, it } from 'vitest';
import { tasksOfTrace, tasksOverBudget } from './main-thread-tasks.js';

const PAGE = { pid: 10, tid: 10 };
const WEBUI = { pid: 20, tid: 20 };
const FRAME = 'A1B2C3';

/** A trace (µs) of two renderers: the page's (frame `FRAME`) and Chrome's omnibox popup WebUI. */
function twoRenderers() {
  const thread = (at: { pid: number; tid: number }) => ({
    name: 'thread_name',
    ph: 'M',
    ts: 0,
    ...at,
    args: { name: 'CrRendererMain' },
  });
  const task = (at: { pid: number; tid: number }, ts: number, ms: number) => ({
    name: 'RunTask',
    ph: 'X',
    ts,
    dur: ms * 1000,
    tdur: ms * 1000,
    ...at,
  });
  const paint = (at: { pid: number; tid: number }, ts: number, frame: string) => ({
    name: 'firstPaint',
    ph: 'R',
    ts,
    ...at,
    args: { frame },
  });
  return [
    thread(WEBUI),
    thread(PAGE),
    paint(WEBUI, 500_000, 'WEBUI'),
    task(PAGE, 800_000, 30),
    paint(PAGE, 1_000_000, FRAME),
    task(PAGE, 2_000_000, 60),
    task(WEBUI, 3_000_000, 250),
    task(PAGE, 4_000_000, 90),
  ];
}

describe('tasksOfTrace', () => {
  it("counts only the main thread of the renderer that painted the page's frame", () => {
    const trace = tasksOfTrace(twoRenderers(), FRAME);
    expect(trace.sawFirstPaint).toBe(true);
    expect(trace.afterFirstPaint.map((t) => t.cpuMs)).toEqual([90, 60]);
    expect(trace.afterFirstPaint[0]!.start).toBe(3000);
    expect(trace.all).toHaveLength(3);
    expect(trace.otherRendererLongestCpuMs).toBe(250);
    expect(tasksOverBudget(trace)).toEqual([]);
  });

  it("without the frame's paint in the trace, falls back to every renderer", () => {
    const trace = tasksOfTrace(twoRenderers(), 'ELSEWHERE');
    expect(trace.sawFirstPaint).toBe(false);
    expect(trace.otherRendererLongestCpuMs).toBe(0);
    expect(tasksOverBudget(trace)).toHaveLength(1);
  });
});
