/**
 * startDiag's failures after the options parse: a reader factory or View the SDK refuses, an OTLP
 * reader with a bad URL or header, a busy address. Each rejects with one line starting
 * `teleport-otel:`, shows no secret, and leaves the address free (a retry on it binds), with no
 * global provider installed. And options that are misspelt or out of range are refused by name.
 */
import { metrics } from '@opentelemetry/api';
import { createServer, type Server } from 'node:net';
import { registryOf } from '@teleport-otel/core';
import { otlpReader, startDiag, type DiagOptions } from '@teleport-otel/diag';

const SECRET = 'sk-live-0123456789';

/** A loopback port that was free a moment ago. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function failure(options: DiagOptions): Promise<string> {
  return startDiag(options).then(
    async (d) => {
      await d.close();
      return 'started';
    },
    (e: Error) => e.message
  );
}

describe('a failed startDiag leaves the address free and says one line', () => {
  const cases: [string, () => DiagOptions, RegExp][] = [
    [
      'a reader factory that throws',
      () => ({
        readers: [
          () => {
            throw new Error('reader factory failed');
          },
        ],
      }),
      /cannot create the metrics pipeline .*reader factory failed/,
    ],
    ['a View the SDK refuses', () => ({ views: [{ name: 'renamed' }] }), /cannot create the metrics pipeline/],
    [
      'an OTLP URL that does not parse',
      () => ({ readers: [otlpReader({ url: 'not a url' })] }),
      /OTLP http\/protobuf URL "not a url"/,
    ],
    [
      'an OTLP URL that is not http(s), with credentials',
      () => ({ readers: [otlpReader({ url: `ftp://user:${SECRET}@collector:4318/v1/metrics?token=${SECRET}` })] }),
      /OTLP http\/protobuf URL "ftp:\/\/collector:4318\/v1\/metrics" is not an http/,
    ],
    [
      'a gRPC header value with a newline (an API key)',
      () => ({ readers: [otlpReader({ protocol: 'grpc', headers: { 'x-api-key': `${SECRET}\nx` } })] }),
      /value of OTLP header "x-api-key" has characters gRPC metadata refuses/,
    ],
    [
      'an HTTP header value beyond Latin-1',
      () => ({ readers: [otlpReader({ headers: { 'x-api-key': `${SECRET}\u0100` } })] }),
      /value of OTLP header "x-api-key" has characters HTTP refuses/,
    ],
    [
      'an HTTP header name with a space',
      () => ({ readers: [otlpReader({ headers: { 'x api key': SECRET } })] }),
      /OTLP header name "x api key" is not a valid HTTP field name/,
    ],
  ];
  it.each(cases)('%s', async (_, options, message) => {
    const port = await freePort();
    const addr = `127.0.0.1:${port}`;
    const before = metrics.getMeterProvider();
    let made: DiagOptions;
    try {
      made = options(); // otlpReader checks its target when configured: the same one line
    } catch (e) {
      made = {};
      expect((e as Error).message).toMatch(message);
      expect((e as Error).message).toMatch(/^teleport-otel: /);
      expect((e as Error).message).not.toContain('\n');
      expect((e as Error).message).not.toContain(SECRET);
      return;
    }
    const err = await failure({ addr, global: true, ...made });
    expect(err).toMatch(message);
    expect(err).toMatch(/^teleport-otel: /);
    expect(err).not.toContain('\n');
    expect(err).not.toContain(SECRET);
    expect(metrics.getMeterProvider()).toBe(before);
    expect(registryOf(metrics.getMeterProvider())).toBeUndefined();
    // The address is free: a retry binds it.
    const retry = await startDiag({ addr });
    expect(retry.address.port).toBe(port);
    await retry.close();
  });

  it('an address in use: one line, and the provider made for it is shut down', async () => {
    const busy: Server = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    const err = await failure({ addr: `127.0.0.1:${port}`, global: true });
    expect(err).toBe(`teleport-otel: cannot listen on 127.0.0.1:${port}: address already in use`);
    expect(registryOf(metrics.getMeterProvider())).toBeUndefined();
    await new Promise((r) => busy.close(r));
  });
});

describe('misspelt and out-of-range options are refused by name', () => {
  it.each([
    [{ adress: '127.0.0.1:0' }, 'unknown startDiag option "adress" (did you mean "addr"?)'],
    [{ maxConection: 3 }, 'unknown startDiag option "maxConection" (did you mean "maxConnections"?)'],
    [{ colour: 'blue' }, 'unknown startDiag option "colour"'],
    [{ recoveryMs: -1 }, 'recoveryMs must be an integer >= 0, got -1'],
    [{ recoveryMs: 1.5 }, 'recoveryMs must be an integer >= 0, got 1.5'],
    [{ shutdownTimeoutMillis: -5 }, 'shutdownTimeoutMillis must be an integer >= 0, got -5'],
    [{ exposition: { naming: 'bogus' } }, 'exposition.naming must be "teleport" or "otel", got "bogus"'],
    [{ exposition: { nameing: 'otel' } }, 'unknown startDiag option exposition.nameing (did you mean "naming"?)'],
    [{ gzip: 'yes' }, 'startDiag option gzip must be a boolean, got string'],
    [{ readers: {} }, 'startDiag option readers must be an array, got object'],
    [{ tls: { certFile: 'a.pem', keyfile: 'b.pem' } }, 'unknown startDiag option tls.keyfile (did you mean "keyFile"?)'],
    [{ maxConnections: '256' }, 'startDiag option maxConnections must be a number, got string'],
  ])('%p', async (options, message) => {
    expect(await failure({ addr: '127.0.0.1:0', ...(options as DiagOptions) })).toBe(`teleport-otel: ${message}`);
  });

  it('an option set to undefined counts as unset', async () => {
    expect(await failure({ addr: '127.0.0.1:0', gzip: undefined, tls: undefined })).toBe('started');
  });
});
