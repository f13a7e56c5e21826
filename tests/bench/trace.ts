/**
 * Reads a Chromium trace of one page load and finds the main-thread tasks the content script
 * caused. The benchmark's pages run no script of their own, so on the tab's renderer main thread,
 * from the moment the content script is injected:
 * - a task that runs script (script evaluation, timers, microtasks, module loading) is the
 *   extension's;
 * - a style/layout/paint task after the extension's first DOM change (the main-world probe marks it
 *   with `performance.mark('scb-first-mutation')`) is the page re-rendering around the badges, so it
 *   is caused by the extension too; before that mark, rendering is the page's own first paint;
 * - any other task (browser IPC: storage replies, chunk responses, whose JS callbacks the trace does
 *   not label) up to the end of the last script task is counted as "other". Later ones are the
 *   benchmark's own polls (tiny evaluations over CDP) and are left out.
 */

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: { name?: string; data?: { url?: string } };
}

export interface TaskInfo {
  /** ms after the content script was injected */
  at: number;
  /** Wall time. */
  ms: number;
  /** Main-thread CPU time (the trace's thread duration): what the task costs without other processes competing for the core. */
  cpu: number;
  kind: 'script' | 'render' | 'other';
  /** The biggest child events, for "where does the time go". */
  top: string[];
}

export interface TraceSummary {
  found: boolean;
  /** Sum of script tasks, ms. */
  scriptMs: number;
  /** CPU time of script and other tasks, ms. */
  extensionCpu: number;
  /** The task with the most CPU time (script, re-render or other) and its wall time. */
  longestCpu: number;
  longestCpuWall: number;
  longestCpuKind: string;
  longestCpuWhat: string;
  /** Script + other tasks (what the extension costs the main thread apart from re-rendering), ms. */
  extensionMs: number;
  /** Rendering after the first DOM change, ms. */
  renderMs: number;
  longestScript: number;
  longestRender: number;
  longestOther: number;
  tasksOver50: TaskInfo[];
  scriptTasks: number;
  /** Longest tasks of any kind, longest first (at most 5). */
  longest: TaskInfo[];
}

const SCRIPT = new Set(['EvaluateScript', 'FunctionCall', 'TimerFire', 'RunMicrotasks', 'v8.evaluateModule', 'v8.compileModule', 'v8.compile', 'FireIdleCallback', 'V8.Execute']);
const RENDER = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'ScheduleStyleRecalculation', 'RecalculateStyles']);
const PARSE = new Set(['ParseHTML', 'ParseAuthorStyleSheet']);

const EMPTY: TraceSummary = { found: false, scriptMs: 0, extensionCpu: 0, longestCpu: 0, longestCpuWall: 0, longestCpuKind: '', longestCpuWhat: '', extensionMs: 0, renderMs: 0, longestScript: 0, longestRender: 0, longestOther: 0, tasksOver50: [], scriptTasks: 0, longest: [] };

export function analyseTrace(events: TraceEvent[], extensionOrigin: string): TraceSummary {
  const inject = events.find((e) => e.name === 'EvaluateScript' && (e.args?.data?.url ?? '').startsWith(extensionOrigin));
  if (!inject) return EMPTY;
  const thread = (e: TraceEvent): boolean => e.pid === inject.pid && e.tid === inject.tid;
  const mine = events.filter(thread).sort((a, b) => a.ts - b.ts);
  const mark = mine.find((e) => e.name === 'scb-first-mutation');
  const firstChange = mark ? mark.ts : Infinity;
  // Top-level work: every complete event not nested in another one. Mostly scheduler tasks, but a
  // microtask checkpoint can run outside any (seen: a 0.9 s one holding the scanner's verification).
  const complete = mine.filter((e) => e.ph === 'X' && (e.dur ?? 0) > 0 && e.name !== 'RunTask').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks: TraceEvent[] = [];
  const children: TraceEvent[] = [];
  let openEnd = -Infinity;
  for (const e of complete) {
    if (e.ts < openEnd) children.push(e);
    else {
      tasks.push(e);
      openEnd = e.ts + (e.dur ?? 0);
    }
  }
  // From the task that injected the content script on (it starts a little before the script does).
  for (let i = tasks.length - 1; i >= 0; i--) if ((tasks[i] as TraceEvent).ts + ((tasks[i] as TraceEvent).dur ?? 0) <= inject.ts) tasks.splice(i, 1);
  const infos: TaskInfo[] = [];
  let ci = 0;
  for (const t of tasks) {
    const end = t.ts + (t.dur ?? 0);
    while (ci < children.length && (children[ci] as TraceEvent).ts < t.ts) ci++;
    const inside: TraceEvent[] = [t];
    for (let j = ci; j < children.length && (children[j] as TraceEvent).ts <= end; j++) inside.push(children[j] as TraceEvent);
    const has = (set: Set<string>): boolean => inside.some((c) => set.has(c.name));
    let kind: TaskInfo['kind'];
    if (has(SCRIPT)) kind = 'script';
    else if (has(RENDER) || has(PARSE)) {
      // The page's own rendering (before the extension changed anything) is not ours.
      if (t.ts < firstChange || has(PARSE)) continue;
      kind = 'render';
    } else kind = 'other';
    const byName = new Map<string, number>();
    for (const c of inside) byName.set(c.name, (byName.get(c.name) ?? 0) + (c.dur ?? 0));
    const top = [...byName.entries()]
      .filter(([n]) => !n.startsWith('V8.GC_') && n !== 'BlinkScheduler_PerformMicrotaskCheckpoint' && n !== t.name)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`);
    infos.push({ at: (t.ts - inject.ts) / 1000, ms: (t.dur ?? 0) / 1000, cpu: (t.tdur ?? t.dur ?? 0) / 1000, kind, top });
  }
  const lastScript = Math.max(0, ...infos.filter((i) => i.kind === 'script').map((i) => i.at + i.ms));
  for (let i = infos.length - 1; i >= 0; i--) if ((infos[i] as TaskInfo).kind === 'other' && (infos[i] as TaskInfo).at > lastScript) infos.splice(i, 1);
  const sum = (k: TaskInfo['kind']): number => infos.filter((i) => i.kind === k).reduce((a, b) => a + b.ms, 0);
  const longestOf = (k: TaskInfo['kind']): number => Math.max(0, ...infos.filter((i) => i.kind === k).map((i) => i.ms));
  const byCpu = infos.reduce<TaskInfo | null>((w, i) => (!w || i.cpu > w.cpu ? i : w), null);
  return {
    found: true,
    scriptMs: sum('script'),
    extensionCpu: infos.filter((i) => i.kind !== 'render').reduce((a, b) => a + b.cpu, 0),
    longestCpu: byCpu?.cpu ?? 0,
    longestCpuWall: byCpu?.ms ?? 0,
    longestCpuKind: byCpu?.kind ?? '',
    longestCpuWhat: byCpu?.top.join(', ') ?? '',
    extensionMs: sum('script') + sum('other'),
    renderMs: sum('render'),
    longestScript: longestOf('script'),
    longestRender: longestOf('render'),
    longestOther: longestOf('other'),
    tasksOver50: infos.filter((i) => i.ms > 50),
    scriptTasks: infos.filter((i) => i.kind === 'script').length,
    longest: [...infos].sort((a, b) => b.ms - a.ms).slice(0, 5),
  };
}
