// Percentiles and a consistent one-line format for benchmark figures.

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function figure(name: string, value: number, unit: string, target?: { max: number }): string {
  const verdict = target ? (value <= target.max ? `  (target ≤ ${target.max} ${unit}: met)` : `  (target ≤ ${target.max} ${unit}: MISSED)`) : '';
  return `${name.padEnd(58)} ${value.toFixed(value < 10 ? 2 : 0).padStart(9)} ${unit}${verdict}`;
}
