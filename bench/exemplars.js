'use strict';
/*
 * What exemplars cost on the recording path (npm run bench:exemplars): the six recording cases of
 * recording.js for teleport-otel's fast path with exemplars off (the default), on with no span
 * active, and on inside a sampled span (every measurement keeps an exemplar). Each mode runs in
 * its own process, so its instruments' call sites never see another mode's classes.
 *
 *   node bench/exemplars.js [--quick]
 */
const { spawnSync } = require('node:child_process');
const { CASES, runRecording } = require('./recording');

const MODES = ['off', 'on, no span', 'on, in a sampled span'];
const ROUNDS = 3;

async function child(mode, quick) {
  const { context, trace } = require('@opentelemetry/api');
  const { teleportOtel } = require('./impls');
  const { labelSets } = require('./data');
  let wrap;
  if (mode === MODES[2]) {
    const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
    const { AlwaysOnSampler, BasicTracerProvider } = require('@opentelemetry/sdk-trace-base');
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const span = new BasicTracerProvider({ sampler: new AlwaysOnSampler() }).getTracer('bench').startSpan('bench');
    const ctx = trace.setSpan(context.active(), span);
    wrap = (loop) => () => context.with(ctx, loop);
  }
  const best = new Map();
  for (let round = 0; round < (quick ? 1 : ROUNDS); round++) {
    const m = teleportOtel(200_000, { exemplars: mode !== MODES[0] });
    const timing = quick ? { timeMs: 150, warmupMs: 50 } : { timeMs: 400, warmupMs: 100 };
    for (const r of await runRecording({ 'teleport-otel': m }, labelSets(), { ...timing, wrap })) {
      best.set(r.case, Math.min(best.get(r.case) ?? Infinity, r.ns_per_op));
    }
    await m.shutdown();
  }
  process.stdout.write(JSON.stringify(Object.fromEntries(best)));
}

function main() {
  const quick = process.argv.includes('--quick');
  const results = MODES.map((mode) => {
    const r = spawnSync(process.execPath, [__filename, '--mode', mode, ...(quick ? ['--quick'] : [])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`mode ${mode} exited ${r.status}`);
    process.stderr.write(`exemplars ${mode}: done\n`);
    return JSON.parse(r.stdout);
  });
  const width = Math.max(...CASES.map((c) => c.length));
  console.log(`${'ns/op, exemplars:'.padEnd(width)}  ${MODES.map((m) => m.padStart(22)).join('')}`);
  for (const c of CASES) console.log(`${c.padEnd(width)}  ${results.map((r) => `${r[c].toFixed(1)} ns`.padStart(22)).join('')}`);
}

const at = process.argv.indexOf('--mode');
if (at >= 0) {
  child(process.argv[at + 1], process.argv.includes('--quick')).catch((err) => {
    console.error(err);
    process.exit(2);
  });
} else main();
