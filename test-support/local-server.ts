import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * Runs a server binary (Prometheus, VictoriaMetrics) on loopback until `readyUrl` answers 2xx
 * (20 s at most). stop() ends it and removes `dir`, its temporary data directory; a server that
 * exits or never gets ready is stopped the same way and reported with the end of its stderr.
 */
export async function startLocalServer(
  name: string,
  binary: string,
  args: readonly string[],
  readyUrl: string,
  dir: string
): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${name} exited (${child.exitCode}): ${stderr.slice(-500)}`);
    }
    const ready = await fetch(readyUrl).then(
      (r) => r.ok,
      () => false
    );
    if (ready) return { stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} not ready after 20 s: ${stderr.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
