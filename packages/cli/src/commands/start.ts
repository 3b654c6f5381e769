import { constants } from 'node:os';
import { DEFAULT_DIAG_ADDR, diagOptionsFromEnv, parseAddress } from '@teleport-otel/diag';
import { parseArgs } from 'node:util';
import { usage, UsageError } from '../args';
import { installDiagLogger } from '../diag-logger';
import { profileArg } from './catalog';
import { startDemo } from '../start';

/** A signal this soon after the first is a duplicate delivery of it (see stopSignal). */
const DUPLICATE_SIGNAL_MS = 300;
/** OTEL_METRIC_EXPORT_TIMEOUT's default: how long the final flush may take when pushing. */
const DEFAULT_FLUSH_MS = 30_000;

const HELP = `usage: teleport-otel start [--diag-addr=HOST:PORT] [--seed=N] [--profile=doc|teleport-12|latest] [--openmetrics]
                           [--native-histograms]
  Runs a demo service with the whole catalog of the profile (default doc) live on the diag
  address (/metrics, /healthz, /readyz). Default address ${DEFAULT_DIAG_ADDR}.
  --openmetrics  serve OpenMetrics 1.0 with exemplars (trace ids of the demo's spans) to
                 scrapers that ask for it; others still get the text format.
  --native-histograms  histograms also keep native (sparse exponential) buckets, served to
                 scrapers that ask for protobuf (Prometheus --enable-feature=native-histograms);
                 the text exposition is unchanged.
  Honours OpenTelemetry's environment: OTEL_METRICS_EXPORTER=prometheus,otlp,console,none,
  OTEL_EXPORTER_OTLP_[METRICS_]ENDPOINT, _PROTOCOL, _HEADERS, OTEL_METRIC_EXPORT_INTERVAL, ...,
  OTEL_SDK_DISABLED=true (no push; the diag endpoint still serves), and OTEL_LOG_LEVEL
  (none, error, warn, info (default), debug, verbose, all) for what reaches stderr.
  SIGINT/SIGTERM: stop, flushing push exporters for at most OTEL_METRIC_EXPORT_TIMEOUT (30 s);
  a second SIGINT or SIGTERM abandons the flush and exits at once (128 + signal number).
  Exit status: 0 stopped by a signal after a full flush; 1 start-up failure (address in use,
  bad OTEL_* variable); 2 usage error (unknown option, bad --seed, --profile or --diag-addr).`;

/** `teleport-otel start`: runs until SIGINT/SIGTERM, then flushes (bounded) and closes. */
export async function runStart(argv: string[]): Promise<number> {
  const { values } = usage(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        'diag-addr': { type: 'string', default: DEFAULT_DIAG_ADDR },
        seed: { type: 'string', default: '1' },
        profile: { type: 'string', default: 'doc' },
        openmetrics: { type: 'boolean', default: false },
        'native-histograms': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    })
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const profile = profileArg(values.profile);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`invalid --seed ${JSON.stringify(values.seed)}: expected an integer`);
  const addr = values['diag-addr'];
  usage(() => parseAddress(addr)); // a malformed address is a usage error; one in use fails at listen (1)
  // Before anything can warn: the non-loopback bind, export failures, a flush giving up.
  installDiagLogger(process.env);
  // Bad OTEL_* values throw here, before anything listens: one line naming the variable.
  const pipeline = diagOptionsFromEnv(process.env);
  const pushing = pipeline.readers?.length ? `, pushing via ${process.env.OTEL_METRICS_EXPORTER}` : '';
  // Listening before the start: a signal that arrives while starting stops the demo once started.
  const stop = stopSignal(pushing ? pipeline.shutdownTimeoutMillis ?? DEFAULT_FLUSH_MS : 0);
  const demo = await startDemo({
    ...pipeline,
    addr,
    seed,
    profile,
    global: true,
    openMetrics: values.openmetrics,
    nativeHistograms: values['native-histograms'],
  });
  const disabled = /^true$/i.test(process.env.OTEL_SDK_DISABLED?.trim() ?? '') ? ' (OTEL_SDK_DISABLED=true: no push)' : '';
  const pull = pipeline.noPull ? 'no /metrics (OTEL_METRICS_EXPORTER excludes prometheus)' : `${demo.diag.url}/metrics`;
  console.log(`teleport-otel: serving ${pull} (also /healthz, /readyz)${pushing}${disabled}; Ctrl-C to stop`);
  await stop;
  await demo.stop();
  return 0;
}

/**
 * Resolves on the first SIGINT or SIGTERM (the caller then closes, its flush bounded by
 * flushMs). A second signal of either kind while closing exits at once, saying the flush was
 * abandoned: the same whichever signals arrive, instead of Node's default for a second SIGTERM.
 */
function stopSignal(flushMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    let stopping = false;
    let firstAt = 0;
    const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
      // One Ctrl-C under `npm start` arrives twice (the terminal signals the process group and
      // npm forwards it): a repeat this soon is the same keypress, not a second request.
      if (stopping && Date.now() - firstAt < DUPLICATE_SIGNAL_MS) return;
      if (stopping) {
        console.error(`teleport-otel: second ${signal} while stopping: final flush abandoned, exiting now`);
        process.exit(128 + constants.signals[signal]);
      }
      stopping = true;
      firstAt = Date.now();
      const flush = flushMs > 0 ? `, flushing for at most ${flushMs} ms (a second Ctrl-C or SIGTERM abandons it)` : '';
      console.log(`teleport-otel: ${signal}: stopping${flush}`);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
