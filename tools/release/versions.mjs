// The release's bookkeeping, kept pure so it is tested without a build: the next version, the
// version written into the JSON files, and CHANGELOG.md's new entry.

/** A mistake in what the release was asked to do (a bad version, an entry that exists already). */
export class ReleaseInputError extends Error {}

// The extension version format both stores accept: one to four dot-separated integers, each at
// most 65535, without leading zeros (developer.chrome.com, manifest "version").
const VERSION = /^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/;

const parts = (v) => v.split('.').map(Number);

export function isVersion(v) {
  return typeof v === 'string' && VERSION.test(v) && parts(v).every((n) => n <= 65535);
}

/** Negative, zero or positive as `a` is lower than, equal to or higher than `b` (missing parts are 0). */
export function compareVersions(a, b) {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `target` as a version: `major`, `minor` or `patch` raise that part of `current`; anything else must be a version itself. */
export function bumpVersion(current, target) {
  if (!isVersion(current)) throw new ReleaseInputError(`manifest.json has no valid version (${current})`);
  const [major = 0, minor = 0, patch = 0] = parts(current);
  if (target === 'major') return `${major + 1}.0.0`;
  if (target === 'minor') return `${major}.${minor + 1}.0`;
  if (target === 'patch') return `${major}.${minor}.${patch + 1}`;
  if (!isVersion(target)) throw new ReleaseInputError(`${target} is not a version the stores accept (1 to 4 numbers 0–65535, as 1.2.3)`);
  return target;
}

/**
 * `text` (a JSON file) with its top-level `version` set, and for a package-lock.json the root
 * package's too. The file keeps its layout when it is laid out as JSON.stringify(…, null, 2) does,
 * as npm writes package files and as manifest.json is.
 */
export function setJsonVersion(text, version, isLock = false) {
  const data = JSON.parse(text);
  const asWritten = `${JSON.stringify(data, null, 2)}\n`;
  data.version = version;
  if (isLock && data.packages && data.packages['']) data.packages[''].version = version;
  if (asWritten === text) return `${JSON.stringify(data, null, 2)}\n`;
  // Laid out by hand: change the first top-level "version" line only.
  const replaced = text.replace(/^( {2}|\t)"version":\s*"[^"]*"/m, `$1"version": "${version}"`);
  if (JSON.parse(replaced).version !== version) throw new ReleaseInputError('could not find the top-level "version" to change');
  return replaced;
}

const HEADING = /^## (.+)$/gm;

/**
 * CHANGELOG.md with the "Unreleased" section's notes moved under `## <version> (<date>)`, and an
 * empty "Unreleased" section left above it. When that section is empty the entry lists `commits`
 * (their subjects); with neither, there is nothing to release and it throws, as it does when the
 * version has an entry already.
 */
export function releaseChangelog(text, version, date, commits) {
  const base = text.trim() ? text : '# Changelog\n\n## Unreleased\n';
  const headings = [...base.matchAll(HEADING)].map((m) => ({ title: m[1].trim(), at: m.index, end: m.index + m[0].length }));
  if (headings.some((h) => h.title === version || h.title.startsWith(`${version} `))) {
    throw new ReleaseInputError(`CHANGELOG.md already has an entry for ${version}`);
  }
  const i = headings.findIndex((h) => h.title.toLowerCase() === 'unreleased');
  const unreleased = i >= 0 ? headings[i] : null;
  const bodyEnd = unreleased ? (headings[i + 1]?.at ?? base.length) : -1;
  const notes = unreleased ? base.slice(unreleased.end, bodyEnd).trim() : '';
  const body = notes || commits.map((c) => `- ${c}`).join('\n');
  if (!body) throw new ReleaseInputError('nothing to release: the Unreleased section is empty and there is no commit since the last release');
  const entry = `## Unreleased\n\n## ${version} (${date})\n\n${body}\n\n`;
  if (!unreleased) {
    const first = headings[0]?.at ?? base.length;
    return `${base.slice(0, first).trimEnd()}\n\n${entry}${base.slice(first)}`.replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
  }
  return `${base.slice(0, unreleased.at)}${entry}${base.slice(bodyEnd)}`.trimEnd() + '\n';
}
