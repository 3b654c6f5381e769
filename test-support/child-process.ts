import { fork, type ChildProcess } from 'node:child_process';

/** A forked fixture and its IPC messages, taken in the order they came. */
export interface ForkedChild {
  readonly process: ChildProcess;
  /** The next message the child sent (waits for one if none is queued). */
  next<T>(): Promise<T>;
}

/** Forks `script` with an IPC channel (its stdout and stderr go to the test's) and queues what it sends. */
export function forkWithMessages(script: string, args: readonly string[] = []): ForkedChild {
  const child = fork(script, [...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const messages: unknown[] = [];
  let wake: (() => void) | undefined;
  child.on('message', (m) => {
    messages.push(m);
    wake?.();
  });
  return {
    process: child,
    next: async <T>(): Promise<T> => {
      while (messages.length === 0) await new Promise<void>((r) => (wake = r));
      return messages.shift() as T;
    },
  };
}
