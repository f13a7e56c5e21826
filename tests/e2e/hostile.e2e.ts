/**
 * Hostile and unusual pages (tests/fixtures/hostile/): the extension marks what it should and never
 * breaks the page. For every fixture: no error in any console or as an uncaught exception, from the
 * extension or from the page. Then what each page provokes: a strict CSP with Trusted Types, 100,000
 * nodes, text rewritten every 16 ms, iframes, shadow DOM, editors and form fields, a page that
 * defines our element name and patches the platform, a page that removes our elements, a React app
 * that re-renders after marking, right-to-left text, and CSS that resets everything.
 *
 * Where Chromium and Firefox differ, the test says so. Measured numbers are printed (console.info)
 * so a run's log shows them.
 *
 * Longer than our usual file: one test (or two) per fixture, all sharing one browser per engine, the
 * served root with the React bundle, and the page-world helpers at the top; split by fixture, each
 * file would start both browsers and build React again.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { guardEachTest, readBundledFacts } from './harness/expectations.ts';
import { extensionDirFor, findingsOf, inspectOurUi, prepareServedRoot, removeStorage, waitFor } from './harness/extras.ts';
import { browsersUnderTest, FIXTURE_HOST, launchDriver, type Driver, type DriverPage } from './harness/index.ts';

const INCIDENT = 'ishkobod-2019';
const SITE_KEY = `site:${FIXTURE_HOST}`;
const BADGE = (kind: string, id: string): string => `source-context-badge[data-kind="${kind}"][data-id="${id}"]`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What a page-world value looks like to these tests (fixtures put their state on `window`). */
type PageWindow = Window & Record<string, unknown>;

interface BlockBox {
  tag: string;
  left: number;
  top: number;
  width: number;
  height: number;
  lineHeight: number;
  badges: number;
  /** Index of the nearest listed ancestor, or -1. */
  parent: number;
}

/** The boxes of the page's text blocks (our own elements left out), in document coordinates. */
function blockBoxes(): BlockBox[] {
  const els = Array.from(document.querySelectorAll('h1, h2, h3, p, li, blockquote, td, figcaption, label')).filter(
    (el) => !el.closest('source-context-badge, source-context-popup, source-context-banner'),
  );
  return els.map((el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const lh = parseFloat(cs.lineHeight);
    let parent = -1;
    for (let a = el.parentElement; a && parent < 0; a = a.parentElement) parent = els.indexOf(a);
    return {
      tag: el.localName + (el.id ? `#${el.id}` : ''),
      left: r.left + scrollX,
      top: r.top + scrollY,
      width: r.width,
      height: r.height,
      lineHeight: Number.isFinite(lh) ? lh : parseFloat(cs.fontSize) * 1.25,
      badges: el.querySelectorAll('source-context-badge').length,
      parent,
    };
  });
}

/**
 * What marking moved: blocks whose left edge or width changed, blocks that grew more than one line
 * per badge they hold (or grew without one), and blocks that moved down further than the growth of
 * the blocks above them explains.
 */
function layoutChanges(before: BlockBox[], after: BlockBox[]): string[] {
  const out: string[] = [];
  if (before.length !== after.length) return [`block count ${before.length} → ${after.length}`];
  let grownAbove = 0;
  for (const [i, b] of before.entries()) {
    const a = after[i] as BlockBox;
    if (Math.abs(a.left - b.left) > 0.5 || Math.abs(a.width - b.width) > 0.5) out.push(`${b.tag}: box x/width ${b.left},${b.width} → ${a.left},${a.width}`);
    const grew = a.height - b.height;
    const allowed = a.badges * a.lineHeight + 0.5;
    if (grew < -0.5 || grew > allowed) out.push(`${b.tag}: height ${b.height} → ${a.height} with ${a.badges} badge(s)`);
    if (a.top - b.top > grownAbove + 0.5) out.push(`${b.tag}: moved down ${a.top - b.top}px, more than the ${grownAbove}px the blocks above grew`);
    // Only top-level blocks' growth pushes later blocks (a nested block's is in its parent's).
    if (b.parent < 0) grownAbove += Math.max(0, grew);
  }
  return out;
}

/** Remembers every text node of the page (in the page world), to check later that none was split or rewritten. */
function rememberTextNodes(): number {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  (window as unknown as Record<string, unknown>).rememberedText = nodes.map((node) => ({ node, data: node.data }));
  return nodes.length;
}

/** Remembered text nodes that were removed, replaced or rewritten, and text nodes that are new (ours excluded). */
function textNodeChanges(): string[] {
  const remembered = (window as unknown as Record<string, unknown>).rememberedText as { node: Text; data: string }[];
  const out: string[] = [];
  for (const { node, data } of remembered) {
    if (!node.isConnected) out.push(`gone: ${JSON.stringify(data.slice(0, 40))}`);
    else if (node.data !== data) out.push(`rewritten: ${JSON.stringify(data.slice(0, 40))} → ${JSON.stringify(node.data.slice(0, 40))}`);
  }
  const known = new Set(remembered.map((r) => r.node));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!known.has(n as Text) && !n.parentElement?.closest('source-context-badge, source-context-popup, source-context-banner')) out.push(`new: ${JSON.stringify((n as Text).data.slice(0, 40))}`);
  }
  return out;
}

describe.each(browsersUnderTest())('hostile pages in %s', (browser) => {
  let driver: Driver | undefined;
  let served: { root: string; cleanup: () => Promise<void> } | undefined;
  const d = (): Driver => {
    if (!driver) throw new Error('browser did not start');
    return driver;
  };
  beforeAll(async () => {
    served = await prepareServedRoot();
    driver = await launchDriver(browser, { root: served.root, ...extensionDirFor(browser) });
  });
  afterAll(async () => {
    await driver?.close();
    await served?.cleanup();
  });
  const { track } = guardEachTest(() => driver);

  // Every error anywhere (page or extension) fails the test it happened in, not only the extension's.
  let errorsBefore = 0;
  beforeEach(() => {
    errorsBefore = driver?.consoleErrors().length ?? 0;
  });
  /** For a test that provokes an error on purpose: what came so far is not counted. */
  const acceptErrorsSoFar = (): void => {
    errorsBefore = driver?.consoleErrors().length ?? 0;
  };
  afterEach(async () => {
    const errors = (driver?.consoleErrors().slice(errorsBefore) ?? []).filter(
      (e) =>
        // Pages' errors and uncaught exceptions (the extension's own are checked by guardEachTest,
        // which also reads Firefox's output, where the browser prints its own service chatter).
        (e.type === 'console' || e.type === 'exception') &&
        // The browser's own favicon request, which a `default-src 'none'` page refuses (Firefox reports it).
        !/favicon\.ico/.test(e.text),
    );
    // Back to the defaults for the next test, whatever this one switched.
    if (driver) await removeStorage(driver, 'sync', [SITE_KEY, 'settings']);
    expect(errors, 'errors in a console or uncaught, from the page or the extension').toEqual([]);
  });

  const open = async (path: string, host = FIXTURE_HOST): Promise<DriverPage> => track(await d().open(d().url(host, path)));
  const setSite = async (mode: 'on' | 'off'): Promise<void> => d().writeStorage('sync', { [SITE_KEY]: { mode } });
  const incidentBadgeCount = (page: DriverPage): Promise<number> =>
    page.badges().then((list) => list.filter((b) => b.kind === 'incident' && b.id === INCIDENT).length);
  const waitForDialog = (page: DriverPage) =>
    waitFor(
      () => page.dialogs(),
      // Open, and past its loading state (the records come from the background, which may be waking).
      (list) => list.length > 0 && (list[0]?.text.length ?? 0) > 40 && !/Loading the details/.test(list[0]?.text ?? ''),
      'a popup with content',
    ).then((list) => list[0] as { name: string; text: string });

  describe('every fixture', () => {
    // [fixture, whether it names the incident where the extension may badge it]
    const FIXTURES: [string, boolean][] = [
      ['strict-csp.html', true],
      ['huge-dom.html', true],
      ['constant-mutation.html', true],
      ['iframes.html', true],
      ['shadow-dom.html', true],
      ['contenteditable.html', true],
      ['form-fields.html', true],
      ['custom-element-clash.html', false],
      ['removes-our-elements.html', true],
      ['react-rerender.html', true],
      ['rtl.html', true],
      ['aggressive-css.html', true],
    ];
    it.each(FIXTURES)('%s loads, gets marked, and logs no error', async (fixture, badged) => {
      const page = await open(`/hostile/${fixture}`);
      if (badged) await page.waitForBadge('incident', INCIDENT, 10_000);
      // The ticker page never goes quiet: give it a fixed while instead.
      if (fixture === 'constant-mutation.html') await sleep(1500);
      else await page.settle(600, 8000);
      // The afterEach hooks check the consoles and the network.
    });
  });

  it('strict-csp.html: marks the page and opens the popup under a strict CSP with Trusted Types, with no violation', async () => {
    const page = await open('/hostile/strict-csp.html');
    await page.waitForBadge('incident', INCIDENT);
    // The policy is in force. Probed from the page world: Trusted Types (where the browser has them)
    // refuse any policy, and an inline style attribute is not applied. The probe's own violations
    // are reported to the console; they are the test's, so they are set aside.
    await page.evaluate(() => {
      const w = window as unknown as PageWindow;
      const seen: string[] = [];
      w.cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    }, null);
    const probe = await page.evaluate(() => {
      const tt = (window as unknown as { trustedTypes?: { createPolicy(name: string, rules: object): unknown } }).trustedTypes;
      let policyRefused: boolean | null = null;
      if (tt) {
        try {
          tt.createPolicy('probe', {});
          policyRefused = false;
        } catch {
          policyRefused = true;
        }
      }
      const div = document.createElement('div');
      div.setAttribute('style', 'width: 123px');
      document.body.append(div);
      const inlineStyleApplied = div.getBoundingClientRect().width === 123;
      div.remove();
      return { policyRefused, inlineStyleApplied };
    }, null);
    expect(probe.inlineStyleApplied, 'inline style attributes are blocked by the policy').toBe(false);
    if (probe.policyRefused !== null) expect(probe.policyRefused, 'Trusted Types refuse every policy').toBe(true);
    await waitFor(() => page.evaluate(() => ((window as unknown as PageWindow).cspViolations as string[]).length, null), (n) => n > 0, 'the probe\u2019s violations reported');
    await sleep(200);
    await page.evaluate(() => {
      ((window as unknown as PageWindow).cspViolations as string[]).length = 0;
    }, null);
    acceptErrorsSoFar();
    // New text arrives after load (rescan path), then the popup opens (the UI's styles and Preact).
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'late';
      p.textContent = 'Update: the Ishkobod outpost reopened to visitors in 2021, officials said.';
      document.querySelector('article')?.append(p);
    }, null);
    await waitFor(() => page.evaluate(() => document.querySelectorAll('#late source-context-badge').length, null), (n) => n === 1, 'a badge on the late paragraph');
    await page.click(BADGE('incident', INCIDENT));
    const dialog = await waitForDialog(page);
    const facts = await readBundledFacts(INCIDENT);
    const official = facts.claimants.get('official') ?? [];
    expect(official.some((n) => dialog.text.includes(n)), `an official claimant in: ${dialog.text.slice(0, 300)}`).toBe(true);
    expect(await page.evaluate(() => (window as unknown as PageWindow).cspViolations, null)).toEqual([]);
  });

  it('huge-dom.html: marks a 100,000-node page without a long task or a stalled frame', async () => {
    await setSite('off');
    const page = await open('/hostile/huge-dom.html');
    const nodes = await page.evaluate(() => ((window as unknown as PageWindow).fixtureStats as { nodes: number }).nodes, null);
    expect(nodes).toBeGreaterThanOrEqual(100_000);
    await page.settle(500);
    expect(await page.badges()).toEqual([]);
    // Three markings from scratch (switching the site on starts a full scan). The machine is shared,
    // so any one measurement can catch another process's stall; a task of ours shows in every trial,
    // so the best of the three is what the extension costs.
    const trials: { toBadgesMs: number; longTasks: number[]; maxFrameGap: number; idleGap: number }[] = [];
    for (let trial = 0; trial < 3; trial++) {
      if (trial > 0) {
        await setSite('off');
        await waitFor(() => page.badges(), (b) => b.length === 0, 'badges removed');
        await sleep(300);
      }
      const reset = (): Promise<void> =>
        page.evaluate(() => {
          const s = (window as unknown as PageWindow).fixtureStats as { longTasks: unknown[]; maxGapAfterBuild: number; frames: number; measureFrom: number };
          s.longTasks.length = 0;
          s.maxGapAfterBuild = 0;
          s.frames = 0;
          s.measureFrom = performance.now();
        }, null);
      // The machine's own noise, measured just before: the same page, idle, for as long.
      await reset();
      await sleep(600);
      const idleGap = await page.evaluate(() => Math.round(((window as unknown as PageWindow).fixtureStats as { maxGapAfterBuild: number }).maxGapAfterBuild), null);
      // From here on, the only new work is the extension's: scanning 100k nodes and marking two places.
      await reset();
      const t0 = Date.now();
      await setSite('on');
      await waitFor(() => incidentBadgeCount(page), (n) => n >= 2, 'badges on the intro and on register entry 7001', 15_000);
      const toBadgesMs = Date.now() - t0;
      await page.settle(400);
      const stats = await page.evaluate(() => {
        const s = (window as unknown as PageWindow).fixtureStats as { longTasks: { start: number; duration: number }[]; maxGapAfterBuild: number; frames: number; measureFrom: number };
        return {
          longTasks: s.longTasks.filter((t) => t.start >= s.measureFrom).map((t) => Math.round(t.duration)),
          maxFrameGap: Math.round(s.maxGapAfterBuild),
          entryBadged: document.querySelectorAll('#entry-7001 source-context-badge').length,
        };
      }, null);
      expect(stats.entryBadged).toBe(1);
      trials.push({ toBadgesMs, longTasks: stats.longTasks, maxFrameGap: stats.maxFrameGap, idleGap });
    }
    console.info(`[${browser}] huge-dom: ${nodes} nodes; per marking: ${JSON.stringify(trials)}`);
    const worstTask = (t: { longTasks: number[] }): number => Math.max(0, ...t.longTasks);
    // Chromium only: Firefox has no Long Tasks API (the lists stay empty there).
    expect(Math.min(...trials.map(worstTask)), 'longest task while the extension scanned and marked (best of 3)').toBeLessThan(50);
    // A frame gap is a task plus rendering, and on a loaded machine the idle page already shows
    // gaps: the longest gap while marking may exceed the idle one measured just before by under
    // 100 ms (best of 3). A scan running unbroken through 100k nodes would not pass.
    expect(Math.min(...trials.map((t) => t.maxFrameGap - t.idleGap)), 'longest frame gap while marking, beyond the idle one (best of 3)').toBeLessThan(100);
  });

  describe('constant-mutation.html', () => {
    type Stats = { ticks: number; frames: number };
    const sample = async (page: DriverPage, ms: number): Promise<Stats> => {
      const a = await page.evaluate(() => ({ ...((window as unknown as PageWindow).fixtureStats as Stats) }), null);
      await sleep(ms);
      const b = await page.evaluate(() => ({ ...((window as unknown as PageWindow).fixtureStats as Stats) }), null);
      return { ticks: b.ticks - a.ticks, frames: b.frames - a.frames };
    };

    it('keeps its 16 ms ticker and its frames at full pace while marked, and the extension does not loop', async () => {
      await setSite('off');
      const page = await open('/hostile/constant-mutation.html');
      await sleep(800);
      const off = await sample(page, 2000);
      await setSite('on');
      await waitFor(() => incidentBadgeCount(page), (n) => n >= 2, 'badges on both paragraphs');
      await sleep(800);
      // Our elements added or removed anywhere, counted by the page while its ticker runs.
      await page.evaluate(() => {
        const w = window as unknown as PageWindow;
        const counts = { added: 0, removed: 0 };
        w.ourChurn = counts;
        new MutationObserver((records) => {
          for (const r of records) {
            for (const n of r.addedNodes) if (n.nodeName.startsWith('SOURCE-CONTEXT-')) counts.added++;
            for (const n of r.removedNodes) if (n.nodeName.startsWith('SOURCE-CONTEXT-')) counts.removed++;
          }
        }).observe(document, { childList: true, subtree: true });
        w.staticBadge = document.querySelector('#static source-context-badge');
      }, null);
      const on = await sample(page, 2000);
      const after = await page.evaluate(() => {
        const w = window as unknown as PageWindow;
        return {
          churn: w.ourChurn as { added: number; removed: number },
          staticBadgeKept: w.staticBadge !== null && w.staticBadge === document.querySelector('#static source-context-badge'),
        };
      }, null);
      console.info(`[${browser}] constant-mutation: 2 s off ${JSON.stringify(off)}, 2 s on ${JSON.stringify(on)}, our elements added/removed while on ${JSON.stringify(after.churn)}`);
      expect(on.ticks, 'page ticker callbacks in 2 s, marked vs not').toBeGreaterThanOrEqual(off.ticks * 0.8);
      // 0.7, not 0.8: on a shared 2-core CI machine frame counts alone vary by a fifth between runs.
      expect(on.frames, 'animation frames in 2 s, marked vs not').toBeGreaterThanOrEqual(off.frames * 0.7);
      expect(on.frames).toBeGreaterThan(30);
      expect(after.staticBadgeKept, 'the badge of an unchanging paragraph stays the same element').toBe(true);
      // Each re-marking adds and removes a badge: more than a few in 2 s is a loop.
      expect(after.churn.added + after.churn.removed, 'our elements added and removed in 2 s').toBeLessThanOrEqual(8);
    });

    it('keeps the badge of a paragraph whose live counter ticks: same element, popup stays open', async () => {
      const page = await open('/hostile/constant-mutation.html');
      await page.waitForBadge('incident', INCIDENT);
      await waitFor(() => page.evaluate(() => document.querySelectorAll('#ticking source-context-badge').length, null), (n) => n === 1, 'a badge in the ticking paragraph');
      await page.evaluate(() => {
        (window as unknown as PageWindow).tickingBadge = document.querySelector('#ticking source-context-badge');
      }, null);
      await page.click('#ticking source-context-badge');
      await waitForDialog(page);
      // The counter in that paragraph changes 60 times a second; the text the badge marks does not.
      await sleep(2000);
      expect(await page.evaluate(() => (window as unknown as PageWindow).tickingBadge === document.querySelector('#ticking source-context-badge'), null), 'same badge element after 2 s').toBe(true);
      expect((await page.dialogs()).length, 'the popup is still open').toBe(1);
    });
  });

  it('iframes.html: marks the top document only (all_frames: false); same- and cross-origin frames are untouched', async () => {
    const page = await open('/hostile/iframes.html');
    await page.waitForBadge('incident', INCIDENT);
    await page.settle(600);
    const frames = await page.evaluate(async () => {
      const ask = (iframe: HTMLIFrameElement): Promise<unknown> =>
        new Promise((resolve) => {
          const onMessage = (e: MessageEvent): void => {
            if (e.source !== iframe.contentWindow) return;
            window.removeEventListener('message', onMessage);
            resolve(e.data);
          };
          window.addEventListener('message', onMessage);
          iframe.contentWindow?.postMessage({ ask: 'inspect' }, '*');
          setTimeout(() => resolve('no answer'), 3000);
        });
      const same = document.getElementById('same') as HTMLIFrameElement;
      const cross = document.getElementById('cross') as HTMLIFrameElement;
      return { same: await ask(same), cross: await ask(cross), sameDirect: same.contentDocument?.querySelectorAll('source-context-badge').length ?? -1 };
    }, null);
    const clean = { badges: 0, ourElements: 0, highlights: 0, untouched: true };
    expect(frames.same).toEqual({ frame: 'same', ...clean });
    expect(frames.cross).toEqual({ frame: 'cross', ...clean });
    expect(frames.sameDirect).toBe(0);
    expect(await incidentBadgeCount(page)).toBeGreaterThanOrEqual(1);
  });

  it('shadow-dom.html: leaves the page\u2019s shadow roots untouched (not scanned) and marks light-DOM text, slotted text included', async () => {
    const page = await open('/hostile/shadow-dom.html');
    await page.waitForBadge('incident', INCIDENT);
    await page.settle(600);
    const seen = await page.evaluate(() => {
      const w = window as unknown as PageWindow & { fixtureShadow: () => unknown };
      return {
        shadowNow: w.fixtureShadow(),
        shadowBefore: w.fixtureOriginal,
        light: document.querySelectorAll('#light source-context-badge').length,
        slotted: document.querySelectorAll('#slotted source-context-badge').length,
        inShadow: ['quote', 'box'].map((id) => document.getElementById(id)?.shadowRoot?.querySelectorAll('source-context-badge').length ?? -1),
      };
    }, null);
    expect(seen.shadowNow).toEqual(seen.shadowBefore);
    expect(seen.inShadow).toEqual([0, 0]);
    expect(seen.light).toBe(1);
    expect(seen.slotted).toBe(1);
  });

  it('contenteditable.html: never marks or changes an editor, before or while the reader types', async () => {
    const page = await open('/hostile/contenteditable.html');
    await page.waitForBadge('incident', INCIDENT);
    await page.settle(600);
    const snapshot = (): Promise<{ now: Record<string, string>; before: unknown; inEditors: number }> =>
      page.evaluate(() => ({
        now: {
          editor: document.getElementById('editor')?.innerHTML ?? '',
          note: document.getElementById('note')?.innerHTML ?? '',
          island: document.getElementById('readonly-island')?.innerHTML ?? '',
        },
        before: (window as unknown as PageWindow).fixtureOriginal,
        inEditors: document.querySelectorAll('[contenteditable] source-context-badge').length,
      }), null);
    const first = await snapshot();
    expect(first.now).toEqual(first.before);
    expect(first.inEditors).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('#published source-context-badge').length, null)).toBe(1);

    // The reader types the name at the end of the editor, as the browser's editing commands do.
    await page.click('#editor p:last-child');
    const typed = ' Update: the Ishkobod outpost attack trial opens on Monday.';
    await page.evaluate((text: string) => {
      const editor = document.getElementById('editor') as HTMLElement;
      const last = editor.querySelector('p:last-child') as HTMLElement;
      const range = document.createRange();
      range.selectNodeContents(last);
      range.collapse(false);
      const sel = getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      document.execCommand('insertText', false, text);
    }, typed);
    await sleep(1500);
    const second = await snapshot();
    expect(second.inEditors).toBe(0);
    expect(second.now.editor).toContain(typed.trim());
    expect(await page.evaluate(() => document.activeElement?.id ?? '', null), 'focus stays in the editor').toBe('editor');
  });

  it('form-fields.html: never touches a textarea, an input value or a select, before or after typing', async () => {
    const page = await open('/hostile/form-fields.html');
    await page.waitForBadge('incident', INCIDENT);
    await page.settle(600);
    const read = () =>
      page.evaluate(() => ({
        now: {
          subject: (document.getElementById('subject') as HTMLInputElement).value,
          body: (document.getElementById('body') as HTMLTextAreaElement).value,
          topic: (document.getElementById('topic') as HTMLSelectElement).value,
          form: document.getElementById('form')?.innerHTML ?? '',
        },
        before: (window as unknown as PageWindow).fixtureOriginal as Record<string, string>,
        inForm: document.querySelectorAll('form source-context-badge').length,
        intro: document.querySelectorAll('#intro source-context-badge').length,
      }), null);
    const first = await read();
    expect(first.now).toEqual(first.before);
    expect(first.inForm).toBe(0);
    expect(first.intro).toBe(1);
    await page.click('#body');
    await page.evaluate(() => {
      const body = document.getElementById('body') as HTMLTextAreaElement;
      body.setSelectionRange(body.value.length, body.value.length);
      document.execCommand('insertText', false, ' See also the Ishkobod border outpost statement.');
    }, null);
    await sleep(1200);
    const second = await read();
    expect(second.inForm).toBe(0);
    expect(second.now.body).toBe(`${first.before.body} See also the Ishkobod border outpost statement.`);
    expect(second.now.subject).toBe(first.before.subject);
  });

  it('custom-element-clash.html: the page\u2019s own <source-context-badge> and its patched built-ins cause no error and stay the page\u2019s', async () => {
    const page = await open('/hostile/custom-element-clash.html');
    await page.settle(1500, 8000);
    // Runs in the page world, where Array.prototype.map is the page's patched one: not used here.
    const seen = await page.evaluate(() => {
      const w = window as unknown as PageWindow;
      const widgets = Array.from(document.querySelectorAll('source-context-badge[label]'), (el) => el.shadowRoot?.textContent ?? '');
      const ours = Array.from(document.querySelectorAll('source-context-badge[data-kind]'), (el) => ({
        id: el.getAttribute('data-id'),
        pageRoot: el.shadowRoot !== null,
        label: el.shadowRoot?.textContent ?? null,
      }));
      return {
        before: w.fixtureOriginal as { widgets: number; labels: string[] },
        widgets: widgets.length,
        labels: widgets,
        calls: w.patchCalls,
        callsAtLoad: w.patchCallsAtLoad,
        ours,
      };
    }, null);
    console.info(`[${browser}] custom-element-clash: our badges ${JSON.stringify(seen.ours)}, page patch calls ${JSON.stringify(seen.callsAtLoad)} → ${JSON.stringify(seen.calls)}`);
    expect(seen.widgets).toBe(seen.before.widgets);
    expect(seen.labels).toEqual(seen.before.labels);
    // The content script runs in its own world: the page's patched appendChild, map and JSON.parse
    // never see our calls (the page's attachShadow runs only if the page's own element class is
    // applied to an element we create, which is the browser's doing, not a call of ours).
    expect({ ...(seen.calls as object), attachShadow: 0 }).toEqual({ ...(seen.callsAtLoad as object), attachShadow: 0 });
    // Whatever we left is ours and whole: no badge taken over by the page's class.
    expect(seen.ours.filter((b) => b.pageRoot), 'badges of ours rendered by the page\u2019s element class').toEqual([]);
    // Badge or not, the mention is found: the toolbar panel lists it.
    const found = await findingsOf(d(), page);
    expect(found.mentions.some((m) => m.kind === 'incident' && m.id === INCIDENT), 'the panel lists the incident').toBe(true);
  });

  it('removes-our-elements.html: a page that removes and moves our badges and sweeps our popup host gets no error and a working popup', async () => {
    const page = await open('/hostile/removes-our-elements.html');
    const log = await waitFor(
      () => page.evaluate(() => ((window as unknown as PageWindow).fixtureLog as string[]).join(' | '), null),
      (s) => s.includes('swept after'),
      'the page\u2019s sweep',
      15_000,
    );
    expect(log).toContain('removed one badge');
    expect(log).toContain('moved one badge');
    await page.settle(800);
    // The moved badge still opens the popup, from its new place.
    await page.click('#footer source-context-badge');
    const dialog = await waitForDialog(page);
    expect(dialog.text).toContain('Ishkobod');
    await page.press('Escape');
    // The page sweeps every element of ours out, the popup host included, while a popup is open.
    await page.click('#p3 source-context-badge');
    await waitForDialog(page);
    await page.evaluate(() => (document.getElementById('relayout') as HTMLButtonElement).click(), null);
    await waitFor(() => page.dialogs(), (list) => list.length === 0, 'the popup gone with its host');
    expect(await page.badges()).toEqual([]);
    // Still alive: new text gets a badge, and its popup opens (the popup host comes back).
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'p4';
      p.textContent = 'Late update: a memorial was unveiled at the Ishkobod outpost.';
      document.querySelector('article')?.append(p);
    }, null);
    await waitFor(() => page.evaluate(() => document.querySelectorAll('#p4 source-context-badge').length, null), (n) => n === 1, 'a badge on the new paragraph');
    await page.click('#p4 source-context-badge');
    await waitForDialog(page);
    await page.press('Escape');
    // Whatever the page did with our elements, unmarking leaves exactly the page as served.
    await page.evaluate(() => document.getElementById('p4')?.remove(), null);
    await setSite('off');
    await waitFor(() => page.badges(), (b) => b.length === 0, 'badges removed');
    const dom = await page.evaluate(async () => {
      const html = await (await fetch(location.href, { cache: 'no-store' })).text();
      return { live: document.body.innerHTML, served: new DOMParser().parseFromString(html, 'text/html').body.innerHTML };
    }, null);
    expect(dom.live).toBe(dom.served);
  });

  describe('react-rerender.html', () => {
    type AppState = { renders: number; errors: string[] };
    const appState = (page: DriverPage): Promise<AppState> => page.evaluate(() => (window as unknown as PageWindow).fixtureApp as AppState, null);
    /** Per update paragraph (document order): its id, whether its text names the incident, and its incident badges. */
    const paragraphs = (page: DriverPage) =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('li[data-update]'), (li) => {
          const p = li.querySelector('p.text') as HTMLElement;
          return {
            id: li.getAttribute('data-update') ?? '',
            names: /Ishkobod/.test(p.textContent ?? ''),
            badges: p.querySelectorAll('source-context-badge[data-kind="incident"]').length,
          };
        }),
      null);
    const oneBadgePerNamingParagraph = async (page: DriverPage, what: string): Promise<void> => {
      await waitFor(() => paragraphs(page), (list) => list.length === 5 && list.every((p) => p.badges === (p.names ? 1 : 0)), what, 6000);
      expect(await incidentBadgeCount(page), `${what}: no other incident badge on the page`).toBe((await paragraphs(page)).filter((p) => p.names).length);
    };
    const bodyHtml = (page: DriverPage): Promise<string> => page.evaluate(() => document.body.innerHTML, null);
    const highlightCount = (page: DriverPage): Promise<number> =>
      page.evaluate(() => {
        const h = (CSS as unknown as { highlights?: { size: number } }).highlights;
        return h ? h.size : 0;
      }, null);

    it('keeps React working through re-render, reorder and rewrite, with one badge per naming paragraph, and unmarking restores the DOM', async () => {
      await setSite('off');
      const page = await open('/hostile/react-rerender.html');
      await waitFor(() => paragraphs(page), (list) => list.length === 5, 'React rendered the updates');
      await page.settle(500);
      const pristine = await bodyHtml(page);
      await page.evaluate(rememberTextNodes, null);

      await setSite('on');
      await oneBadgePerNamingParagraph(page, 'marked after switching on');
      // React's own text nodes are the ones it will update: none split, rewritten or replaced.
      expect(await page.evaluate(textNodeChanges, null)).toEqual([]);
      // Unmarking restores React's DOM exactly (nothing of ours left, no text node split).
      await setSite('off');
      await waitFor(() => page.badges(), (b) => b.length === 0, 'badges removed');
      expect(await bodyHtml(page)).toBe(pristine);
      expect(await highlightCount(page)).toBe(0);

      await setSite('on');
      await oneBadgePerNamingParagraph(page, 'marked again');
      const renders = (await appState(page)).renders;

      await page.click('#refresh');
      await waitFor(() => appState(page), (s) => s.renders > renders, 'React re-rendered');
      await oneBadgePerNamingParagraph(page, 'after a re-render');

      const orderBefore = (await paragraphs(page)).map((p) => p.id).join();
      await page.click('#order');
      await waitFor(() => paragraphs(page), (list) => list.map((p) => p.id).join() !== orderBefore, 'React reordered');
      await oneBadgePerNamingParagraph(page, 'after a reorder');

      await page.click('#correct');
      await waitFor(() => paragraphs(page), (list) => list.some((p) => p.id === 'u3' && !p.names), 'the correction applied');
      await oneBadgePerNamingParagraph(page, 'after the text was rewritten not to name the incident');
      expect((await paragraphs(page)).find((p) => p.id === 'u3')?.badges, 'the rewritten paragraph lost its badge').toBe(0);

      await page.click('#correct');
      await waitFor(() => paragraphs(page), (list) => list.some((p) => p.id === 'u3' && p.names), 'the correction undone');
      await oneBadgePerNamingParagraph(page, 'after the name came back');

      // Back to React's first state, then unmarked: the DOM is as React first rendered it.
      await page.click('#order');
      await waitFor(() => paragraphs(page), (list) => list.map((p) => p.id).join() === orderBefore, 'original order');
      await oneBadgePerNamingParagraph(page, 'back in the original order');
      const state = await appState(page);
      expect(state.errors, 'errors reported by React or the window').toEqual([]);
      await setSite('off');
      await waitFor(() => page.badges(), (b) => b.length === 0, 'badges removed');
      const final = await bodyHtml(page);
      // The refresh count and relative times moved on; compare with them put back.
      const normalise = (html: string): string => html.replace(/Refreshed \d+ times/, 'Refreshed N times').replace(/ · \d+ min ago/g, ' · N min ago');
      expect(normalise(final)).toBe(normalise(pristine));
      // The app still answers its buttons.
      await page.click('#refresh');
      await waitFor(() => appState(page), (s) => s.renders > state.renders, 'React still re-renders');
      expect((await appState(page)).errors).toEqual([]);
    });
  });

  it('rtl.html: badges sit inside their right-to-left paragraphs and the popup opens beside its badge, inside the window', async () => {
    const page = await open('/hostile/rtl.html');
    await page.waitForBadge('incident', INCIDENT);
    await page.waitForBadge('publisher', 'hizb-ut-tahrir-cmo');
    await page.settle(600);
    const placed = await page.evaluate(() =>
      ['p1', 'p3'].map((id) => {
        const p = document.getElementById(id) as HTMLElement;
        const badge = p.querySelector('source-context-badge') as HTMLElement | null;
        if (!badge) return { id, inside: false, direction: '', width: 0 };
        const pr = p.getBoundingClientRect();
        const br = badge.getBoundingClientRect();
        return {
          id,
          inside: br.left >= pr.left - 1 && br.right <= pr.right + 1 && br.top >= pr.top - 1 && br.bottom <= pr.bottom + 1,
          direction: getComputedStyle(badge).direction,
          width: br.width,
        };
      }),
    null);
    for (const b of placed) {
      expect(b.inside, `${b.id}: badge inside its paragraph`).toBe(true);
      expect(b.direction).toBe('rtl');
      expect(b.width).toBeGreaterThan(8);
    }
    await page.click('#p1 source-context-badge');
    await waitForDialog(page);
    const geometry = await inspectOurUi(page, (...roots) => {
      const popup = roots.find((r) => r.host.localName === 'source-context-popup');
      const dialog = popup?.querySelector('[role="dialog"]');
      const badge = document.querySelector('#p1 source-context-badge');
      if (!dialog || !badge) return null;
      const d = dialog.getBoundingClientRect();
      const b = badge.getBoundingClientRect();
      return { d: [d.left, d.top, d.right, d.bottom], b: [b.left, b.top, b.right, b.bottom], vw: document.documentElement.clientWidth, vh: document.documentElement.clientHeight };
    });
    expect(geometry, 'the popup dialog in our shadow root').not.toBeNull();
    if (!geometry) return;
    const [dl, dt, dr, db] = geometry.d as [number, number, number, number];
    const [bl, bt, br, bb] = geometry.b as [number, number, number, number];
    expect(dl).toBeGreaterThanOrEqual(0);
    expect(dt).toBeGreaterThanOrEqual(0);
    expect(dr).toBeLessThanOrEqual(geometry.vw);
    expect(db).toBeLessThanOrEqual(geometry.vh);
    // Beside its badge: overlapping it horizontally, just above or below it.
    expect(dl <= br && dr >= bl, `dialog ${geometry.d} spans badge ${geometry.b} horizontally`).toBe(true);
    expect(Math.min(Math.abs(dt - bb), Math.abs(bt - db))).toBeLessThan(40);
  });

  it('aggressive-css.html: the badge stays visible and the popup readable under `* { all: unset !important }` and rules hiding our elements', async () => {
    const page = await open('/hostile/aggressive-css.html');
    await page.waitForBadge('incident', INCIDENT);
    await page.settle(600);
    const badge = await inspectOurUi(page, (...roots) => {
      const root = roots.find((r) => r.host.localName === 'source-context-badge');
      const button = root?.querySelector('button');
      if (!root || !button) return null;
      const host = root.host.getBoundingClientRect();
      const b = button.getBoundingClientRect();
      const cs = getComputedStyle(button);
      return { host: [host.width, host.height], button: [b.width, b.height], display: getComputedStyle(root.host).display, visibility: cs.visibility, opacity: cs.opacity, fontSize: parseFloat(cs.fontSize) };
    });
    expect(badge, 'our badge and its button').not.toBeNull();
    if (!badge) return;
    expect(badge.display).not.toBe('none');
    expect(badge.visibility).toBe('visible');
    expect(badge.opacity).toBe('1');
    expect(Math.min(...(badge.host as number[]), ...(badge.button as number[]))).toBeGreaterThan(10);
    expect(badge.fontSize).toBeGreaterThanOrEqual(11);
    await page.click(BADGE('incident', INCIDENT));
    const dialog = await waitForDialog(page);
    expect(dialog.text).toContain('Ishkobod');
    const popup = await inspectOurUi(page, (...roots) => {
      const root = roots.find((r) => r.host.localName === 'source-context-popup');
      const dialogEl = root?.querySelector('[role="dialog"]');
      if (!root || !dialogEl) return null;
      // The first paragraph of text inside the dialog, and the colour behind it.
      const walker = document.createTreeWalker(dialogEl, NodeFilter.SHOW_TEXT);
      let textEl: Element | null = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if ((n.textContent ?? '').trim().length > 20 && n.parentElement) {
          textEl = n.parentElement;
          break;
        }
      }
      const rgb = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).map(Number);
      const background = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement ?? (e.getRootNode() instanceof ShadowRoot ? (e.getRootNode() as ShadowRoot).host : null)) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length >= 3 && (c.length < 4 || (c[3] ?? 0) > 0.9)) return c;
        }
        return [255, 255, 255];
      };
      const luminance = (c: number[]): number => {
        const [r, g, b] = c.slice(0, 3).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        }) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const r = dialogEl.getBoundingClientRect();
      const cs = textEl ? getComputedStyle(textEl) : null;
      const fg = cs ? rgb(cs.color) : [0, 0, 0];
      const l1 = luminance(fg);
      const l2 = luminance(background(textEl));
      return {
        rect: [r.left, r.top, r.width, r.height],
        vw: document.documentElement.clientWidth,
        vh: document.documentElement.clientHeight,
        display: getComputedStyle(root.host).display,
        fontSize: cs ? parseFloat(cs.fontSize) : 0,
        contrast: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
      };
    });
    expect(popup, 'our popup dialog').not.toBeNull();
    if (!popup) return;
    console.info(`[${browser}] aggressive-css: badge ${JSON.stringify(badge)}, popup ${JSON.stringify(popup)}`);
    const [left, top, width, height] = popup.rect as [number, number, number, number];
    expect(popup.display).not.toBe('none');
    expect(width).toBeGreaterThan(240);
    expect(height).toBeGreaterThan(100);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(left + width).toBeLessThanOrEqual(popup.vw + 1);
    expect(popup.fontSize).toBeGreaterThanOrEqual(12);
    expect(popup.fontSize).toBeLessThanOrEqual(24);
    expect(popup.contrast).toBeGreaterThanOrEqual(4.5);
  });

  describe('layout: marking moves nothing but the text after a badge on its line, and unmarking restores the DOM', () => {
    it.each(['strict-csp.html', 'rtl.html', 'aggressive-css.html', 'form-fields.html', 'shadow-dom.html', 'contenteditable.html'])('%s', async (fixture) => {
      await setSite('off');
      const page = await open(`/hostile/${fixture}`);
      await page.settle(500);
      const before = await page.evaluate(blockBoxes, null);
      const pristine = await page.evaluate(() => document.body.innerHTML, null);
      await page.evaluate(rememberTextNodes, null);
      // Chromium reports layout shifts (Firefox has no Layout Instability API: the sum stays 0).
      await page.evaluate(() => {
        const w = window as unknown as PageWindow;
        w.shiftScore = 0;
        if (PerformanceObserver.supportedEntryTypes.includes('layout-shift')) {
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
              if (!e.hadRecentInput) w.shiftScore = (w.shiftScore as number) + e.value;
            }
          }).observe({ type: 'layout-shift' });
        }
      }, null);
      await setSite('on');
      await page.waitForBadge('incident', INCIDENT);
      await page.settle(600);
      const after = await page.evaluate(blockBoxes, null);
      const shift = await page.evaluate(() => (window as unknown as PageWindow).shiftScore as number, null);
      const wrapped = after.filter((a, i) => a.height > (before[i]?.height ?? 0) + 0.5).map((a) => a.tag);
      console.info(`[${browser}] layout ${fixture}: ${after.reduce((n, b) => n + (b.parent < 0 ? b.badges : 0), 0)} badge(s), layout-shift score ${shift.toFixed(4)}, blocks one line taller (badge wrapped): ${JSON.stringify(wrapped)}`);
      expect(layoutChanges(before, after)).toEqual([]);
      expect(await page.evaluate(textNodeChanges, null), 'the page\u2019s text nodes: none split, rewritten or added').toEqual([]);
      expect(shift, 'cumulative layout shift caused by marking').toBeLessThan(0.05);
      await setSite('off');
      await waitFor(() => page.badges(), (b) => b.length === 0, 'badges removed');
      expect(await page.evaluate(() => document.body.innerHTML, null)).toBe(pristine);
    });
  });
});
