'use strict';
// Per-package metric tables: the block between the README markers, and docs/packages/<pkg>.md.
const {
  entriesOfPackage,
  newerEntriesOfPackage,
  groupsOfPackage,
  PROFILES,
  createFunctionName,
  keyOf,
  sampleValue,
  cell,
  bucketSummary,
  labelSummary,
  INFRA_PACKAGES,
} = require('./model');

const fs = require('fs');
const path = require('path');

const START = '<!-- metrics:start -->';
const END = '<!-- metrics:end -->';

/** How infrastructure packages get their metrics, since users do not create those groups. */
const INFRA_NOTE = {
  diag: 'These are registered by `createDiagMeterProvider()` / `startDiag()` themselves: the `/metrics` handler counts its scrapes, `/readyz` state is mirrored in `process_state`.',
  core: 'These self-metrics are registered by every recording backend (the fast-path Registry and the SDK path) so that no bad measurement is dropped silently.',
};

/** The compact table used inside package READMEs. */
function renderPackageTable(pkg) {
  const entries = entriesOfPackage(pkg);
  const newer = newerEntriesOfPackage(pkg);
  if (entries.length === 0 && newer.length === 0) return 'This package registers no metrics of its own.';
  const lines = [];
  if (entries.length > 0) {
    lines.push('| Metric | Type | Unit | Labels | Description |', '|---|---|---|---|---|');
    for (const e of entries) {
      const name = e.noAnalog ? `\`${e.name}\` (not exposed: no Node.js analog)` : `\`${e.name}\``;
      lines.push(`| ${[name, e.type, `\`${e.unit}\``, labelSummary(e), e.description || e.help].map(cell).join(' | ')} |`);
    }
  }
  if (newer.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(
      `Families of newer Teleport, recorded only under the profiles named (\`startDiag({ profile })\`; under \`doc\` their instruments are no-ops):`,
      '',
      '| Metric | Type | Unit | Labels | Profiles | HELP |',
      '|---|---|---|---|---|---|'
    );
    for (const { entry: e, profiles } of newer)
      lines.push(
        `| ${[`\`${e.name}\``, e.type, `\`${e.unit}\``, labelSummary(e), profiles.join(', '), e.help].map(cell).join(' | ')} |`
      );
  }
  lines.push(
    '',
    `Generated from \`@teleport-otel/catalog\` by \`npm run docs\`; see [docs/metrics.md](../../docs/metrics.md) for the whole catalog.`
  );
  return lines.join('\n');
}

/**
 * Replaces what lies between the markers with the package's table. A README without both markers
 * (or with them in the wrong order) is returned unchanged: the rest of it belongs to its authors.
 */
function replaceMetricsBlock(readme, pkg) {
  const s = readme.indexOf(START);
  const e = readme.indexOf(END);
  if (s < 0 || e < 0 || e < s) return readme;
  return `${readme.slice(0, s + START.length)}\n${renderPackageTable(pkg)}\n${readme.slice(e)}`;
}

function labelObject(entry) {
  if (entry.labels.length === 0) return '';
  return `{ ${entry.labels
    .map((l) => `${/^[A-Za-z_$][\w$]*$/.test(l) ? l : JSON.stringify(l)}: ${JSON.stringify(sampleValue(entry, l))}`)
    .join(', ')} }`;
}

/** One representative call for an entry, by instrument kind. */
function usageLine(entry) {
  const key = keyOf(entry);
  const labels = labelObject(entry);
  const withValue = (v) => (labels ? `${v}, ${labels}` : `${v}`);
  if (entry.observed) {
    const value = entry.instrument === 'summary' ? '{ quantiles: [/* one per quantile */], sum: 0, count: 0 }' : 'readValue()';
    return `m.${key}.addCallback((observe) => observe(${labels ? `${value}, ${labels}` : value}));`;
  }
  switch (entry.instrument) {
    case 'counter':
      return `m.${key}.inc(${labels});`;
    case 'updowncounter':
      return `m.${key}.inc(${labels}); // and .dec(${labels}) when it ends`;
    case 'gauge':
      return `m.${key}.set(${withValue(1)});`;
    case 'histogram':
      return `const done = m.${key}.startTimer(${labels}); /* ... */ done(); // or .record(${withValue('value')})`;
    default:
      return `// ${entry.name}: ${entry.instrument}`;
  }
}

/** `, profile: '…'` when no entry of the group is in the default profile (its instruments would be no-ops there). */
function profileOption(entries) {
  const outside = entries.filter((e) => e.profiles && !e.profiles.includes('doc'));
  if (outside.length < entries.length) return '';
  const newest = PROFILES.filter((p) => outside.every((e) => e.profiles.includes(p)));
  return newest.length > 0 ? `, profile: '${newest[newest.length - 1]}'` : '';
}

function usageSnippet(pkg, group, entries) {
  const fn = createFunctionName(group);
  return [
    '```ts',
    "import { startDiag } from '@teleport-otel/diag';",
    `import { ${fn} } from '@teleport-otel/${pkg}';`,
    '',
    `const diag = await startDiag({ addr: '127.0.0.1:3000'${profileOption(entries)} });`,
    `const m = ${fn}({ meterProvider: diag.meterProvider });`,
    ...entries.slice(0, 3).map(usageLine),
    '```',
  ].join('\n');
}

function labelDetails(entry) {
  const rows = [];
  for (const l of entry.labels) {
    const closed = entry.values && entry.values[l];
    const ex = entry.examples && entry.examples[l];
    const text = closed
      ? `one of ${closed.map((v) => `\`${v}\``).join(', ')}`
      : ex
      ? `e.g. ${ex.map((v) => `\`${v}\``).join(', ')}`
      : 'free-form';
    rows.push(`  - \`${l}\`: ${text}`);
  }
  for (const [l, def] of Object.entries(entry.constLabels || {})) {
    rows.push(`  - \`${l}\` (const label, set with the \`constLabels\` option): default ${def ? `\`${def}\`` : 'empty'}`);
  }
  return rows;
}

function entryDetails(entry) {
  const out = [
    `- **\`${entry.name}\`** — ${entry.type}, unit \`${entry.unit}\`${entry.observed ? ', read at collection time' : ''}. ${
      entry.description || entry.help
    }`,
  ];
  out.push(`  - HELP: ${entry.help}`);
  const b = bucketSummary(entry);
  if (b)
    out.push(
      `  - ${entry.buckets ? 'Buckets' : 'Quantiles'}: ${entry.buckets ? entry.buckets.join(', ') : entry.quantiles.join(', ')}`
    );
  if (entry.maxSeries) out.push(`  - At most ${entry.maxSeries} label sets; later ones fold into the overflow series.`);
  out.push(...labelDetails(entry));
  if (entry.nodeAnalog) out.push(`  - Node.js analog: ${entry.nodeAnalog}`);
  if (entry.noAnalog) out.push('  - Not exposed: no honest Node.js analog.');
  return out;
}

/**
 * Whether the package's public entry point names `fn`. A group whose inferred create function the
 * package does not export (e.g. runtime collectors started by one call) gets no snippet.
 */
function packageExports(pkg, fn) {
  const index = path.resolve(__dirname, '../../packages', pkg, 'src/index.ts');
  return fs.existsSync(index) && new RegExp(`\\b${fn}\\b`).test(fs.readFileSync(index, 'utf8'));
}

/** @returns {string} docs/packages/<pkg>.md */
function renderPackagePage(pkg) {
  const out = [
    '<!-- Generated by `npm run docs` from @teleport-otel/catalog. Do not edit by hand. -->',
    '',
    `# @teleport-otel/${pkg}`,
    '',
    renderPackageTable(pkg).replace('(../../docs/metrics.md)', '(../metrics.md)'),
    '',
  ];
  if (INFRA_PACKAGES.includes(pkg)) out.push(INFRA_NOTE[pkg], '');
  for (const { group, entries } of groupsAcrossProfiles(pkg)) {
    out.push(`## Group \`${group}\``, '');
    const fn = createFunctionName(group);
    if (!INFRA_PACKAGES.includes(pkg) && packageExports(pkg, fn)) {
      out.push(
        `Created with \`${fn}(options?)\`; \`options.meterProvider\` defaults to the global one.`,
        '',
        usageSnippet(pkg, group, entries),
        ''
      );
    } else if (!INFRA_PACKAGES.includes(pkg)) {
      out.push(`Registered through the API of \`@teleport-otel/${pkg}\` (see its README).`, '');
    }
    for (const e of entries) out.push(...entryDetails(e));
    out.push('');
  }
  return out.join('\n');
}

/** A package's groups in catalog order, each entry as the first profile holding it states it. */
function groupsAcrossProfiles(pkg) {
  const byGroup = new Map();
  for (const profile of PROFILES)
    for (const { group, entries } of groupsOfPackage(pkg, profile)) {
      const list = byGroup.get(group) ?? byGroup.set(group, []).get(group);
      for (const e of entries) if (!list.some((x) => x.name === e.name)) list.push(e);
    }
  return [...byGroup].map(([group, entries]) => ({ group, entries }));
}

/** Packages that get a page: those owning at least one entry in some profile. */
function packagesWithMetrics(all) {
  return all.filter((p) => entriesOfPackage(p).length > 0 || newerEntriesOfPackage(p).length > 0);
}

module.exports = { START, END, renderPackageTable, replaceMetricsBlock, renderPackagePage, packagesWithMetrics };
