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
  /** Trace clock (µs) at the end of the last task counted: where a profile of the script ends. */
  endTs: number;
}

const SCRIPT = new Set(['EvaluateScript', 'FunctionCall', 'TimerFire', 'RunMicrotasks', 'v8.evaluateModule', 'v8.compileModule', 'v8.compile', 'FireIdleCallback', 'V8.Execute']);
const RENDER = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'ScheduleStyleRecalculation', 'RecalculateStyles']);
const PARSE = new Set(['ParseHTML', 'ParseAuthorStyleSheet']);

const EMPTY: TraceSummary = { found: false, scriptMs: 0, extensionCpu: 0, longestCpu: 0, longestCpuWall: 0, longestCpuKind: '', longestCpuWhat: '', extensionMs: 0, renderMs: 0, longestScript: 0, longestRender: 0, longestOther: 0, tasksOver50: [], scriptTasks: 0, longest: [], endTs: 0 };

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
    endTs: inject.ts + 1000 * Math.max(0, ...infos.map((i) => i.at + i.ms)),
  };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number };
}

interface ProfileChunkData {
  cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
  timeDeltas?: number[];
}

/** A function's share of the sampled time: self (its own code) and total (with what it called). */
export interface FunctionCost {
  name: string;
  /** Script file (the part after the extension's origin) and line, or '' for V8's own entries. */
  where: string;
  selfMs: number;
  totalMs: number;
}

export interface ScriptProfile {
  /** Sampled main-thread time from the content script's injection to the end of its last task. */
  sampledMs: number;
  /** Samples with one of the extension's functions on the stack. */
  extensionMs: number;
  /** Garbage collection and compilation V8 reports as such (not attributed to a function). */
  gcMs: number;
  /** The extension's functions by self time, most first (at most `top`). */
  bySelf: FunctionCost[];
  /** The extension's functions by total time, most first (at most `top`). */
  byTotal: FunctionCost[];
}

/**
 * Which of the content script's functions the main thread ran, from the V8 sampling profiler's
 * chunks in the same trace (category `disabled-by-default-v8.cpu_profiler`): samples of the tab's
 * main thread between the content script's injection and `until` (µs, trace clock). Function names
 * are only as good as the build: the benchmark's `--profile` loads an unminified build for this.
 */
export function profileFunctions(events: TraceEvent[], extensionOrigin: string, until: number, top = 15): ScriptProfile | null {
  const inject = events.find((e) => e.name === 'EvaluateScript' && (e.args?.data?.url ?? '').startsWith(extensionOrigin));
  if (!inject) return null;
  const head = events.find((e) => e.name === 'Profile' && e.pid === inject.pid && e.tid === inject.tid);
  if (!head) return null;
  const id = (head as TraceEvent & { id?: string }).id;
  const start = (head.args as { data?: { startTime?: number } } | undefined)?.data?.startTime ?? head.ts;
  const nodes = new Map<number, ProfileNode>();
  const samples: { node: number; ts: number }[] = [];
  let ts = start;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== inject.pid || (e as TraceEvent & { id?: string }).id !== id) continue;
    const data = (e.args as { data?: ProfileChunkData } | undefined)?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const ids = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    ids.forEach((node, i) => {
      ts += deltas[i] ?? 0;
      samples.push({ node, ts });
    });
  }
  const ours = (n: ProfileNode | undefined): boolean => (n?.callFrame.url ?? '').startsWith(extensionOrigin);
  const key = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'}@${(n.callFrame.url ?? '').slice(extensionOrigin.length + 1)}:${(n.callFrame.lineNumber ?? 0) + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let sampledMs = 0;
  let extensionMs = 0;
  let gcMs = 0;
  for (let i = 0; i + 1 < samples.length; i++) {
    const s = samples[i] as { node: number; ts: number };
    if (s.ts < inject.ts || s.ts > until) continue;
    const ms = ((samples[i + 1] as { ts: number }).ts - s.ts) / 1000;
    const leaf = nodes.get(s.node);
    const name = leaf?.callFrame.functionName ?? '';
    if (name === '(idle)') continue;
    sampledMs += ms;
    if (name === '(garbage collector)') gcMs += ms;
    // Self time goes to the innermost function of ours: a DOM call or builtin it made is its cost.
    let mine = false;
    const seen = new Set<string>();
    for (let n = leaf; n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
      if (!ours(n)) continue;
      const k = key(n);
      if (!mine) self.set(k, (self.get(k) ?? 0) + ms);
      mine = true;
      if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + ms);
      seen.add(k);
    }
    if (mine) extensionMs += ms;
  }
  const list = (m: Map<string, number>, other: Map<string, number>, selfFirst: boolean): FunctionCost[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => {
        const at = k.indexOf('@');
        const costs = { selfMs: selfFirst ? ms : (other.get(k) ?? 0), totalMs: selfFirst ? (other.get(k) ?? 0) : ms };
        return { name: k.slice(0, at), where: k.slice(at + 1), ...costs };
      });
  return { sampledMs, extensionMs, gcMs, bySelf: list(self, total, true), byTotal: list(total, self, false) };
}
