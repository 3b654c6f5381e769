import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/** The built CLI (packages/cli/dist/bin.js): tests run it as users do, in a child process. */
export const CLI_BIN = join(__dirname, '../packages/cli/dist/bin.js');

export interface RunningCli {
  readonly child: ChildProcess;
  /** The /metrics URL the CLI said it serves. */
  readonly url: string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
  /** Everything it wrote so far, stdout and stderr interleaved. */
  output(): string;
}

/** Starts `teleport-otel start` on a free loopback port; resolves once it says it is serving. */
export async function startCli(
  args: readonly string[],
  timeoutMs = 20_000,
  /** Added to this process's environment (e.g. OTEL_* variables). */
  env: Readonly<Record<string, string>> = {}
): Promise<RunningCli> {
  const child = spawn(process.execPath, [CLI_BIN, 'start', '--diag-addr=127.0.0.1:0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no serving line within ${timeoutMs} ms: ${out}`)), timeoutMs);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serving (http:\/\/\S+\/metrics)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`CLI exited ${String(code)}: ${out}`));
      });
    });
    return { child, url, stop, output: () => out };
  } catch (err) {
    await stop();
    throw err;
  }
}
