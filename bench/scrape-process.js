'use strict';
/*
 * A scraper in a process of its own (child_process.fork), as Prometheus is: the bytes it reads
 * are allocated and collected by its own heap, never by the server's. Each message { url } is
 * answered with { bytes } once the whole body arrived (keep-alive, one connection), or { error }.
 */
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

process.on('message', ({ url }) => {
  http
    .get(url, { agent }, (res) => {
      let bytes = 0;
      res.on('data', (d) => (bytes += d.length));
      res.on('end', () => process.send(res.statusCode === 200 ? { bytes } : { error: `${url}: HTTP ${res.statusCode}` }));
      res.on('error', (err) => process.send({ error: String(err) }));
    })
    .on('error', (err) => process.send({ error: String(err) }));
});
process.on('disconnect', () => process.exit(0));
