import { go, type MetricEntry } from '../../packages/catalog/src';

/** One table cell: pipes escaped, line breaks folded. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function exposure(e: MetricEntry): string {
  if (e.noAnalog) return 'no';
  if (e.type === 'summary') return 'yes (teleport-otel registry only)';
  return 'yes';
}

/**
 * docs/go-runtime-mapping.md: what @teleport-otel/runtime exposes for each go_* row of Teleport's
 * metrics doc, generated from the catalog's `nodeAnalog` / `noAnalog` fields.
 */
export function goMappingMarkdown(): string {
  const rows = Object.values(go as Record<string, MetricEntry>).sort((a, b) => (a.name < b.name ? -1 : 1));
  const exposed = rows.filter((e) => !e.noAnalog).length;
  const lines = [
    '# Go runtime metrics in Node.js',
    '',
    '<!-- Generated from packages/catalog/src/groups/go.ts by scripts/docs/go-mapping.ts; do not edit by hand. -->',
    '',
    "Teleport's metrics doc lists the Go runtime's `go_*` metrics. A Node.js service has no Go runtime, so",
    '`createRuntimeMetrics({ goAliases: true })` (on by default in the demo, opt-in for libraries) exposes',
    `only the ${exposed} of these ${rows.length} rows that have an honest Node.js counterpart, under the documented name and TYPE`,
    'with HELP text saying what the value is in Node.js. The other rows are not exposed at all: a made-up or',
    'always-zero value would be worse than none. The native Node.js metrics (`v8js_*`, `nodejs_*`) and the',
    '`process_*` rows are always available alongside.',
    '',
    '| Go metric | TYPE | Exposed | Node.js value, or why there is none | HELP in Node.js |',
    '|---|---|---|---|---|',
    ...rows.map((e) =>
      `| \`${e.name}\` | ${e.type} | ${exposure(e)} | ${cell(e.nodeAnalog ?? '')} | ${e.noAnalog ? '' : cell(e.help)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

// `npx ts-node scripts/docs/go-mapping.ts > docs/go-runtime-mapping.md` regenerates the file.
if (require.main === module) process.stdout.write(goMappingMarkdown());
