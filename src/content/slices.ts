/**
 * The one way the content script's long loops give the page its turn: work in slices of a few
 * milliseconds, then pause for a macrotask, so no page ever sees a long task from us. A loop checks
 * `due()` (a clock read, nothing else) at its own pace and awaits `pause()` only when it is due.
 */

/** Milliseconds of work between pauses: well under a frame, far under the 50 ms long-task line. */
export const SLICE_MS = 6;

export class Slices {
  private start = performance.now();

  /** `signal`: the work this loop belongs to; `pause()` reports whether it was aborted meanwhile. */
  constructor(private readonly signal?: AbortSignal) {}

  /** Whether this slice has had its time: pause before more work. */
  due(): boolean {
    return performance.now() - this.start > SLICE_MS;
  }

  /** Start a new slice (after a pause of the caller's own). */
  restart(): void {
    this.start = performance.now();
  }

  /** Give the page a turn, then start a new slice. False when the work was aborted meanwhile. */
  async pause(): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.start = performance.now();
    return !this.signal?.aborted;
  }
}
