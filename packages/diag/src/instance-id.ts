import { randomUUID } from 'node:crypto';
import { sdkResources, type Resource } from './sdk-resources';

/** The OpenTelemetry semantic-convention key that tells one pushing process from another. */
const SERVICE_INSTANCE_ID = 'service.instance.id';

/** One per process (per thread: each worker thread loads its own copy of this module). */
const INSTANCE_ID = randomUUID();

/**
 * `resource` (default: the SDK's default resource) with a `service.instance.id`, unless it already
 * has one (from OTEL_RESOURCE_ATTRIBUTES or the caller's resource): several processes pushing OTLP
 * for one service would otherwise send series with identical identities, which a Collector or
 * backend merges or rejects as duplicates instead of keeping one stream per process.
 */
export function withInstanceId(resource?: Resource): Resource {
  const { defaultResource, resourceFromAttributes } = sdkResources();
  const base = resource ?? defaultResource();
  if (base.attributes[SERVICE_INSTANCE_ID] !== undefined) return base;
  return base.merge(resourceFromAttributes({ [SERVICE_INSTANCE_ID]: INSTANCE_ID }));
}
