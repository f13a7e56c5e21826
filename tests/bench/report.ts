/**
 * Figures from raw runs (medians, ms per MB, ratios, growth), the budget verdicts, and the table
 * printed at the end. The JSON written beside it keeps every raw sample too.
 */

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

export const min = (xs: readonly number[]): number => (xs.length ? Math.min(...xs) : NaN);

/** Million characters of text (the pages are mostly ASCII, so about MB of text). */
export const mb = (chars: number): number => chars / 1_000_000;

/**
 * Exponent b of cost ≈ a·size^b, least squares on logs: 1 is linear in page size, 2 quadratic.
 * Needs two or more points with positive values.
 */
export function growthExponent(points: readonly { size: number; ms: number }[]): number {
  const p = points.filter((x) => x.size > 0 && x.ms > 0);
  if (p.length < 2) return NaN;
  const xs = p.map((x) => Math.log(x.size));
  const ys = p.map((x) => Math.log(x.ms));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

export interface Budget {
  name: string;
  met: boolean | null;
  /** The measured figure, in words, with the limit. */
  detail: string;
}

const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');

export { fmt };

/** A fixed-width text table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function budgetLines(budgets: Budget[]): string {
  return budgets.map((b) => `${b.met === null ? ' n/a ' : b.met ? ' MET ' : ' MISS'}  ${b.name}: ${b.detail}`).join('\n');
}
