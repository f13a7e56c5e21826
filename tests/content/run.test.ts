/**
 * The parts of a run its features rely on: steps taken in the registry's order, each finished before
 * the next, one failure not stopping the rest, nothing after the run aborts; and slices that tell a
 * loop its work was aborted while it paused.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Steps } from '../../src/content/run.ts';
import { Slices } from '../../src/content/slices.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('run steps', () => {
  it('takes the steps in the order they were added, each finished before the next starts', async () => {
    const steps = new Steps<[string]>(new AbortController().signal);
    const log: string[] = [];
    steps.add(async (x) => {
      await new Promise((r) => setTimeout(r, 5));
      log.push(`first ${x}`);
    });
    steps.add((x) => {
      log.push(`second ${x}`);
    });
    await steps.run('scan');
    expect(log).toEqual(['first scan', 'second scan']);
  });

  it('reports a failing step once and still takes the ones after it', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const steps = new Steps<[]>(new AbortController().signal);
    const log: string[] = [];
    steps.add(() => {
      throw new Error('page removed the banner host');
    });
    steps.add(() => {
      log.push('count');
    });
    await steps.run();
    expect(log).toEqual(['count']);
    expect(debug).toHaveBeenCalledWith('[Source Context]', 'page removed the banner host');
  });

  it('takes no step once the run is aborted, not even the rest of a run under way', async () => {
    const ctl = new AbortController();
    const steps = new Steps<[]>(ctl.signal);
    const log: string[] = [];
    steps.add(() => {
      log.push('publisher');
      ctl.abort();
    });
    steps.add(() => {
      log.push('links');
    });
    await steps.run();
    await steps.run();
    expect(log).toEqual(['publisher']);
  });
});

describe('slices', () => {
  it('tells the loop to stop when its work was aborted during the pause', async () => {
    const ctl = new AbortController();
    const slices = new Slices(ctl.signal);
    expect(await slices.pause()).toBe(true);
    const paused = slices.pause();
    ctl.abort();
    expect(await paused).toBe(false);
  });
});
