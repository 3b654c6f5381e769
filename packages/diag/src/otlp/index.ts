export {
  otlpReader,
  consoleReader,
  DEFAULT_EXPORT_INTERVAL_MS,
  DEFAULT_EXPORT_TIMEOUT_MS,
  type OtlpReaderOptions,
  type PushReaderOptions,
} from './readers';
export { diagOptionsFromEnv, type EnvPipeline, type Env } from './env';
export { createOtlpExporter, defaultOtlpUrl, OTLP_PROTOCOLS, type OtlpProtocol, type OtlpExporterOptions } from './exporter';
export { CountingExporter, type CountingExporterOptions } from './counting-exporter';
