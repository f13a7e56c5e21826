/**
 * A reader's channel subscriptions as stored (storage.local, key `channels`; a stored key is a
 * contract, so a change of shape is a migration), their check back from `unknown`, and when the next
 * check is due; also the checks of the other channel values the options page receives (a preview, a
 * refusal). Pure: the background reads and writes them (`background/channels.ts`), the options page
 * shows them.
 */
import type { AcceptedRelease } from './channel.ts';
import type { RefusalCode } from './channel-keys.ts';
import type { ChannelCurator, ChannelScope } from './channel-manifest.ts';
import type { ChannelPreview, ChannelProblem, ValidationIssue } from './messages.ts';

export const CHANNELS_KEY = 'channels';

/** Why a check (or a preview, or subscribing) failed, beyond the channel checks' own refusals. */
export type CheckFailure = RefusalCode | 'network' | 'permission' | 'store' | 'link';

export interface ChannelCheck {
  /** ms since epoch. */
  at: number;
  ok: boolean;
  code?: CheckFailure;
  message?: string;
  issues?: ValidationIssue[];
}

export interface Subscription {
  /** The channel's id, pinned when subscribing. */
  channel: string;
  manifestUrl: string;
  /** `https://host[:port]`: the one origin the extension may reach for this channel. */
  origin: string;
  /** The curator's public key, base64url. */
  key: string;
  fingerprint: string;
  /** The scope the reader accepted. */
  scope: ChannelScope;
  /** From the last accepted manifest. */
  curator: ChannelCurator;
  /** The name its pack is stored under. */
  packName: string;
  release: AcceptedRelease;
  /** The last accepted manifest's expiry. */
  expires: string;
  subscribedAt: number;
  /** When the data was last written or confirmed current (a refresh). */
  updatedAt: number;
  lastCheck: ChannelCheck;
  /** ms since epoch. */
  nextCheck: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * The next check: a day from `now`, at a moment within the following hour drawn by `random`, so
 * that the time of a check says nothing about what the reader was doing, and readers do not all ask
 * at once.
 */
export const nextCheckAt = (now: number, random: () => number): number => now + DAY_MS + Math.floor(random() * HOUR_MS);

/** The alarm that runs a channel's check. */
export const ALARM_PREFIX = 'channel:';
export const alarmName = (channel: string): string => `${ALARM_PREFIX}${channel}`;

/**
 * The permission pattern for a channel's origin (`https://desk.example/*`): scheme and host, without
 * the port. Firefox's match patterns cannot hold a port (a pattern with one is refused), and a
 * pattern without one matches every port in both browsers.
 */
export function originPattern(origin: string): string {
  try {
    const u = new URL(origin);
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return `${origin}/*`;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every(isStr) ? v : null);

function parseIssues(v: unknown): ValidationIssue[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((i): i is ValidationIssue => isObj(i) && isStr(i.path) && isStr(i.message)).map((i) => ({ path: i.path, message: i.message }));
}

function parseCheck(v: unknown): ChannelCheck | null {
  if (!isObj(v) || !isTime(v.at) || typeof v.ok !== 'boolean') return null;
  const issues = parseIssues(v.issues);
  return {
    at: v.at,
    ok: v.ok,
    ...(isStr(v.code) ? { code: v.code as CheckFailure } : {}),
    ...(isStr(v.message) ? { message: v.message } : {}),
    ...(issues && issues.length > 0 ? { issues } : {}),
  };
}

/** One stored subscription, or null when it is not one (a damaged entry is dropped, never guessed at). */
export function parseSubscription(v: unknown): Subscription | null {
  if (!isObj(v) || !isObj(v.scope) || !isObj(v.curator) || !isObj(v.release)) return null;
  const { channel, manifestUrl, origin, key, fingerprint, packName, expires, subscribedAt, updatedAt, nextCheck } = v;
  const domains = strings(v.scope.domains);
  const incidentIds = strings(v.scope.incidentIds);
  const c = v.curator;
  const r = v.release;
  const lastCheck = parseCheck(v.lastCheck);
  if (
    !isStr(channel) || !isStr(manifestUrl) || !isStr(origin) || !isStr(key) || !isStr(fingerprint) || !isStr(packName) || !isStr(expires) ||
    !isTime(subscribedAt) || !isTime(updatedAt) || !isTime(nextCheck) || !domains || !incidentIds || !lastCheck ||
    !isStr(c.name) || !isStr(c.homepage) || !isStr(c.contact) ||
    typeof r.version !== 'number' || !isStr(r.sha256) || !isStr(r.issued)
  ) {
    return null;
  }
  return {
    channel,
    manifestUrl,
    origin,
    key,
    fingerprint,
    scope: { domains, incidentIds },
    curator: { name: c.name, homepage: c.homepage, contact: c.contact },
    packName,
    release: { version: r.version, sha256: r.sha256, issued: r.issued },
    expires,
    subscribedAt,
    updatedAt,
    lastCheck,
    nextCheck,
  };
}

/** The stored list; entries that are not subscriptions are left out. */
export function parseSubscriptions(v: unknown): Subscription[] {
  return Array.isArray(v) ? v.map(parseSubscription).filter((s): s is Subscription => s !== null) : [];
}

/** A channel preview as the options page receives it, or null when it is not one. */
export function parseChannelPreview(v: unknown): ChannelPreview | null {
  if (!isObj(v) || !isObj(v.curator) || !isObj(v.pack) || !isObj(v.scope)) return null;
  const { manifestUrl, origin, fingerprint, channel, issued, expires } = v;
  const c = v.curator;
  if (![manifestUrl, origin, fingerprint, channel, issued, expires, c.name, c.homepage, c.contact, v.pack.id].every(isStr)) return null;
  const domains = strings(v.scope.domains);
  const incidentIds = strings(v.scope.incidentIds);
  const version = v.pack.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || !domains || !incidentIds) return null;
  return {
    manifestUrl: manifestUrl as string,
    origin: origin as string,
    fingerprint: fingerprint as string,
    channel: channel as string,
    curator: { name: c.name as string, homepage: c.homepage as string, contact: c.contact as string },
    pack: { id: v.pack.id as string, version },
    issued: issued as string,
    expires: expires as string,
    scope: { domains, incidentIds },
  };
}

/** A channel refusal; a plain string (a refusal by the router, a failed send) becomes one with code `network`. */
export function parseChannelProblem(v: unknown): ChannelProblem {
  if (!isObj(v) || !isStr(v.code) || !isStr(v.message)) return { code: 'network', message: isStr(v) ? v : 'unexpected reply', issues: [] };
  return { code: v.code as CheckFailure, message: v.message, issues: parseIssues(v.issues) ?? [] };
}
