import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every TypeScript file of a test directory. */
export function testFiles(testDir: string): string[] {
  return fs
    .readdirSync(testDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(testDir, f));
}

const root = path.resolve(__dirname, '..');

/** packages/<name> of a file, so diagnostics stay within the packages under test. */
function packageDir(file: string): string {
  const m = /^(.*[\\/]packages[\\/][^\\/]+)/.exec(path.resolve(file));
  return m ? m[1]! : path.dirname(path.resolve(file));
}

/**
 * Type errors of `files` and of the sources of their packages, compiled with the test tsconfig
 * plus full type checking. ts-jest only transpiles, so the `@ts-expect-error` lines of typed-label
 * tests are checked here: an expected error that no longer occurs is itself reported.
 */
export function typeErrors(files: string[]): string[] {
  // Loaded here, not at the top: typescript.js is ~9 MB, and Jest loads it again for every test
  // file that imports this module (per mutant under `npm run mutate`), type checking or not.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const cfg = ts.readConfigFile(path.join(root, 'tsconfig.test.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(cfg.config, ts.sys, root);
  const options: import('typescript').CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    isolatedModules: false,
    baseUrl: root,
    paths: { '@teleport-otel/*': ['packages/*/src'] },
  };
  const program = ts.createProgram(files, options);
  const packages = [...new Set(files.map(packageDir))];
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || packages.some((p) => path.resolve(d.file!.fileName).startsWith(p)))
    .map((d) => `${d.file ? path.relative(root, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
