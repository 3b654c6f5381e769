/**
 * A render that fails partway through the exposition (docs/security.md, "Failed collections"):
 * the body is rendered in full before the status line goes out, so the scraper gets a 500 with
 * the error, never a 200 cut short; the failure is counted once as code="500"; the next scrape
 * is served. Over a real socket, with a started diag whose pull reader throws after its first
 * pieces of a large (multi-piece) exposition.
 */
import { gunzipSync } from 'node:zlib';
import type { Diag } from '@teleport-otel/diag';
import { prometheusFamilies } from '../../../test-support/expfmt-parse';
import { requireGo } from '../../../test-support/go';
import { closeStarted, fill, scrapeCounts, send, sendBytes, start } from './server-harness';

const { go, skip } = requireGo();

afterEach(closeStarted);

const FAILURE = 'render failed partway';

/** Makes the next render of `d` (any format) throw after `after` real pieces; later renders are whole. */
function failNextRenderAfter(d: Diag, after: number): { pieces: () => number } {
  const reader = d.pullReader!;
  const real = reader.formatChunks.bind(reader);
  let armed = true;
  let yielded = 0;
  reader.formatChunks = async function* (...args: Parameters<typeof real>) {
    const failing = armed;
    armed = false;
    for await (const piece of real(...args)) {
      yield piece;
      if (failing && ++yielded === after) throw new Error(FAILURE);
    }
  } as typeof reader.formatChunks;
  return { pieces: () => yielded };
}

describe('a render that throws partway', () => {
  it.each([
    ['identity', {}],
    ['gzip', { 'accept-encoding': 'gzip' }],
  ])(
    '%s: answered 500 with the error and none of the exposition, counted once, and the next scrape is whole',
    async (_, headers) => {
      const d = await start();
      fill(d, 3_000); // several pieces of exposition, so the failure lands in the middle
      const failure = failNextRenderAfter(d, 2);

      const failed = await sendBytes(d.address.port, headers);
      expect(failure.pieces()).toBe(2); // it did fail midway, after real pieces were produced
      expect(failed.status).toBe(500);
      expect(failed.headers['content-encoding']).toBeUndefined();
      const body = failed.body.toString('utf8');
      expect(body).toBe(`An error has occurred while serving metrics:\n\n${FAILURE}\n`);
      expect(await scrapeCounts(d)).toEqual({ '200': 0, '500': 1, '503': 0 });

      const next = await sendBytes(d.address.port, headers);
      expect(next.status).toBe(200);
      const text = (next.headers['content-encoding'] === 'gzip' ? gunzipSync(next.body) : next.body).toString('utf8');
      expect(text.endsWith('\n')).toBe(true);
      if (!skip) expect(prometheusFamilies(text, go).size).toBeGreaterThan(3); // whole and well-formed
      expect(await scrapeCounts(d)).toEqual({ '200': 1, '500': 1, '503': 0 });
      expect((await send(d, '/healthz')).status).toBe(200);
    }
  );
});
