import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';

/** OTEL_LOG_LEVEL values (OpenTelemetry's spec), case-insensitive. */
const LEVELS: Record<string, DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/**
 * The SDK's own reports of a failed, timed-out or given-up export. teleport-otel's counting
 * exporter already says the same in one line per interval (with the count of failures since);
 * the SDK's come per attempt, the reader's with a JSON-encoded stack: below debug level they are
 * left out, so a dead collector is one line per interval on the terminal.
 */
const SDK_EXPORT_FAILURE = /PeriodicExportingMetricReader: metrics export|^Export retry time \d+ms exceeds remaining timeout/;

export interface InstalledLogger {
  readonly level: DiagLogLevel;
}

/**
 * Installs OpenTelemetry's diag logger for the CLI: OTEL_LOG_LEVEL (default info) decides what
 * reaches stderr, one line per message, so the documented warnings (a non-loopback bind, export
 * failures, a final flush giving up) reach the terminal. An unknown level is said once and the
 * default used, as the OpenTelemetry SDKs do.
 */
export function installDiagLogger(
  env: Readonly<Record<string, string | undefined>>,
  write: (line: string) => void = (line) => void process.stderr.write(line)
): InstalledLogger {
  const raw = env.OTEL_LOG_LEVEL?.trim().toLowerCase();
  const known = raw ? LEVELS[raw] : undefined;
  const level = known ?? DiagLogLevel.INFO;
  const detailed = level >= DiagLogLevel.DEBUG;
  const line = (message: string, args: unknown[]) => {
    if (!detailed && SDK_EXPORT_FAILURE.test(message)) return;
    const text = [message, ...args.map((a) => describe(a, detailed))].join(' ');
    write(`${detailed ? text.trimEnd() : text.replace(/\s*\n\s*/g, ' ').trimEnd()}\n`);
  };
  const logger: DiagLogger = {
    error: (m, ...a) => line(m, a),
    warn: (m, ...a) => line(m, a),
    info: (m, ...a) => line(m, a),
    debug: (m, ...a) => line(m, a),
    verbose: (m, ...a) => line(m, a),
  };
  diag.setLogger(logger, { logLevel: level, suppressOverrideMessage: true });
  if (raw && known === undefined)
    write(
      `teleport-otel: OTEL_LOG_LEVEL=${JSON.stringify(env.OTEL_LOG_LEVEL)} is not one of ${Object.keys(LEVELS).join(
        ', '
      )}; using info\n`
    );
  return { level };
}

/** An argument in one line: an error by its message (its stack only at debug level and above). */
function describe(a: unknown, detailed: boolean): string {
  if (a instanceof Error) return detailed && a.stack ? a.stack : a.message;
  if (typeof a === 'string') return a;
  try {
    return JSON.stringify(a) ?? String(a);
  } catch {
    return String(a);
  }
}
