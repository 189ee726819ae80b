// Pure statistics for the metrics page. Percentiles use linear interpolation between the
// closest ranks (the "R-7" / spreadsheet PERCENTILE.INC method): p of n sorted values sits
// at rank p·(n−1). It is the method people can recompute from the CSV in any spreadsheet.

export type Summary = {
  count: number;
  p50: number | null;
  p90: number | null;
  mean: number | null;
};

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

/** p50, p90 and mean with the count behind them; never a mean alone. */
export function summarize(values: readonly (number | null | undefined)[]): Summary {
  const v = values
    .filter((x): x is number => typeof x === "number" && Number.isFinite(x))
    .sort((a, b) => a - b);
  if (v.length === 0) return { count: 0, p50: null, p90: null, mean: null };
  return {
    count: v.length,
    p50: percentile(v, 0.5),
    p90: percentile(v, 0.9),
    mean: v.reduce((a, b) => a + b, 0) / v.length,
  };
}

/** Change of the p50 against the previous period, in seconds and as a fraction. */
export function delta(
  now: Summary,
  before: Summary,
): { seconds: number | null; ratio: number | null } {
  if (now.p50 === null || before.p50 === null) return { seconds: null, ratio: null };
  return {
    seconds: now.p50 - before.p50,
    ratio: before.p50 === 0 ? null : (now.p50 - before.p50) / before.p50,
  };
}
