export const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor + Number.EPSILON * factor) / factor;
};

/** A share rounded to four decimals, null when the denominator is 0. */
export const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? round(numerator / denominator, 4) : null);
