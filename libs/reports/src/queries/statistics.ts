/** Nearest-rank percentile: the value at rank ⌈p × n⌉ of the values in ascending order; null for none. */
export function nearestRank(sortedAscending: readonly number[], p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sortedAscending.length));
  return sortedAscending[rank - 1];
}

export const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor + Number.EPSILON * factor) / factor;
};

/** A share rounded to four decimals, null when the denominator is 0. */
export const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? round(numerator / denominator, 4) : null);

export const sortNumbers = (values: number[]): number[] => values.sort((a, b) => a - b);
