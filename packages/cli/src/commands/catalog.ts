import { DEFAULT_PROFILE, entriesOf, parseProfile, PROFILES, type MetricEntry } from '@teleport-otel/catalog';
import { parseArgs } from 'node:util';
import { usage, UsageError } from '../args';

const HELP = `usage: teleport-otel catalog [--json | --markdown] [--component=NAME] [--profile=${PROFILES.join('|')}]
  Prints the metric catalog: every Teleport metric of the profile and what this project exposes.
  Profiles: doc (Teleport's metrics page, the default), teleport-12 (Teleport 12.0.0's code),
  latest (current Teleport's code).`;

/** `teleport-otel catalog`: the catalog as an aligned table, Markdown, or JSON. */
export async function runCatalog(argv: string[]): Promise<number> {
  const { values } = usage(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        json: { type: 'boolean' },
        markdown: { type: 'boolean' },
        component: { type: 'string' },
        profile: { type: 'string', default: DEFAULT_PROFILE },
        help: { type: 'boolean', short: 'h' },
      },
    })
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.json && values.markdown) throw new UsageError('--json and --markdown are exclusive');
  const catalog = entriesOf(profileArg(values.profile));
  const entries = values.component
    ? catalog.filter((e) => e.package === values.component || e.group === values.component)
    : catalog;
  if (entries.length === 0) throw new UsageError(`unknown component ${JSON.stringify(values.component)}`);
  if (values.json) console.log(JSON.stringify(entries, null, 2));
  else console.log(values.markdown ? markdown(entries) : table(entries));
  return 0;
}

/** The --profile value, or a usage error naming it. */
export function profileArg(name: string) {
  try {
    return parseProfile(name);
  } catch {
    throw new UsageError(`unknown profile ${JSON.stringify(name)} (expected ${PROFILES.join(', ')})`);
  }
}

const COLUMNS: readonly [string, (e: MetricEntry) => string][] = [
  ['NAME', (e) => e.name],
  ['TYPE', (e) => e.type],
  ['UNIT', (e) => e.unit],
  ['LABELS', (e) => [...e.labels, ...Object.keys(e.constLabels ?? {})].join(',')],
  ['PACKAGE', (e) => (e.noAnalog ? `${e.package} (no Node.js analog)` : e.package)],
];

function table(entries: readonly MetricEntry[]): string {
  const rows = [COLUMNS.map(([h]) => h), ...entries.map((e) => COLUMNS.map(([, f]) => f(e)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}

function markdown(entries: readonly MetricEntry[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const head = `| ${COLUMNS.map(([h]) => h.toLowerCase()).join(' | ')} | description |\n|${' --- |'.repeat(COLUMNS.length + 1)}`;
  return [
    head,
    ...entries.map((e) => `| ${COLUMNS.map(([, f]) => cell(f(e))).join(' | ')} | ${cell(e.description || e.help)} |`),
  ].join('\n');
}
