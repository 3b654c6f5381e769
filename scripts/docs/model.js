'use strict';
// Catalog access shared by every generator. Everything a generator prints about a metric (name,
// type, unit, labels, buckets) is read from these entries; nothing is spelt here.
// `@teleport-otel/catalog` resolves to packages/catalog/dist under node (npm run docs builds it
// first) and to packages/catalog/src under jest (moduleNameMapper), so both see the same catalog.
const catalogModule = require('@teleport-otel/catalog');

/** @typedef {import('@teleport-otel/catalog').MetricEntry} MetricEntry */

/** Component packages in the order the docs and the dashboard present them. */
const COMPONENT_PACKAGES = ['audit', 'auth', 'backends', 'cache', 'proxy', 'node', 'bpf', 'instance', 'runtime', 'kube', 'db'];
/** Packages whose metrics are registered for the user (exposition and self-metrics). */
const INFRA_PACKAGES = ['diag', 'core'];
const ALL_PACKAGES = [...COMPONENT_PACKAGES, ...INFRA_PACKAGES];

/**
 * The order of the section headings of Teleport's metrics doc (section titles are prose, not
 * metric names). Sections the catalog adds later are appended in catalog order.
 */
const DOC_SECTION_ORDER = [
  'Auth Service and backends',
  'Enhanced Session Recording / BPF',
  'Proxy Service',
  'Teleport Nodes',
  'All Teleport instances',
  'Golang runtime metrics',
  'Prometheus',
  'Not in the doc',
];

const { catalog, groups, entriesOf, entryIn, inProfile, profilesOf, DEFAULT_PROFILE, PROFILES } = catalogModule;

/** @returns {string[]} every section of the catalog, doc order first */
function sections() {
  const seen = [...new Set(catalog.map((e) => e.section))];
  const known = DOC_SECTION_ORDER.filter((s) => seen.includes(s));
  return [...known, ...seen.filter((s) => !known.includes(s))];
}

/** @param {string} pkg @param {string} [profile] @returns {MetricEntry[]} */
function entriesOfPackage(pkg, profile = DEFAULT_PROFILE) {
  return entriesOf(profile).filter((e) => e.package === pkg);
}

/**
 * A package's entries that the default profile does not hold (newer Teleport's families, and newer
 * forms of a page family, such as teleport_registered_servers with more labels), each as the newest
 * profile holding it states it, with the profiles that hold it.
 * @param {string} pkg @returns {{ entry: MetricEntry, profiles: string[] }[]}
 */
function newerEntriesOfPackage(pkg) {
  const out = [];
  for (const members of Object.values(groups))
    for (const e of Object.values(members)) {
      if (e.package !== pkg || inProfile(e, DEFAULT_PROFILE)) continue;
      const profiles = profilesOf(e).filter((p) => p !== DEFAULT_PROFILE);
      if (profiles.length === 0) continue;
      out.push({ entry: entryIn(e, profiles[profiles.length - 1]), profiles });
    }
  return out;
}

/**
 * @param {string} pkg @param {string} [profile]
 * @returns {{ group: string, entries: MetricEntry[] }[]} groups of a package in catalog order, as the profile states them
 */
function groupsOfPackage(pkg, profile = DEFAULT_PROFILE) {
  const out = [];
  for (const [group, members] of Object.entries(groups)) {
    const entries = Object.values(members)
      .map((e) => entryIn(e, profile))
      .filter((e) => e !== undefined && e.package === pkg);
    if (entries.length > 0) out.push({ group, entries });
  }
  return out;
}

/** The `create*Metrics` function a component package exports for a group: `backend` -> `createBackendMetrics`. */
function createFunctionName(group) {
  return `create${group.charAt(0).toUpperCase()}${group.slice(1)}Metrics`;
}

/** The catalog key of an entry (as any profile states it) inside its group (e.g. `readSeconds`). */
function keyOf(entry) {
  for (const [key, e] of Object.entries(groups[entry.group] || {}))
    if (e === entry || PROFILES.some((p) => entryIn(e, p) === entry)) return key;
  throw new Error(`entry ${entry.name} is not in group ${entry.group}`);
}

/**
 * The label of `entry` whose closed value set contains `value` (e.g. the label holding 'error').
 * Lets generators use a label without spelling its name.
 */
function labelWithValue(entry, value) {
  const values = entry.values || {};
  const label = entry.labels.find((l) => (values[l] || []).includes(value));
  if (!label) throw new Error(`${entry.name}: no label has the closed value ${JSON.stringify(value)}`);
  return label;
}

/** A typical value for a label: first closed value, else first example, else a placeholder. */
function sampleValue(entry, label) {
  const closed = entry.values && entry.values[label];
  if (closed && closed.length) return closed[0];
  const ex = entry.examples && entry.examples[label];
  if (ex && ex.length) return ex[0];
  return `<${label}>`;
}

/** Markdown-safe table cell. */
function cell(text) {
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A short rendering of bucket bounds or quantiles. */
function bucketSummary(entry) {
  if (entry.buckets) {
    const b = entry.buckets;
    return b.length <= 6 ? b.join(', ') : `${b.length}: ${b[0]}, ${b[1]}, … ${b[b.length - 1]}`;
  }
  if (entry.quantiles) return `quantiles ${entry.quantiles.join(', ')}`;
  return '';
}

/** Labels as a Markdown cell: variable labels, then const labels marked as such. */
function labelSummary(entry) {
  const parts = entry.labels.map((l) => `\`${l}\``);
  for (const [l, def] of Object.entries(entry.constLabels || {})) {
    parts.push(`\`${l}\` (const${def ? `, default \`${def}\`` : ''})`);
  }
  return parts.join(', ');
}

module.exports = {
  catalog,
  groups,
  catalogModule,
  COMPONENT_PACKAGES,
  INFRA_PACKAGES,
  ALL_PACKAGES,
  sections,
  entriesOfPackage,
  newerEntriesOfPackage,
  groupsOfPackage,
  PROFILES,
  createFunctionName,
  keyOf,
  labelWithValue,
  sampleValue,
  cell,
  bucketSummary,
  labelSummary,
};
