import {
  AggregationTemporality,
  InstrumentType,
  type CollectionResult,
  type IMetricReader,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import type { FamilySource } from './family-source';
import { RegistryProducer } from './producer';

/**
 * A reader the app built itself (say a PeriodicExportingMetricReader around its own OTLP exporter)
 * registered on the diag MeterProvider. The packages record into the fast-path Registry, which
 * the SDK's own collection does not see, so the reader is handed a producer that adds the Registry
 * to what the SDK collects, with the temporality the reader asks for counters. Everything else is
 * passed to the app's reader untouched; it is typed as the SDK's IMetricReader interface, so a
 * reader from the app's own copy of sdk-metrics fits whichever copy diag resolved.
 */
export function withRegistry(reader: IMetricReader, registry: FamilySource): IMetricReader {
  return {
    setMetricProducer: (sdk) => {
      const delta = reader.selectAggregationTemporality(InstrumentType.COUNTER) === AggregationTemporality.DELTA;
      reader.setMetricProducer(mergedProducer(sdk, new RegistryProducer(registry, delta ? 'delta' : 'cumulative')));
    },
    selectAggregation: (type) => reader.selectAggregation(type),
    selectAggregationTemporality: (type) => reader.selectAggregationTemporality(type),
    selectCardinalityLimit: (type) => reader.selectCardinalityLimit(type),
    collect: (options) => reader.collect(options),
    shutdown: (options) => reader.shutdown(options),
    forceFlush: (options) => reader.forceFlush(options),
  };
}

/** The SDK's collection with the Registry's scopes appended, as MetricReader merges its metricProducers. */
function mergedProducer(sdk: MetricProducer, registry: RegistryProducer): MetricProducer {
  return {
    async collect(options): Promise<CollectionResult> {
      const [own, fast] = await Promise.all([sdk.collect(options), registry.collect()]);
      return {
        resourceMetrics: {
          resource: own.resourceMetrics.resource,
          scopeMetrics: [...own.resourceMetrics.scopeMetrics, ...fast.resourceMetrics.scopeMetrics],
        },
        errors: [...own.errors, ...fast.errors],
      };
    },
  };
}
