/** One event of a Chromium trace (the Trace Event Format), as far as we read it. */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Time the thread ran (its own clock), when the trace records it. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Trace categories that hold the renderer's tasks, its frames and `performance.mark`s. */
export const frameTraceCategories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'blink.user_timing',
];

/** A top-level task of the main thread: what runs between two returns to its event loop. */
const TASK = 'RunTask';
/** The start of a frame's work on the main thread (input, animation frame callbacks, style, layout, paint). */
const FRAME = 'BeginMainThreadFrame';

/** What a trace says about the frames drawn between two `performance.mark`s. */
export interface FrameWork {
  /** Main-thread work of each frame (ms, the tasks' durations), in order. */
  perFrameMs: number[];
  /**
   * The same on the thread's own clock (ms): without the time the thread
   * waited for a core that other processes of the machine had.
   */
  perFrameThreadMs: number[];
  /** How long the marked span lasted (ms). */
  spanMs: number;
}

/**
 * The main-thread work behind each frame drawn between the marks `startMark`
 * and `endMark`: for each frame, the summed durations of the renderer main
 * thread's top-level tasks from the one after the previous frame's task up
 * to its own (the task that ran `BeginMainThreadFrame`: input, animation
 * frame callbacks, style, layout, paint). Idle time between frames does not
 * count. The main thread is the `CrRendererMain` that recorded the marks.
 */
export function frameWork(
  trace: { traceEvents: TraceEvent[] },
  startMark: string,
  endMark: string,
): FrameWork {
  const events = trace.traceEvents;
  const mark = (name: string) => {
    const found = events.find((event) => event.name === name && event.ph !== 'M');
    if (!found) throw new Error(`the trace holds no mark '${name}'`);
    return found;
  };
  const start = mark(startMark);
  const end = mark(endMark);
  const mainThreads = new Set(
    events
      .filter((event) => event.ph === 'M' && event.name === 'thread_name')
      .filter((event) => event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  // The mark is recorded on the main thread of the page that set it.
  const thread = [...mainThreads].find((key) => key.startsWith(`${start.pid}:`));
  if (thread === undefined) throw new Error('the trace names no main thread of the page');
  const onThread = (event: TraceEvent) => `${event.pid}:${event.tid}` === thread;
  const tasks = events
    .filter((event) => onThread(event) && event.name === TASK && event.ph === 'X')
    .sort((a, b) => a.ts - b.ts);
  const frames = events
    .filter((event) => onThread(event) && event.name === FRAME)
    .filter((event) => event.ts >= start.ts && event.ts <= end.ts)
    .sort((a, b) => a.ts - b.ts);
  const taskOf = (event: TraceEvent) =>
    tasks.find((task) => task.ts <= event.ts && event.ts <= task.ts + (task.dur ?? 0));
  const frameTasks = [...new Set(frames.map(taskOf).filter((task) => task !== undefined))];
  const perFrameMs: number[] = [];
  const perFrameThreadMs: number[] = [];
  for (let index = 1; index < frameTasks.length; index += 1) {
    const previous = frameTasks[index - 1]!;
    const current = frameTasks[index]!;
    let work = 0;
    let threadWork = 0;
    for (const task of tasks) {
      if (task.ts <= previous.ts || task.ts > current.ts) continue;
      work += task.dur ?? 0;
      threadWork += task.tdur ?? task.dur ?? 0;
    }
    perFrameMs.push(work / 1000);
    perFrameThreadMs.push(threadWork / 1000);
  }
  return { perFrameMs, perFrameThreadMs, spanMs: (end.ts - start.ts) / 1000 };
}
