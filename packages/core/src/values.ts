import type { DropReason } from './problems';

/** Why a number is not a valid measurement, or undefined when it is. Cold path only. */
export function invalidValue(v: unknown, allowNegative: boolean): DropReason | undefined {
  if (typeof v !== 'number') return 'not_a_number';
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity || v === -Infinity) return 'infinite';
  if (!allowNegative && v < 0) return 'negative';
  return undefined;
}
