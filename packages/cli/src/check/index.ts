import { DEFAULT_PROFILE, isProfile, PROFILES } from '@teleport-otel/catalog';
import { parseArgs } from 'node:util';
import { checkExposition } from './check';
import { COMPONENT_NAMES, OPT_IN_GROUPS, selectEntries, UnknownComponentError } from './components';
import { formatReport, jsonReport } from './report';
import { scrape, ScrapeError, scrapeUrl, type ScrapeOptions } from './scrape';
import type { CheckOptions, CheckResult } from './types';

export { checkExposition } from './check';
export { COMPONENT_NAMES, UnknownComponentError, selectEntries } from './components';
export { formatReport, jsonReport, problemLine } from './report';
export { scrape, scrapeUrl, ScrapeError, type ScrapeOptions } from './scrape';
export type * from './types';

export const CHECK_HELP = `usage: teleport-otel check URL [--component NAME[,NAME...]] [--json] [--strict]
                           [--verbose] [--timeout SECONDS] [--bearer TOKEN] [--insecure]
                           [--profile doc|teleport-12|latest]

Scrapes URL (a /metrics endpoint, or HOST:PORT of a diag address) and checks each family
against the catalog: MISSING, WRONG_TYPE, WRONG_LABELS, WRONG_BUCKETS, WRONG_QUANTILES, and
UNKNOWN for families the catalog does not know (a warning; an error with --strict).

A labelled family with no series yet is absent, as client_golang leaves out an empty vector:
it passes as NO_SERIES_YET (counted; --verbose lists them). Unlabelled families must be there.
By default every component is checked. Teleport itself exposes a component's families only
where that component runs (etcd_* only on an Auth with the etcd backend): use --component to
narrow the check to what the target runs. Names are catalog packages or groups; a package
leaves out its gRPC interceptor group (${[...OPT_IN_GROUPS].join(', ')}) unless that is named too:
  ${COMPONENT_NAMES.join(', ')}
Families without a Node.js analog (some go_*) and teleport-otel's self-metrics may be absent;
where a real Teleport differs from its doc (heartbeats_missed_total) either form passes.

  --component, -c  package or group to check (repeatable, comma-separated); default all
  --profile        catalog profile to judge against: doc (Teleport's metrics page, default),
                   teleport-12 (a real Teleport 12), latest (a current Teleport)
  --json           print { ok, url, components, problems, summary } for machines
  --strict         unknown families fail the check
  --verbose, -v    also list optional families that are absent
  --timeout        whole-scrape timeout in seconds (default 10)
  --bearer         send Authorization: Bearer TOKEN
  --insecure       do not verify the TLS certificate

Exit status: 0 conforms; 1 does not conform, or the response is not Prometheus text (one
line says so); 2 usage error, or no response to check (connection, TLS, HTTP status).`;

export interface CheckEndpointOptions extends CheckOptions, ScrapeOptions {}

/** Scrapes `url` (see scrapeUrl for the accepted forms) and checks it. Rejects with ScrapeError when it cannot. */
export async function checkEndpoint(url: string | URL, options: CheckEndpointOptions = {}): Promise<CheckResult> {
  const target = typeof url === 'string' ? scrapeUrl(url) : url;
  selectEntries(options.components, options.profile); // a bad component name fails before any network I/O
  return checkExposition(await scrape(target, options), options);
}

/** Where runCheck writes; tests pass their own. */
export interface CheckIO {
  out(text: string): void;
  err(text: string): void;
}
const processIO: CheckIO = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/**
 * `teleport-otel check ...`: `argv` is what follows `check`. Prints the report and returns the
 * exit code (0 conforms, 1 does not, 2 usage or connection error); never throws.
 */
export async function runCheck(argv: string[], io: CheckIO = processIO): Promise<number> {
  let json = false;
  let target = '';
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        component: { type: 'string', short: 'c', multiple: true },
        json: { type: 'boolean' },
        strict: { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
        timeout: { type: 'string' },
        bearer: { type: 'string' },
        insecure: { type: 'boolean' },
        profile: { type: 'string', default: DEFAULT_PROFILE },
        help: { type: 'boolean', short: 'h' },
      },
    });
    json = values.json ?? false;
    if (values.help) {
      io.out(`${CHECK_HELP}\n`);
      return 0;
    }
    if (positionals.length !== 1)
      throw new UsageError(positionals.length ? `expected one URL, got ${positionals.length}` : 'missing URL');
    const timeout = values.timeout === undefined ? 10 : Number(values.timeout);
    if (!(timeout > 0 && timeout <= 3600))
      throw new UsageError(`invalid --timeout ${JSON.stringify(values.timeout)}: expected seconds in (0, 3600]`);
    const components = (values.component ?? [])
      .flatMap((c) => c.split(','))
      .map((c) => c.trim())
      .filter(Boolean);
    if (!isProfile(values.profile))
      throw new UsageError(`unknown profile ${JSON.stringify(values.profile)} (expected ${PROFILES.join(', ')})`);
    const profile = values.profile;
    const url = scrapeUrl(positionals[0]!);
    target = url.href;
    const result = await checkEndpoint(url, {
      components,
      strict: values.strict,
      timeoutMs: timeout * 1000,
      bearer: values.bearer,
      insecure: values.insecure,
      profile,
    });
    io.out(json ? jsonReport(result, target) : formatReport(result, target, { verbose: values.verbose }));
    return result.ok ? 0 : 1;
  } catch (err) {
    const message = oneLine(err);
    if (json) io.out(`${JSON.stringify({ ok: false, url: target || null, error: message }, null, 2)}\n`);
    io.err(`teleport-otel check: ${message}\n`);
    if (err instanceof UsageError || err instanceof UnknownComponentError || isParseArgsError(err))
      io.err('run `teleport-otel check --help` for usage\n');
    return 2;
  }
}

class UsageError extends Error {}

function isParseArgsError(err: unknown): boolean {
  return String((err as NodeJS.ErrnoException)?.code ?? '').startsWith('ERR_PARSE_ARGS');
}

function oneLine(err: unknown): string {
  if (err instanceof ScrapeError || err instanceof Error) return err.message.split('\n')[0]!;
  return String(err);
}
