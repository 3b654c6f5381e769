import type { MetricEntry } from './types';

/**
 * Identity with a `const` type parameter: keeps every literal (name, label tuple, value unions)
 * so that label types are derived from the entry instead of being written twice.
 */
export function metric<const E extends MetricEntry>(entry: E): E {
  return entry;
}
