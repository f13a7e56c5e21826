// Types for versions.mjs (plain JavaScript so `npm run release` runs under Node without a TS step).

export class ReleaseInputError extends Error {}
export function isVersion(v: unknown): boolean;
export function compareVersions(a: string, b: string): number;
export function bumpVersion(current: string, target: string): string;
export function setJsonVersion(text: string, version: string, isLock?: boolean): string;
export function releaseChangelog(text: string, version: string, date: string, commits: readonly string[]): string;
