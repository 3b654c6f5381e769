export { createInstruments, type InstrumentOptions } from './instruments';
export { absentInstrument, isAbsent } from './absent';
export { Registry, attachRegistry, registryOf, type RegistryOptions } from './registry';
export { Family, type AnyCell } from './family';
export { Exemplar, ExemplarSlots, exemplarsOf, sampledSpanContext, type ExemplarCarrier } from './exemplars';
export { ScalarCell, HistogramCell, SummaryCell, bucketIndex } from './cells';
export {
  NativeHistogram,
  NativeHistogramCell,
  isNativeCell,
  bucketKey,
  pickSchema,
  nativeHistogramConfig,
  DEFAULT_NATIVE_BUCKET_FACTOR,
  DEFAULT_NATIVE_MAX_BUCKETS,
  DEFAULT_NATIVE_ZERO_THRESHOLD,
  type NativeHistogramOptions,
  type NativeHistogramConfig,
  type NativeBuckets,
} from './native-histogram';
export { SeriesIndex, DEFAULT_MAX_SERIES, type SeriesHooks } from './series';
export { HistogramStore, HistogramChunk } from './histogram-store';
export { MAX_LABEL_VALUE_LENGTH } from './labels';
export type { DropReason } from './problems';
export { VERSION } from './version';
export type * from './types';
export {
  grpcCodeName,
  grpcType,
  grpcMethodLabels,
  splitMethodPath,
  startGrpcCall,
  type GrpcCall,
  type GrpcCallCounters,
  type GrpcCode,
  type GrpcType,
  type GrpcMethodInfo,
} from './grpc';
