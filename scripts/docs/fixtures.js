'use strict';
// Synthetic series for the promtool unit tests, built from catalog entries: names, labels and
// bucket bounds all come from the entries; label values from their closed sets or examples.
const { sampleValue } = require('./model');

/** The scrape target every fixture series belongs to. */
const TARGET = { job: 'teleport', instance: 'auth-1:3000' };
/** Samples per series (one a minute). */
const SAMPLES = 30;

function seriesName(name, labels) {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return pairs.length ? `${name}{${pairs.join(',')}}` : name;
}

/** The label set of one series of `entry`: target labels plus a typical value per label. */
function labelsOf(entry, overrides = {}) {
  const out = { ...TARGET };
  for (const l of entry.labels) out[l] = sampleValue(entry, l);
  return { ...out, ...overrides };
}

/** A counter growing by `perMinute` each minute. */
function counter(entry, perMinute, overrides = {}) {
  const labels = labelsOf(entry, overrides);
  return { labels, series: { series: seriesName(entry.name, labels), values: `0+${perMinute}x${SAMPLES}` } };
}

/** A gauge holding `value`. */
function gauge(name, labels, value) {
  return { labels, series: { series: seriesName(name, labels), values: `${value}x${SAMPLES}` } };
}

/**
 * A histogram whose observations (60 a minute) all fall in the last finite bucket, so every
 * quantile q lies in (second-to-last bound, last bound]. Returns the series and the exact p-value
 * histogram_quantile interpolates.
 */
function slowHistogram(entry, q) {
  const labels = labelsOf(entry);
  const b = entry.buckets;
  const series = [...b.map(String), '+Inf'].map((le, i) => ({
    series: seriesName(`${entry.name}_bucket`, { ...labels, le }),
    values: i >= b.length - 1 ? `0+60x${SAMPLES}` : `0x${SAMPLES}`,
  }));
  const lower = b.length > 1 ? b[b.length - 2] : 0;
  const upper = b[b.length - 1];
  return { labels, series, quantile: lower + (upper - lower) * q };
}

/** The other value of a closed label: one not selected by the matcher. */
function otherValue(entry, label, op, value) {
  const closed = entry.values[label];
  const other = closed.find((v) => v !== value);
  if (other === undefined) throw new Error(`${entry.name}: ${label} has no value besides ${value}`);
  return op === '=' ? other : value;
}
function matchingValue(entry, label, op, value) {
  return op === '=' ? value : entry.values[label].find((v) => v !== value);
}

/**
 * Series giving a ratio spec the value 0.25: 15 matching and 45 other events a minute when both
 * sides are one metric split by a matcher, else 15 numerator and 60 denominator events a minute.
 */
function ratioSeries(spec) {
  const { num, den } = spec;
  if (num.entry === den.entry) {
    const [label, op, value] = num.matchers[0];
    const hit = counter(num.entry, 15, { [label]: matchingValue(num.entry, label, op, value) });
    const miss = counter(num.entry, 45, { [label]: otherValue(num.entry, label, op, value) });
    return { labels: hit.labels, series: [hit.series, miss.series], value: 0.25 };
  }
  const n = counter(num.entry, 15);
  const d = counter(den.entry, 60);
  return { labels: n.labels, series: [n.series, d.series], value: 0.25 };
}

function pick(labels, names) {
  const out = {};
  for (const n of names) out[n] = labels[n];
  return out;
}

/** Promtool compares floats exactly, so tests round both sides to 0.001 as PromQL's round() does. */
function round3(v) {
  const inverse = 1 / 0.001; // exactly as Go computes round(v, 0.001)
  return Math.floor(v * inverse + 0.5) / inverse;
}

module.exports = { TARGET, SAMPLES, seriesName, labelsOf, counter, gauge, slowHistogram, ratioSeries, pick, round3 };
