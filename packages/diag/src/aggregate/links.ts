import cluster, { type Worker as ClusterWorker } from 'node:cluster';
import { BroadcastChannel, type Worker as ThreadWorker } from 'node:worker_threads';
import { isMessage, type Message } from './protocol';

/*
 * The two transports, each seen from both ends. Between threads of one process: BroadcastChannels
 * (the only channel any two threads share without one of them holding the other's Worker
 * object). The primary's channel carries its small messages to every thread (collect requests,
 * welcomes); each worker sends its state on a channel of its own, which only it and the primary
 * join: on a shared channel every thread would also receive, and deserialize, every other
 * thread's state. Between cluster processes: the IPC channel cluster already set up.
 */

export type Send = (m: Message) => void;

/** The data channel of one joined thread. */
export const threadChannel = (base: string, id: string): string => `${base}/${id}`;

export interface PrimaryLinkEvents {
  /** `reply` answers the worker that sent `m` (and is what later messages to it use). */
  message(m: Message, reply: Send, via: { cluster?: number; thread?: number }): void;
  /** A cluster worker's IPC channel closed, or a thread this thread started exited. */
  gone(via: { cluster?: number; thread?: number }): void;
}

/** The primary's end of both transports. */
export class PrimaryLinks {
  private readonly control: BroadcastChannel;
  private readonly dataChannels = new Map<string, BroadcastChannel>();
  private readonly cleanup: (() => void)[] = [];

  constructor(private readonly base: string, private readonly events: PrimaryLinkEvents) {
    this.control = new BroadcastChannel(base);
    this.control.unref();
    const broadcast: Send = (m) => this.control.postMessage(m);
    this.control.onmessage = (e) => {
      const m = (e as MessageEvent).data;
      if (isMessage(m) && m.t === 'hello') this.events.message(m, broadcast, { thread: m.thread });
    };
    const onWorker = (w: ThreadWorker): void => {
      const thread = w.threadId;
      w.once('exit', () => this.events.gone({ thread }));
    };
    process.on('worker', onWorker);
    this.cleanup.push(() => process.off('worker', onWorker));
    if (cluster.isPrimary) {
      const onMessage = (worker: ClusterWorker, m: unknown): void => {
        if (!isMessage(m)) return;
        const reply: Send = (r) => {
          if (worker.isConnected()) worker.send(r);
        };
        this.events.message(m, reply, { cluster: worker.id });
      };
      // 'disconnect' (the IPC channel closed) rather than 'exit': every message the worker sent
      // before it went has been read by then, so its final state is in.
      const onDisconnect = (worker: ClusterWorker): void => this.events.gone({ cluster: worker.id });
      cluster.on('message', onMessage);
      cluster.on('disconnect', onDisconnect);
      this.cleanup.push(() => {
        cluster.off('message', onMessage);
        cluster.off('disconnect', onDisconnect);
      });
    }
  }

  /** Starts listening to a joined thread's data channel. */
  listenThread(id: string): void {
    if (this.dataChannels.has(id)) return;
    const ch = new BroadcastChannel(threadChannel(this.base, id));
    ch.unref();
    ch.onmessage = (e) => {
      const m = (e as MessageEvent).data;
      if (isMessage(m)) this.events.message(m, (r) => this.control.postMessage(r), {});
    };
    this.dataChannels.set(id, ch);
  }

  forgetThread(id: string): void {
    this.dataChannels.get(id)?.close();
    this.dataChannels.delete(id);
  }

  /** One collect request reaches every thread at once. */
  broadcastToThreads(m: Message): void {
    this.control.postMessage(m);
  }

  close(): void {
    for (const c of this.cleanup) c();
    for (const ch of this.dataChannels.values()) ch.close();
    this.dataChannels.clear();
    this.control.close();
  }
}

export interface WorkerLink {
  send: Send;
  /** Typed arrays must travel as base64 (cluster IPC in its default JSON serialization). */
  readonly json: boolean;
  close(): void;
}

/** A worker thread's end: listens on the primary's channel, sends on its own. */
export function threadWorkerLink(base: string, id: string, onMessage: (m: Message) => void): WorkerLink {
  const control = new BroadcastChannel(base);
  const data = new BroadcastChannel(threadChannel(base, id));
  // Joining must not keep a thread alive that has nothing else to do.
  control.unref();
  data.unref();
  control.onmessage = (e) => {
    const m = (e as MessageEvent).data;
    if (isMessage(m) && m.t !== 'hello') onMessage(m);
  };
  return {
    json: false,
    // hello goes where the primary listens before it knows this thread; the rest on our own channel.
    send: (m) => (m.t === 'hello' ? control : data).postMessage(m),
    close() {
      control.close();
      data.close();
    },
  };
}

/** A cluster worker's end: the IPC channel to the primary. */
export function clusterWorkerLink(onMessage: (m: Message) => void): WorkerLink {
  const listener = (m: unknown): void => {
    if (isMessage(m)) onMessage(m);
  };
  process.on('message', listener);
  return {
    json: process.env.NODE_CHANNEL_SERIALIZATION_MODE !== 'advanced',
    send: (m) => {
      if (process.connected) process.send!(m);
    },
    close: () => void process.off('message', listener),
  };
}
