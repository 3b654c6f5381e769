export {
  startDiag,
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_CLOSE_TIMEOUT_MS,
  type Diag,
  type DiagOptions,
} from './diag';
export type { DiagTlsOptions, MetricsAuthOptions } from './security';
export {
  createDiagMeterProvider,
  type DiagMeterProvider,
  type DiagProviderOptions,
  type DiagSdkMeterProvider,
  type ReaderSpec,
} from './provider';
export type { FamilySource } from './family-source';
export {
  joinDiag,
  Aggregator,
  DEFAULT_JOIN_TIMEOUT_MS,
  DEFAULT_COLLECT_TIMEOUT_MS,
  type JoinOptions,
  type JoinedDiag,
  type AggregateOptions,
} from './aggregate';
export { withInstanceId } from './instance-id';
export { createDiagHandler, METRICS_CONTENT_TYPE, type HandlerOptions } from './server';
export { Readiness, READYZ, PROCESS_STATES, DEFAULT_RECOVERY_MS, type ProcessState } from './readiness';
export { TeleportPullReader } from './pull-reader';
export { RegistryProducer, type Temporality } from './producer';
export { DEFAULT_DIAG_ADDR, parseAddress, isLoopback } from './address';
export { parseExposition, type ParsedFamily, type Sample } from './exposition/parse';
export { formatValue, escapeLabelValue } from './exposition/format';
export type { ExpositionOptions } from './exposition/render-otel';
export {
  otlpReader,
  consoleReader,
  diagOptionsFromEnv,
  createOtlpExporter,
  defaultOtlpUrl,
  CountingExporter,
  OTLP_PROTOCOLS,
  DEFAULT_EXPORT_INTERVAL_MS,
  DEFAULT_EXPORT_TIMEOUT_MS,
  type OtlpReaderOptions,
  type PushReaderOptions,
  type EnvPipeline,
  type Env,
  type OtlpProtocol,
  type OtlpExporterOptions,
  type CountingExporterOptions,
} from './otlp';
