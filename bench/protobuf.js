'use strict';
/*
 * The protobuf exposition against the text one, same registry, same run: the full render of 10k
 * counter series and of 1k histogram series as text, as delimited protobuf through the
 * hand-written writer (what /metrics serves), and through protobufjs compiling Prometheus's
 * metrics.proto (the test oracle; kept here as the measurement behind writing the wire format
 * by hand).
 */
const { populated, timeRender } = require('./render');
const { encodeRegistry, schemaPath } = require('../test-support/prometheus-client-model/protobufjs-encoder');

const CASES = [
  ['render 10k counter series', 'counter', 10_000],
  ['render 1k histogram series', 'histogram', 1_000],
];

/** Rows { case, format, ms }, best of `rounds` interleaved rounds per format. */
async function protobufRendering(quick) {
  const opts = quick ? { timeMs: 300, minRuns: 3 } : { timeMs: 1000, minRuns: 5 };
  const rounds = quick ? 1 : 3;
  const out = [];
  for (const [name, kind, n] of CASES) {
    const m = populated('teleport-otel', kind, n);
    const formats = {
      text: m.render,
      protobuf: m.renderProtobuf,
      // The oracle row needs Debian's metrics.proto (golang-github-prometheus-client-model-dev).
      ...(schemaPath() ? { 'protobufjs (oracle)': async () => encodeRegistry(m.registry) } : {}),
    };
    const best = {};
    try {
      for (let round = 0; round < rounds; round++) {
        for (const [format, render] of Object.entries(formats)) {
          const r = await timeRender({ render }, opts);
          best[format] = Math.min(best[format] ?? Infinity, r.ms);
        }
      }
    } finally {
      await m.shutdown();
    }
    for (const [format, ms] of Object.entries(best)) out.push({ case: name, format, ms });
  }
  return out;
}

function protobufLines(rows) {
  return rows.map((r) => `${r.case.padEnd(28)} ${r.format.padEnd(20)} ${r.ms.toFixed(2).padStart(8)} ms`).join('\n');
}

/** Target: protobuf render within 1.5x of the text render, per case. */
function protobufTargets(rows) {
  return CASES.map(([name]) => {
    const ms = (format) => rows.find((r) => r.case === name && r.format === format).ms;
    const ratio = ms('protobuf') / ms('text');
    return { target: `${name}, protobuf: <= 1.5x text`, measured: `${ratio.toFixed(2)}x`, pass: ratio <= 1.5 };
  });
}

module.exports = { protobufRendering, protobufLines, protobufTargets };

if (require.main === module) {
  protobufRendering(process.argv.includes('--quick')).then((rows) => {
    console.log(protobufLines(rows));
    console.log(
      protobufTargets(rows)
        .map((t) => `${t.pass ? 'PASS' : 'FAIL'}  ${t.target} ${t.measured}`)
        .join('\n')
    );
  });
}
