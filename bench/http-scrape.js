'use strict';
/*
 * Scrapes over real HTTP, for any implementation that serves /metrics: one GET timed from the
 * request to the last body byte, and a timed series of them. undici keeps one connection alive,
 * as Prometheus does between scrapes; `gzip` asks for it as Prometheus always does and counts
 * the compressed bytes received (undici does not decompress).
 */
const { performance } = require('node:perf_hooks');
const { Agent, request } = require('undici');

/** A keep-alive client for one target; close it when done. */
function scrapeClient() {
  return new Agent({ connections: 1, pipelining: 1 });
}

/** One scrape of `url`: milliseconds from the request to the last byte, and the bytes received. */
async function scrapeOnce(url, { gzip = false, dispatcher } = {}) {
  const start = performance.now();
  const res = await request(url, {
    dispatcher,
    headers: gzip ? { 'accept-encoding': 'gzip' } : { 'accept-encoding': 'identity' },
  });
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.length;
  const ms = performance.now() - start;
  if (res.statusCode !== 200) throw new Error(`GET ${url}: HTTP ${res.statusCode}`);
  return { ms, bytes, encoding: res.headers['content-encoding'] ?? 'identity' };
}

/**
 * Times scrapes of `url` after `warmup` untimed ones (the first builds any caches): at least
 * `minRuns` and `timeMs`. Returns the mean and median milliseconds and the body size.
 */
async function timeScrapes(url, { warmup = 3, minRuns = 5, timeMs = 1500, gzip = false } = {}) {
  const dispatcher = scrapeClient();
  try {
    let bytes = 0;
    for (let i = 0; i < warmup; i++) bytes = (await scrapeOnce(url, { gzip, dispatcher })).bytes;
    const times = [];
    const start = performance.now();
    while (times.length < minRuns || performance.now() - start < timeMs) {
      times.push((await scrapeOnce(url, { gzip, dispatcher })).ms);
    }
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    return { ms: mean, median: times[times.length >> 1], runs: times.length, bytes };
  } finally {
    await dispatcher.close();
  }
}

module.exports = { scrapeClient, scrapeOnce, timeScrapes };
