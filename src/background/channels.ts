/**
 * Curator channels in the background (docs/channel-format.md, sections 5 and 6): previewing a
 * channel before subscribing, subscribing, the scheduled and the reader's checks, and unsubscribing.
 *
 * The only network requests the extension makes are here, and they are made only for a channel the
 * reader subscribed to, to its origin, on its alarm or on "Update now" (never because of a page),
 * without cookies, referrer or cache validators. A check verifies everything (`core/channel.ts`)
 * before the loader writes the pack in one transaction; on any failure the last good copy stays and
 * the failure is kept with its time for the options page.
 *
 * Every operation runs through one queue, so a scheduled check, "Update now" and unsubscribing
 * never interleave. Longer than most files because those operations share the queue, the fetch with
 * its limits and the stored list, and read best beside them.
 */
import browser from 'webextension-polyfill';
import { checkFile, checkPack, releaseOf, verifyManifest, type ManifestContext } from '../core/channel.ts';
import { fileUrl, parseSubscriptionLink, pinKey, type Refusal } from '../core/channel-keys.ts';
import { MAX_MANIFEST_BYTES, type ChannelManifest, type ChannelScope } from '../core/channel-manifest.ts';
import {
  ALARM_PREFIX,
  CHANNELS_KEY,
  alarmName,
  nextCheckAt,
  originPattern,
  parseSubscriptions,
  type ChannelCheck,
  type Subscription,
} from '../core/channel-subscription.ts';
import type { Dataset } from '../core/dataset-types.ts';
import type { ChannelPreview, ChannelProblem, DatasetInfo, ValidationIssue } from '../core/messages.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { ChannelImport } from './loader.ts';

/** How long one request may take before it is given up. */
const REQUEST_TIMEOUT_MS = 120_000;

export interface ChannelDeps {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /**
   * Validates and stores a pack as an import does, in one transaction; `via.accept` runs on the
   * validated pack before anything is written and refuses it with its issues.
   */
  importPack: (text: string, via: ChannelImport) => Promise<Result<DatasetInfo, ValidationIssue[]>>;
  removePack: (name: string) => Promise<Result<DatasetInfo>>;
  alarms: {
    create: (name: string, info: { when: number }) => void | Promise<void>;
    clear: (name: string) => Promise<boolean>;
    getAll: () => Promise<{ name: string }[]>;
  };
  permissions: {
    contains: (p: { origins: string[] }) => Promise<boolean>;
    remove: (p: { origins: string[] }) => Promise<boolean>;
  };
  now?: () => number;
  random?: () => number;
}

export type Channels = ReturnType<typeof createChannels>;

const problem = (code: ChannelProblem['code'], message: string, issues: ValidationIssue[] = []): ChannelProblem => ({ code, message, issues });
const fromRefusal = (r: Refusal): ChannelProblem => problem(r.code, r.message, r.issues ?? []);
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * GET `url` as the format's section 6 says: no cookies, no referrer, no HTTP cache (so no validator
 * an earlier response set is sent back), no redirect (which could lead off the channel's origin);
 * at most `maxBytes`, reading stops past it.
 */
async function fetchBytes(deps: ChannelDeps, url: string, maxBytes: number): Promise<Result<Uint8Array<ArrayBuffer>, ChannelProblem>> {
  let res: Response;
  try {
    res = await deps.fetch(url, {
      method: 'GET',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'error',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (e) {
    return err(problem('network', `${url} could not be reached (${messageOf(e)})`));
  }
  if (!res.ok) return err(problem('network', `${url} answered HTTP ${res.status}`));
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  const tooLong = () => err(problem('file', `${url} is longer than the ${maxBytes} bytes allowed`));
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return tooLong();
  }
  try {
    if (!res.body) {
      const whole = new Uint8Array(await res.arrayBuffer());
      return whole.byteLength > maxBytes ? tooLong() : ok(whole);
    }
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLong();
      }
      chunks.push(value);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return ok(out);
  } catch (e) {
    return err(problem('network', `${url} could not be read to the end (${messageOf(e)})`));
  }
}

/** The preview the options page shows before the reader subscribes. */
function previewOf(manifestUrl: string, origin: string, fingerprint: string, m: ChannelManifest): ChannelPreview {
  return { manifestUrl, origin, fingerprint, channel: m.channel, curator: m.curator, pack: m.pack, issued: m.issued, expires: m.expires, scope: m.scope };
}

export function createChannels(deps: ChannelDeps) {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  let queue: Promise<unknown> = Promise.resolve();

  function serial<T>(job: () => Promise<T>): Promise<T> {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  }

  async function readList(): Promise<Subscription[]> {
    const stored = await browser.storage.local.get(CHANNELS_KEY);
    return parseSubscriptions(stored[CHANNELS_KEY]);
  }
  const writeList = (list: Subscription[]): Promise<void> => browser.storage.local.set({ [CHANNELS_KEY]: list });

  async function schedule(sub: Subscription): Promise<void> {
    await deps.alarms.create(alarmName(sub.channel), { when: sub.nextCheck });
  }

  /** The manifest at `manifestUrl`, verified against `ctx`. */
  async function fetchManifest(manifestUrl: string, ctx: ManifestContext) {
    const bytes = await fetchBytes(deps, manifestUrl, MAX_MANIFEST_BYTES);
    if (!bytes.ok) return bytes;
    const verified = await verifyManifest(bytes.value, ctx);
    return verified.ok ? verified : err(fromRefusal(verified.error));
  }

  /**
   * Downloads the manifest's pack, checks it, and has the loader validate and store it, with the
   * channel's identity and scope checks between validation and writing; the name it is stored
   * under. A new version replaces the channel's pack by its id (the one the manifest names), even
   * when renamed.
   */
  async function fetchAndStore(manifestUrl: string, manifest: ChannelManifest): Promise<Result<string, ChannelProblem>> {
    const file = manifest.files[0];
    if (!file) return err(problem('manifest', 'the manifest names no file'));
    const bytes = await fetchBytes(deps, fileUrl(manifestUrl, file), file.bytes);
    if (!bytes.ok) return bytes;
    const checked = await checkFile(file, bytes.value);
    if (!checked.ok) return err(fromRefusal(checked.error));
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.value);
    } catch {
      return err(problem('pack', `${file.path} is not UTF-8 text`));
    }
    let refusal: Refusal | null = null;
    let name = '';
    const accept = (pack: Dataset): ValidationIssue[] | null => {
      name = pack.name;
      const r = checkPack(manifest, pack);
      if (r.ok) return null;
      refusal = r.error;
      return r.error.issues ?? [{ path: '', message: r.error.message }];
    };
    const stored = await deps.importPack(text, { accept, channel: { id: manifest.channel, host: new URL(manifestUrl).host } });
    if (stored.ok) return ok(name);
    const refused: Refusal | null = refusal;
    return err(refused ? fromRefusal(refused) : problem('pack', `the pack was refused (${stored.error.length} problem${stored.error.length === 1 ? '' : 's'})`, stored.error));
  }

  /** One check of `sub`: its new state (the data written if there is a new version), never a thrown error. */
  async function check(sub: Subscription): Promise<Subscription> {
    const at = now();
    const failed = (p: ChannelProblem): Subscription => ({
      ...sub,
      lastCheck: { at, ok: false, code: p.code, message: p.message, ...(p.issues.length > 0 ? { issues: p.issues } : {}) },
      nextCheck: nextCheckAt(at, random),
    });
    if (!(await deps.permissions.contains({ origins: [originPattern(sub.origin)] }))) {
      return failed(problem('permission', `the extension no longer has access to ${sub.origin}; unsubscribe and subscribe again to grant it`));
    }
    const key = await pinKey(sub.key);
    if (!key.ok) return failed(fromRefusal(key.error));
    const verified = await fetchManifest(sub.manifestUrl, { key: key.value, now: at, channel: sub.channel, acceptedScope: sub.scope, last: sub.release });
    if (!verified.ok) return failed(verified.error);
    const { manifest, change } = verified.value;
    let packName = sub.packName;
    if (change === 'new') {
      const stored = await fetchAndStore(sub.manifestUrl, manifest);
      if (!stored.ok) return failed(stored.error);
      packName = stored.value;
    }
    const lastCheck: ChannelCheck = { at, ok: true };
    return { ...sub, packName, curator: manifest.curator, release: releaseOf(manifest), expires: manifest.expires, updatedAt: at, lastCheck, nextCheck: nextCheckAt(at, random) };
  }

  /** Runs `check` for the channel named and stores its outcome; the list after it. */
  async function checkAndStore(channel: string): Promise<Result<Subscription[]>> {
    const sub = (await readList()).find((s) => s.channel === channel);
    if (!sub) return err(`there is no channel "${channel}"`);
    const next = await check(sub);
    // Re-read: the list may have changed while the check ran (it is short, but a wake can overlap).
    const list = (await readList()).map((s) => (s.channel === channel ? next : s));
    await writeList(list);
    await schedule(next);
    return ok(list);
  }

  /** Removes the host permission for `origin` unless another subscription still uses it. */
  async function releaseOrigin(origin: string, list: readonly Subscription[]): Promise<void> {
    if (list.some((s) => s.origin === origin)) return;
    await deps.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  }

  return {
    list(): Promise<Result<Subscription[]>> {
      return readList().then(ok, (e: unknown) => err(`the channels could not be read: ${messageOf(e)}`));
    },

    /** Fetches and verifies the manifest behind a subscription link; nothing is stored. */
    preview(link: string): Promise<Result<ChannelPreview, ChannelProblem>> {
      return serial(async () => {
        const parsed = parseSubscriptionLink(link);
        if (!parsed.ok) return err(problem('link', parsed.error));
        const { manifestUrl, origin, x } = parsed.value;
        if (!(await deps.permissions.contains({ origins: [originPattern(origin)] }))) {
          return err(problem('permission', `the extension was not given access to ${origin}`));
        }
        const key = await pinKey(x);
        if (!key.ok) return err(fromRefusal(key.error));
        const verified = await fetchManifest(manifestUrl, { key: key.value, now: now(), last: null });
        if (!verified.ok) return verified;
        return ok(previewOf(manifestUrl, origin, key.value.fingerprint, verified.value.manifest));
      });
    },

    /**
     * Subscribes: the manifest verified within the scope the reader was shown (`scope`), its pack
     * downloaded, checked and stored, the subscription kept and its first check scheduled.
     */
    subscribe(link: string, scope: ChannelScope): Promise<Result<Subscription[], ChannelProblem>> {
      return serial(async () => {
        const parsed = parseSubscriptionLink(link);
        if (!parsed.ok) return err(problem('link', parsed.error));
        const { manifestUrl, origin, x } = parsed.value;
        const list = await readList();
        if (list.some((s) => s.manifestUrl === manifestUrl)) return err(problem('link', 'already subscribed to this channel'));
        if (!(await deps.permissions.contains({ origins: [originPattern(origin)] }))) {
          return err(problem('permission', `the extension was not given access to ${origin}`));
        }
        const key = await pinKey(x);
        if (!key.ok) return err(fromRefusal(key.error));
        const at = now();
        const verified = await fetchManifest(manifestUrl, { key: key.value, now: at, acceptedScope: scope, last: null });
        if (!verified.ok) return verified;
        const { manifest } = verified.value;
        if (list.some((s) => s.channel === manifest.channel)) return err(problem('channel', `already subscribed to a channel "${manifest.channel}"`));
        const stored = await fetchAndStore(manifestUrl, manifest);
        if (!stored.ok) return stored;
        const sub: Subscription = {
          channel: manifest.channel,
          manifestUrl,
          origin,
          key: x,
          fingerprint: key.value.fingerprint,
          scope,
          curator: manifest.curator,
          packName: stored.value,
          release: releaseOf(manifest),
          expires: manifest.expires,
          subscribedAt: at,
          updatedAt: at,
          lastCheck: { at, ok: true },
          nextCheck: nextCheckAt(at, random),
        };
        const next = [...(await readList()), sub];
        try {
          await writeList(next);
        } catch (e) {
          // The pack is stored but the subscription is not: take the pack out again rather than leave an orphan.
          await deps.removePack(sub.packName);
          return err(problem('store', `the subscription could not be saved: ${messageOf(e)}`));
        }
        await schedule(sub);
        return ok(next);
      });
    },

    /** "Update now": one check of the channel, whatever its schedule. */
    update(channel: string): Promise<Result<Subscription[]>> {
      return serial(() => checkAndStore(channel));
    },

    /** Removes every trace of the channel: its pack, its state, its alarm and (unless shared) the host permission. */
    unsubscribe(channel: string): Promise<Result<Subscription[]>> {
      return serial(async () => {
        const list = await readList();
        const sub = list.find((s) => s.channel === channel);
        if (!sub) return err(`there is no channel "${channel}"`);
        const removed = await deps.removePack(sub.packName);
        // A pack already gone (removed by hand on the options page) is no reason to keep the rest.
        if (!removed.ok && !removed.error.startsWith('There is no pack')) return err(removed.error);
        const rest = list.filter((s) => s !== sub);
        await writeList(rest);
        await deps.alarms.clear(alarmName(channel));
        await releaseOrigin(sub.origin, rest);
        return ok(rest);
      });
    },

    /** An alarm fired: the check for its channel, if it is one of ours. */
    onAlarm(name: string): Promise<void> {
      if (!name.startsWith(ALARM_PREFIX)) return Promise.resolve();
      return serial(() => checkAndStore(name.slice(ALARM_PREFIX.length))).then(() => undefined);
    },

    /**
     * Worker start: every subscription has its alarm (Firefox does not keep alarms across a browser
     * restart), a missed one set a minute or so ahead rather than in the past.
     */
    onStart(): Promise<void> {
      return serial(async () => {
        const [list, alarms] = await Promise.all([readList(), deps.alarms.getAll()]);
        const have = new Set(alarms.map((a) => a.name));
        const soonest = now() + 60_000;
        for (const sub of list) {
          if (!have.has(alarmName(sub.channel))) await deps.alarms.create(alarmName(sub.channel), { when: Math.max(sub.nextCheck, soonest + Math.floor(random() * 60_000)) });
        }
      });
    },

    /** For use in tests: resolves when every queued operation has finished. */
    idle(): Promise<unknown> {
      return queue;
    },
  };
}
