/**
 * The packages as a user on their own OpenTelemetry stack gets them: `npm pack` of every workspace,
 * installed into a scratch app outside the repo next to the app's own api / sdk-metrics / OTLP
 * exporter, a TypeScript example compiled there (module node16 as CommonJS and as ESM, and bundler;
 * skipLibCheck false) and run under each Node binary asked for. Not part of the default jest run (it needs the npm
 * registry and takes a minute or two); `.ci/run` runs it in its own legs:
 *
 *   TELEPORT_OTEL_CONSUMER_LINE   OpenTelemetry JS line of the scratch app: 2 or 3 (default: 3 when
 *                                 this Node can run it, >= 22.15, else 2)
 *   TELEPORT_OTEL_CONSUMER_NODES  comma-separated Node binaries to run the example under (default:
 *                                 the one running jest)
 *
 * `npm run test:consumer` runs it with the defaults. It never skips.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, instance } from '@teleport-otel/catalog';
import { startHttpReceiver, type ReceivedExport, type Receiver } from '../../test-support/otlp-receiver';

const root = join(__dirname, '..', '..');
const rootManifest = require(join(root, 'package.json')) as { devDependencies: Record<string, string> };

/** What a user of each OpenTelemetry JS line installs. */
const LINES = {
  '2': { api: '1.9.1', sdkMetrics: '2.12.1', exporter: '0.223.0' },
  '3': { api: '1.10.0', sdkMetrics: '3.1.1', exporter: '0.301.0' },
} as const;
/** The packages that must stay small on top of an app that already has OpenTelemetry. */
const MEASURED = ['catalog', 'core', 'diag', 'audit', 'auth', 'backends', 'proxy'];
const MAX_ADDED_BYTES = 5_000_000;

const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
const line = (process.env.TELEPORT_OTEL_CONSUMER_LINE ??
  (major > 22 || (major === 22 && minor >= 15) ? '3' : '2')) as keyof typeof LINES;
if (!(line in LINES)) throw new Error(`TELEPORT_OTEL_CONSUMER_LINE=${line}: expected 2 or 3`);
const versions = LINES[line];
const nodes = (process.env.TELEPORT_OTEL_CONSUMER_NODES ?? process.execPath).split(',').filter(Boolean);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the event loop (the OTLP receiver lives in this process). */
function run(cmd: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 300_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: unknown }).code as number | null) ?? 1 : 0;
        resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
      }
    );
  });
}

async function must(cmd: string, args: string[], cwd: string): Promise<string> {
  const r = await run(cmd, args, { cwd });
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Bytes of every file under a directory (apparent size, symlinks not followed). */
function bytesUnder(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += bytesUnder(p);
    else if (e.isFile()) total += lstatSync(p).size;
  }
  return total;
}

/** Every installed copy of a package: node_modules/<name> directories anywhere in the tree. */
function copiesOf(dir: string, name: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (existsSync(join(d, name, 'package.json'))) out.push(join(d, name));
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const scoped = e.name.startsWith('@') ? readdirSync(join(d, e.name)).map((n) => join(d, e.name, n)) : [join(d, e.name)];
      for (const pkg of scoped) if (existsSync(join(pkg, 'node_modules'))) walk(join(pkg, 'node_modules'));
    }
  };
  walk(dir);
  return out;
}

function emitEventsIn(exports: ReceivedExport[]): number[] {
  return exports.flatMap((e) =>
    e.metrics.filter((m) => m.name === audit.emitEvents.name).flatMap((m) => m.points.map((p) => p.value!))
  );
}

const work = mkdtempSync(join(tmpdir(), 'teleport-otel-consumer-'));
const app = join(work, 'app');
const sizes = { before: 0, after: 0, copiesBefore: [] as string[], copiesAfter: [] as string[] };
const tsc = require.resolve('typescript/bin/tsc');

beforeAll(async () => {
  // Pack every workspace exactly as `npm publish` would (prepack builds first).
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  const packed = JSON.parse(await must('npm', ['pack', '--workspaces', '--json', '--pack-destination', tarballs], root)) as {
    name: string;
    filename: string;
  }[];
  const tarball = (pkg: string) => join(tarballs, packed.find((p) => p.name === `@teleport-otel/${pkg}`)!.filename);

  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer-app', version: '1.0.0', private: true }));
  const npmInstall = (...specs: string[]) =>
    must('npm', ['install', '--save-exact', '--no-audit', '--no-fund', '--loglevel=error', ...specs], app);
  // The app as it was: OpenTelemetry and Node types, nothing of ours.
  await npmInstall(
    `@opentelemetry/api@${versions.api}`,
    `@opentelemetry/sdk-metrics@${versions.sdkMetrics}`,
    `@types/node@${rootManifest.devDependencies['@types/node']}`
  );
  sizes.before = bytesUnder(join(app, 'node_modules'));
  sizes.copiesBefore = copiesOf(join(app, 'node_modules'), '@opentelemetry/sdk-metrics');
  await npmInstall(...MEASURED.map(tarball));
  sizes.after = bytesUnder(join(app, 'node_modules'));
  sizes.copiesAfter = copiesOf(join(app, 'node_modules'), '@opentelemetry/sdk-metrics');
  // Then the app's own OTLP exporter, for the push test.
  await npmInstall(`@opentelemetry/exporter-metrics-otlp-http@${versions.exporter}`);

  for (const f of ['example.ts', 'from-env.ts']) copyFileSync(join(__dirname, 'app', f), join(app, 'src', f));
  // The same example as an ES module: there the app's imports resolve to sdk-metrics' ESM
  // declarations and build while our CommonJS packages get its CommonJS ones.
  copyFileSync(join(__dirname, 'app', 'example.ts'), join(app, 'src', 'example.mts'));
  const common = { target: 'ES2022', lib: ['ES2022'], strict: true, skipLibCheck: false, types: ['node'] };
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...common, module: 'node16', moduleResolution: 'node16', outDir: 'dist', rootDir: 'src' },
      include: ['src'],
    })
  );
  writeFileSync(
    join(app, 'tsconfig.bundler.json'),
    JSON.stringify({
      compilerOptions: { ...common, module: 'esnext', moduleResolution: 'bundler', noEmit: true },
      include: ['src'],
    })
  );
  console.log(
    `OpenTelemetry ${line}.x app (api ${versions.api}, sdk-metrics ${versions.sdkMetrics}): ${MEASURED.join(', ')} add ` +
      `${((sizes.after - sizes.before) / 1e6).toFixed(2)} MB; copies of sdk-metrics ${sizes.copiesBefore.length} -> ${
        sizes.copiesAfter.length
      }`
  );
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe(`an app on OpenTelemetry JS ${line}.x`, () => {
  it(`${MEASURED.join(' + ')} add at most 5 MB and no copy of sdk-metrics`, () => {
    expect(sizes.after - sizes.before).toBeLessThanOrEqual(MAX_ADDED_BYTES);
    expect(sizes.copiesBefore).toEqual([join(app, 'node_modules', '@opentelemetry', 'sdk-metrics')]);
    expect(sizes.copiesAfter).toEqual(sizes.copiesBefore);
  });

  it("our packages load the app's own api and sdk-metrics, with its exporter installed too", async () => {
    const probe = `
      const dirs = ${JSON.stringify(MEASURED)}.map((p) => require('path').join('node_modules/@teleport-otel', p));
      const of = (m) => [...new Set(dirs.map((d) => require.resolve(m, { paths: [require('path').resolve(d)] })))];
      console.log(JSON.stringify({ api: of('@opentelemetry/api'), sdk: of('@opentelemetry/sdk-metrics'),
        app: [require.resolve('@opentelemetry/api'), require.resolve('@opentelemetry/sdk-metrics')] }));`;
    const got = JSON.parse(await must(nodes[0]!, ['-e', probe], app));
    expect(got.api).toEqual([got.app[0]]);
    expect(got.sdk).toEqual([got.app[1]]);
  });

  it.each([
    ['node16', 'tsconfig.json'],
    ['bundler', 'tsconfig.bundler.json'],
  ])(
    'a TypeScript file handing its own reader to startDiag compiles (module %s, skipLibCheck false)',
    async (_mode, config) => {
      const r = await run(process.execPath, [tsc, '-p', config], { cwd: app });
      expect(`${r.stdout}${r.stderr}`).toBe('');
      expect(r.code).toBe(0);
    },
    120_000
  );

  describe.each(nodes.map((n) => [n] as const))('run under %s', (node) => {
    let receiver: Receiver;
    beforeAll(async () => {
      receiver = await startHttpReceiver();
    });
    afterAll(() => receiver.close());

    it.each(['example.js', 'example.mjs'])(
      '%s serves /metrics, records on the app’s own MeterProvider and pushes through the app’s own OTLP exporter',
      async (script) => {
        expect(existsSync(join(app, 'dist', script))).toBe(true);
        const r = await run(node, [`dist/${script}`], { cwd: app, env: { OTLP_URL: receiver.url }, timeoutMs: 60_000 });
        expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
        const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { node: string; scrape: string; ownProvider: number[] };
        expect(out.node).toBe((await must(node, ['--version'], app)).trim());
        expect(out.scrape.split('\n')).toContain(`${audit.emitEvents.name} 2`);
        expect(out.ownProvider).toEqual([1]);
        // The forced flush, then the final export when diag closed: 2 each time.
        expect(emitEventsIn(receiver.exports).length).toBeGreaterThanOrEqual(1);
        expect(new Set(emitEventsIn(receiver.exports))).toEqual(new Set([2]));
      },
      90_000
    );

    it('configured from OTEL_* with diag’s own OTLP reader, flushes on close through the app’s exporter package', async () => {
      const before = receiver.exports.length;
      const r = await run(node, ['dist/from-env.js'], {
        cwd: app,
        env: {
          OTEL_METRICS_EXPORTER: 'otlp',
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.base,
        },
        timeoutMs: 60_000,
      });
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      const names = receiver.exports.slice(before).flatMap((e) => e.metrics.map((m) => m.name));
      expect(names).toContain(instance.buildInfo.name);
    }, 90_000);

    it('an OTLP exporter package that is not installed is one line at start, nothing left running', async () => {
      const r = await run(node, ['dist/from-env.js'], {
        cwd: app,
        env: { OTEL_METRICS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
        timeoutMs: 30_000,
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^teleport-otel: OTLP grpc export needs the package @opentelemetry\/exporter-metrics-otlp-grpc;/),
      ]);
    }, 60_000);
  });
});
