/**
 * Fast-path equivalence: the same random sequence of measurements (labelled and bound, valid and
 * invalid) recorded through a diag provider (teleport-otel's own cells) and through a plain
 * sdk-metrics MeterProvider (real OpenTelemetry instruments) must export the same values: through
 * the RegistryProducer read by a real MetricReader, and through the /metrics text parsed back.
 */
import { DataPointType, type MetricData } from '@opentelemetry/sdk-metrics';
import { auth, backend, dynamo, etcd, proxy, s3, type MetricEntry } from '@teleport-otel/catalog';
import { createInstruments } from '@teleport-otel/core';
import { createDiagMeterProvider, parseExposition, type ParsedFamily } from '@teleport-otel/diag';
import fc from 'fast-check';
import { collectMetrics, sdkPipeline, TestReader } from '../../../test-support/sdk';

/** Every instrument kind, unlabelled, one label and two labels (one with a closed value set). */
const group = {
  loginFailures: proxy.failedLoginAttemptsTotal,
  s3Requests: s3.requests,
  sshSessions: proxy.sshSessionsTotal,
  connectedResources: auth.connectedResources,
  remoteClusters: proxy.remoteClusters,
  readSeconds: backend.readSeconds,
  dynamoSeconds: dynamo.requestsSeconds,
  etcdReadSeconds: etcd.readSeconds,
} as const;
type Key = keyof typeof group;
const keys = Object.keys(group) as Key[];

/** Up to three values per label, from the entry's closed set or examples (never hand-typed). */
function labelChoices(entry: MetricEntry): Record<string, string>[] {
  if (entry.labels.length === 0) return [{}];
  const per = entry.labels.map((l) => (entry.values?.[l] ?? entry.examples?.[l] ?? ['x']).slice(0, 3));
  let out: Record<string, string>[] = [{}];
  entry.labels.forEach((l, i) => (out = out.flatMap((o) => per[i]!.map((v) => ({ ...o, [l]: v })))));
  return out;
}

interface Op {
  key: Key;
  labelPick: number;
  value: number;
  bound: boolean;
}

const valueArb = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e3, max: 1e4, noNaN: true, noDefaultInfinity: true }) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 50 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0) }
);
const opArb: fc.Arbitrary<Op> = fc.record({
  key: fc.constantFrom(...keys),
  labelPick: fc.nat(),
  value: valueArb,
  bound: fc.boolean(),
});

type Recorder = Record<string, (...args: unknown[]) => unknown>;

/** Applies one op: a labelled call, or a bound handle made and used for it. */
function apply(instruments: Record<Key, unknown>, op: Op): void {
  const entry = group[op.key];
  const choices = labelChoices(entry);
  const labels = entry.labels.length === 0 ? undefined : choices[op.labelPick % choices.length];
  const inst = instruments[op.key] as Recorder;
  const method = entry.instrument === 'histogram' ? 'record' : entry.instrument === 'gauge' ? 'set' : 'add';
  if (op.bound) (inst.bind!(labels) as Recorder)[method]!(op.value);
  else inst[method]!(op.value, labels);
}

/** A comparable reading of one series: a number, or a histogram's buckets/sum/count/min/max. */
type Reading = number | { counts: number[]; sum: number; count: number; min?: number; max?: number };

function attrKey(attrs: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(attrs)
      .sort()
      .map((k) => [k, attrs[k]])
  );
}

/**
 * Readings of the SDK's (or the producer's) data points. For comparison with the text, `asText`
 * drops min/max (not in the text format) and -0 (formatValue prints it as "0"; Prometheus treats
 * both alike).
 */
function readMetric(m: MetricData | undefined, asText = false): Map<string, Reading> {
  const out = new Map<string, Reading>();
  for (const dp of m?.dataPoints ?? []) {
    if (m!.dataPointType !== DataPointType.HISTOGRAM) {
      const v = dp.value as number;
      out.set(attrKey(dp.attributes), asText && v === 0 ? 0 : v);
      continue;
    }
    const h = dp.value as { buckets: { counts: number[] }; sum?: number; count: number; min?: number; max?: number };
    out.set(attrKey(dp.attributes), {
      counts: [...h.buckets.counts],
      sum: h.sum ?? 0,
      count: h.count,
      ...(!asText && h.count > 0 ? { min: h.min, max: h.max } : {}),
    });
  }
  return out;
}

/** Readings from the text exposition: cumulative `le` buckets turned back into per-bucket counts. */
function readFamily(f: ParsedFamily | undefined, entry: MetricEntry): Map<string, Reading> {
  const out = new Map<string, Reading>();
  if (!f) return out;
  if (entry.instrument !== 'histogram') {
    for (const s of f.samples) out.set(attrKey(s.labels), s.value);
    return out;
  }
  const series = new Map<string, { cumulative: number[]; sum: number; count: number }>();
  const at = (labels: Record<string, string>) => {
    const k = attrKey(labels);
    let s = series.get(k);
    if (!s) series.set(k, (s = { cumulative: [], sum: 0, count: 0 }));
    return s;
  };
  const bounds = [...entry.buckets!, Infinity];
  for (const s of f.samples) {
    const { le, ...labels } = s.labels;
    if (s.name === `${entry.name}_bucket`) at(labels).cumulative[bounds.indexOf(Number(le === '+Inf' ? Infinity : le))] = s.value;
    else if (s.name === `${entry.name}_sum`) at(labels).sum = s.value;
    else if (s.name === `${entry.name}_count`) at(labels).count = s.value;
  }
  for (const [k, s] of series)
    out.set(k, { counts: s.cumulative.map((c, i) => c - (i === 0 ? 0 : s.cumulative[i - 1]!)), sum: s.sum, count: s.count });
  return out;
}

/**
 * The SDK exports a series only once it has a valid measurement; the fast path also keeps the
 * series a bind() or a dropped value created, and unlabelled ones from registration, at zero
 * (as client_golang does). Such zero series are the only allowed extra.
 */
const compared = { scalar: 0, histogram: 0 };

function expectSameReadings(fast: Map<string, Reading>, sdk: Map<string, Reading>, what: string): void {
  for (const [k, v] of fast) {
    if (sdk.has(k)) continue;
    const zero = typeof v === 'number' ? v === 0 : v.count === 0 && v.sum === 0;
    if (!zero) throw new Error(`${what}: fast path has ${k} = ${JSON.stringify(v)}, the SDK has no such series`);
  }
  for (const [k, v] of sdk) {
    if (!fast.has(k)) throw new Error(`${what}: the SDK has ${k} = ${JSON.stringify(v)}, the fast path has no such series`);
    expect({ what, k, v: fast.get(k) }).toEqual({ what, k, v });
    compared[typeof v === 'number' ? 'scalar' : 'histogram']++;
  }
}

async function runBoth(ops: Op[]) {
  let producerReader: TestReader | undefined;
  const diag = createDiagMeterProvider({
    readers: [(producer) => (producerReader = new TestReader({ metricProducers: [producer] }))],
  });
  const sdk = sdkPipeline();
  try {
    const fastInst = createInstruments(group, { meterProvider: diag.meterProvider }) as Record<Key, unknown>;
    const sdkInst = createInstruments(group, { meterProvider: sdk.meterProvider }) as Record<Key, unknown>;
    for (const op of ops) {
      apply(fastInst, op);
      apply(sdkInst, op);
    }
    const [fromProducer, fromSdk, text] = await Promise.all([
      collectMetrics(producerReader!),
      collectMetrics(sdk.reader),
      diag.render(),
    ]);
    return { fromProducer, fromSdk, parsed: parseExposition(text) };
  } finally {
    await Promise.all([diag.shutdown(), sdk.meterProvider.shutdown()]);
  }
}

describe('fast path and SDK path export the same values', () => {
  it('for random sequences of labelled and bound measurements, through a MetricReader and through /metrics', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 120 }), async (ops) => {
        const { fromProducer, fromSdk, parsed } = await runBoth(ops);
        for (const key of keys) {
          const entry = group[key];
          const sdkData = fromSdk.get(entry.name);
          expectSameReadings(readMetric(fromProducer.get(entry.name)), readMetric(sdkData), `${entry.name} via RegistryProducer`);
          expectSameReadings(readFamily(parsed.get(entry.name), entry), readMetric(sdkData, true), `${entry.name} via /metrics`);
        }
      }),
      {
        numRuns: 60,
        // Found by a random run: -0 then 0 must give max 0, as the SDK's Math.max does.
        examples: [
          [
            [
              { key: 'readSeconds', labelPick: 6529357, value: -0, bound: false },
              { key: 'readSeconds', labelPick: 1190818263, value: 0, bound: false },
            ] as Op[],
          ],
        ],
      }
    );
    // The property compared real series of both shapes, not just empty maps.
    expect(compared.scalar).toBeGreaterThan(100);
    expect(compared.histogram).toBeGreaterThan(100);
  });

  it('a family large enough to be sorted in slices renders in exactly the one-go sort order', async () => {
    const entry = group.s3Requests;
    const [opLabel, resultLabel] = entry.labels as readonly [string, string];
    const ops = (entry.examples as Readonly<Record<string, readonly string[]>>)[opLabel]!;
    const results = (entry.values as Readonly<Record<string, readonly string[]>>)[resultLabel]!;
    const diag = createDiagMeterProvider({ maxSeries: 20_000 });
    try {
      const { s3Requests } = createInstruments({ s3Requests: entry }, { meterProvider: diag.meterProvider });
      // 9000 series created in a scrambled order, with values sharing prefixes.
      const sets = fc.sample(fc.tuple(fc.constantFrom(...ops), fc.nat(3000), fc.constantFrom(...results)), {
        numRuns: 9000,
        seed: 6,
      });
      sets.forEach(([op, n, r], i) => s3Requests.add(i, { [opLabel]: `${op}-${n}`, [resultLabel]: r } as never));
      const samples = parseExposition(await diag.render()).get(entry.name)!.samples;
      const expected = [...new Set(sets.map(([op, n, r]) => JSON.stringify([`${op}-${n}`, r])))]
        .map((j) => JSON.parse(j) as [string, string])
        .sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
      expect(expected.length).toBeGreaterThan(2_048 * 2);
      expect(samples.map((x) => [x.labels[opLabel], x.labels[resultLabel]])).toEqual(expected);
    } finally {
      await diag.shutdown();
    }
  });

  it('catches a difference: a fast-path measurement the SDK never saw is reported', async () => {
    const entry = group.s3Requests;
    const labels = labelChoices(entry)[0]!;
    const { fromProducer, fromSdk } = await runBoth([{ key: 's3Requests', labelPick: 0, value: 1, bound: false }]);
    const fast = readMetric(fromProducer.get(entry.name));
    const sdk = readMetric(fromSdk.get(entry.name));
    expect(() => expectSameReadings(fast, sdk, 'as recorded')).not.toThrow();
    fast.set(attrKey(labels), 2);
    expect(() => expectSameReadings(fast, sdk, 'tampered')).toThrow();
  });
});
