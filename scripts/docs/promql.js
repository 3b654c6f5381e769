'use strict';
// PromQL built from catalog entries: every metric name comes from `entry.name`.
// A context says how a generator scopes and windows its queries: the dashboard scopes to the
// Grafana variables and uses $__rate_interval; the rules use a fixed window and no scope.

/**
 * @typedef {[label: string, op: '=' | '!=' | '=~' | '!~', value: string]} Matcher
 * @typedef {{ scope: Matcher[], range: string }} QueryContext
 */

/** Prometheus' own per-target series; not a catalog metric (Prometheus writes it for every scrape). */
const PROMETHEUS_UP = 'up';

/** @type {QueryContext} */
const DASHBOARD_CONTEXT = {
  scope: [
    ['job', '=~', '$job'],
    ['instance', '=~', '$instance'],
  ],
  range: '$__rate_interval',
};
/** @type {QueryContext} */
const RULES_CONTEXT = { scope: [], range: '5m' };

/** `name{l="v",...}` with the context's scope appended. */
function selector(name, ctx, matchers = []) {
  const all = [...matchers, ...ctx.scope];
  if (all.length === 0) return name;
  return `${name}{${all.map(([l, op, v]) => `${l}${op}${JSON.stringify(v)}`).join(',')}}`;
}

/** `op by (labels) (inner)`, or `op(inner)` without labels. */
function aggregate(op, by, inner) {
  return by.length ? `${op} by (${by.join(', ')}) (${inner})` : `${op}(${inner})`;
}

/** rate() of a counter entry (or of one of its series, e.g. `_bucket`). */
function rateOf(entry, ctx, matchers = [], suffix = '') {
  return `rate(${selector(`${entry.name}${suffix}`, ctx, matchers)}[${ctx.range}])`;
}

function increaseOf(entry, ctx, range, matchers = []) {
  return `increase(${selector(entry.name, ctx, matchers)}[${range}])`;
}

function sumRate(entry, by, ctx, matchers = []) {
  return aggregate('sum', by, rateOf(entry, ctx, matchers));
}

/** The q-quantile of a histogram entry, keeping `by` labels. */
function quantileOf(entry, q, by, ctx) {
  if (entry.type !== 'histogram') throw new Error(`${entry.name} is a ${entry.type}, not a histogram`);
  return `histogram_quantile(${q}, ${aggregate('sum', ['le', ...by], rateOf(entry, ctx, [], '_bucket'))})`;
}

/** A ratio spec's expression: numerator rate over denominator rate, aggregated by the same labels. */
function ratioOf(spec, by, ctx) {
  return `${sumRate(spec.num.entry, by, ctx, spec.num.matchers || [])} / ${sumRate(
    spec.den.entry,
    by,
    ctx,
    spec.den.matchers || []
  )}`;
}

module.exports = {
  PROMETHEUS_UP,
  DASHBOARD_CONTEXT,
  RULES_CONTEXT,
  selector,
  aggregate,
  rateOf,
  increaseOf,
  sumRate,
  quantileOf,
  ratioOf,
};
