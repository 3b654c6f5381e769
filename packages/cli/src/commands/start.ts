import { DEFAULT_DIAG_ADDR, diagOptionsFromEnv } from '@teleport-otel/diag';
import { parseArgs } from 'node:util';
import { usage, UsageError } from '../args';
import { profileArg } from './catalog';
import { startDemo } from '../start';

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
  OTEL_EXPORTER_OTLP_[METRICS_]ENDPOINT, _PROTOCOL, _HEADERS, OTEL_METRIC_EXPORT_INTERVAL, ...`;

/** `teleport-otel start`: runs until SIGINT/SIGTERM, then flushes and closes. */
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
  // Bad OTEL_* values throw here, before anything listens: one line naming the variable.
  const pipeline = diagOptionsFromEnv(process.env);
  const demo = await startDemo({
    ...pipeline,
    addr: values['diag-addr'],
    seed,
    profile,
    global: true,
    openMetrics: values.openmetrics,
    nativeHistograms: values['native-histograms'],
  });
  const pushing = pipeline.readers?.length ? `, pushing via ${process.env.OTEL_METRICS_EXPORTER}` : '';
  const pull = pipeline.noPull ? 'no /metrics (OTEL_METRICS_EXPORTER excludes prometheus)' : `${demo.diag.url}/metrics`;
  console.log(`teleport-otel: serving ${pull} (also /healthz, /readyz)${pushing}; Ctrl-C to stop`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`teleport-otel: ${signal}, flushing and stopping`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await demo.stop();
  return 0;
}
