'use strict';
/*
 * The scraper of scrape-http.js, on a worker thread: its event loop is not the server's, as a
 * real scraper's is not, so reading a response never waits behind the application's turns.
 * Each message { url, gzip, count, warmup } is answered with the milliseconds of each of `count`
 * sequential scrapes (keep-alive, one connection; the body is read and dropped, never inflated).
 */
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(url, gzip) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.get(url, { agent, headers: gzip ? { 'Accept-Encoding': 'gzip' } : {} }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`));
      if (gzip !== (res.headers['content-encoding'] === 'gzip')) reject(new Error(`${url}: unexpected content coding`));
      res.on('data', () => {});
      res.on('end', () => resolve(performance.now() - start));
    });
    req.on('error', reject);
  });
}

parentPort.on('message', async ({ url, gzip, count, warmup }) => {
  try {
    for (let i = 0; i < warmup; i++) await get(url, gzip);
    const times = [];
    for (let i = 0; i < count; i++) times.push(await get(url, gzip));
    parentPort.postMessage({ times });
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  }
});
