#!/usr/bin/env node
import { UsageError } from './args';
import { runCheck } from './check';
import { runCatalog } from './commands/catalog';
import { runStart } from './commands/start';

const USAGE = `usage: teleport-otel <command> [options]
  start     run a demo service with the whole catalog live on --diag-addr
  catalog   print the metric catalog (--json, --markdown)
  check     verify a /metrics endpoint against the catalog
exit status: 0 success; 1 a start-up or runtime failure (address in use, bad OTEL_* variable,
a check that does not conform); 2 a usage error (unknown command or option, bad value).
\`teleport-otel <command> --help\` for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return runStart(rest);
    case 'catalog':
      return runCatalog(rest);
    case 'check':
      return runCheck(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Configuration and usage errors are one line naming the bad value; the exit code says which.
    console.error(`teleport-otel: ${err instanceof Error ? err.message.replace(/^teleport-otel: /, '') : String(err)}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  }
);
