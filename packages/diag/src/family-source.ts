import type { Family } from '@teleport-otel/core';

/**
 * What the renderers and push readers read: a Registry itself, or in an aggregating primary the
 * Registry merged with every joined worker's (collect then first waits for the workers' state).
 */
export interface FamilySource {
  collect(): readonly Family[] | Promise<readonly Family[]>;
}
