import { DEFAULT_DIAG_ADDR } from '@teleport-otel/diag';
import { parseArgs } from 'node:util';
import { usage, UsageError } from '../args';
import { startDemo } from '../start';

const HELP = `usage: teleport-otel start [--diag-addr=HOST:PORT] [--seed=N]
  Runs a demo service with the whole catalog live on the diag address
  (/metrics, /healthz, /readyz). Default address ${DEFAULT_DIAG_ADDR}.`;

/** `teleport-otel start`: runs until SIGINT/SIGTERM, then flushes and closes. */
export async function runStart(argv: string[]): Promise<number> {
  const { values } = usage(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        'diag-addr': { type: 'string', default: DEFAULT_DIAG_ADDR },
        seed: { type: 'string', default: '1' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`invalid --seed ${JSON.stringify(values.seed)}: expected an integer`);
  const demo = await startDemo({ addr: values['diag-addr'], seed, global: true });
  console.log(`teleport-otel: serving ${demo.diag.url}/metrics (also /healthz, /readyz); Ctrl-C to stop`);
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
