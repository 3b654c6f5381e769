'use strict';
/*
 * One joined worker thread of the aggregation benchmark (bench/aggregate.js): joinDiag() on the
 * primary's channel, then `perWorker` counter series of its own (a slice of the same label sets
 * the single-process case uses). Orders: `bump` (add 1 to every series), `record` (time the
 * recording loop here), `close`.
 */
const { workerData, parentPort } = require('node:worker_threads');
const { joinDiag } = require('@teleport-otel/diag');
const { createInstruments } = require('@teleport-otel/core');
const { entries, counterSeriesLabels } = require('./data');
const { timeAdds } = require('./aggregate-record');

async function main() {
  const joined = await joinDiag({ channel: workerData.channel, maxSeries: 200_000 });
  const inst = createInstruments(entries, { meterProvider: joined.meterProvider });
  const labels = counterSeriesLabels(workerData.total).slice(workerData.from, workerData.to);
  const bump = () => {
    for (const l of labels) inst.counter2.inc(l);
  };
  bump();
  parentPort.on('message', async (m) => {
    if (m === 'bump') {
      bump();
      parentPort.postMessage('bumped');
    } else if (m === 'record') {
      parentPort.postMessage({ ns: timeAdds(inst.counter2) });
    } else if (m === 'close') {
      await joined.close();
      parentPort.close();
    }
  });
  parentPort.postMessage('ready');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
