import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';

/**
 * Captures what OpenTelemetry's diag logger receives at warn level or above (teleport-otel's
 * warnings go there) into a fresh list before each test of the file, and detaches it after each.
 * Read the list through the returned function: it is replaced before every test.
 */
export function captureDiagWarnings(): () => string[] {
  let warnings: string[] = [];
  const logger: DiagLogger = {
    error: (m) => warnings.push(m),
    warn: (m) => warnings.push(m),
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  beforeEach(() => {
    warnings = [];
    diag.setLogger(logger, DiagLogLevel.WARN);
  });
  afterEach(() => diag.disable());
  return () => warnings;
}
