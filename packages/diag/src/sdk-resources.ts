import type { Attributes } from '@opentelemetry/api';
import type { MeterProviderOptions } from '@opentelemetry/sdk-metrics';
import { dirname } from 'node:path';

/** An OpenTelemetry Resource, as the app's own @opentelemetry/sdk-metrics declares it. */
export type Resource = NonNullable<MeterProviderOptions['resource']>;

interface ResourcesModule {
  defaultResource(): Resource;
  emptyResource(): Resource;
  resourceFromAttributes(attributes: Attributes): Resource;
}

let loaded: ResourcesModule | undefined;

/**
 * @opentelemetry/resources, the very copy the app's @opentelemetry/sdk-metrics loads (a hard
 * dependency of every sdk-metrics 2.x and 3.x). Resolving it from there rather than declaring it
 * keeps one copy in the app and one peer fewer to install, and the Resource we build is always the
 * kind the MeterProvider expects, whichever OpenTelemetry line the app is on.
 */
export function sdkResources(): ResourcesModule {
  if (!loaded) {
    const from = dirname(require.resolve('@opentelemetry/sdk-metrics'));
    loaded = require(require.resolve('@opentelemetry/resources', { paths: [from] })) as ResourcesModule;
  }
  return loaded;
}
