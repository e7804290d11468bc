/** z for a two-sided 95 % interval. */
const Z_95 = 1.959963984540054;

/**
 * The Wilson score interval of a proportion: `count` successes in `total` trials, at 95 % confidence.
 * Unlike the normal approximation it stays inside [0, 1] and is not empty at 0 or `total` successes.
 *
 * @example
 * ```ts
 * wilsonInterval(50, 100); // { low: 0.4038…, high: 0.5961… }
 * wilsonInterval(0, 20);   // { low: 0, high: 0.1610… }
 * ```
 */
export function wilsonInterval(count: number, total: number): { low: number; high: number } {
  if (total <= 0) return { low: 0, high: 1 };
  const share = count / total;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / total;
  const centre = (share + z2 / (2 * total)) / denominator;
  const half = (Z_95 * Math.sqrt((share * (1 - share)) / total + z2 / (4 * total * total))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
