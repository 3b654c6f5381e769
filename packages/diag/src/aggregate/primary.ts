import type { Family, Registry } from '@teleport-otel/core';
import { RegistryDeltas } from './deltas';
import { checkAggregateOptions } from './guard';
import { PrimaryLinks, type Send } from './links';
import { MergedView, Source } from './merge';
import { DEFAULT_CHANNEL, TAG, type Message } from './protocol';

export interface AggregateOptions {
  /**
   * How long a scrape waits for the workers' state, in ms. A worker that has not answered by then
   * (a blocked event loop) is shown as of its last answer. Default 1000.
   */
  collectTimeoutMs?: number;
  /** BroadcastChannel name shared with joinDiag({ channel }) in worker threads. Default: one fixed name. */
  channel?: string;
}

export const DEFAULT_COLLECT_TIMEOUT_MS = 1_000;
/** How many departed workers are remembered (so a late message from one is never counted twice). */
const REMEMBERED_DEPARTURES = 10_000;
/** A thread's final state may still be in flight when its 'exit' event arrives: wait this long for it. */
const THREAD_EXIT_GRACE_MS = 50;
/**
 * A thread this thread did not start gives no 'exit' event here; ended by worker.terminate() it
 * sends no last message either. One that has answered nothing for this long has left.
 */
const SILENT_THREAD_DEPARTS_MS = 5 * 60_000;

interface Joined {
  readonly source: Source;
  readonly reply: Send;
  readonly thread?: number;
  readonly cluster?: number;
  /** Highest collect round this worker has answered, and when it last answered. */
  answered: number;
  answeredAt: number;
}

/**
 * The aggregating primary: the families every renderer sees are this process's own Registry plus
 * every joined worker's, merged by the catalog's aggregation rules (see merge.ts). Each
 * collection first asks every joined worker for what changed since its last answer and waits
 * (up to collectTimeoutMs) for all of them, so a scrape shows everything recorded before it.
 */
export class Aggregator {
  private readonly view: MergedView;
  private readonly own: Source;
  private readonly ownDeltas: RegistryDeltas;
  private readonly joined = new Map<string, Joined>();
  private readonly departed = new Set<string>();
  private readonly links: PrimaryLinks;
  private readonly timeoutMs: number;
  private seq = 0;
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private round: { seq: number; done: () => void } | undefined;
  private closed = false;

  constructor(registry: Registry, options: AggregateOptions = {}) {
    checkAggregateOptions(options);
    this.timeoutMs = options.collectTimeoutMs ?? DEFAULT_COLLECT_TIMEOUT_MS;
    this.view = new MergedView(registry);
    this.own = new Source('primary', 'primary', process.pid);
    this.ownDeltas = new RegistryDeltas(registry, false);
    this.links = new PrimaryLinks(options.channel ?? DEFAULT_CHANNEL, {
      message: (m, reply, via) => this.onMessage(m, reply, via),
      gone: (via) => this.onGone(via),
    });
  }

  /** Workers joined and not departed. */
  get workers(): number {
    return this.joined.size;
  }

  /** The merged families, after every joined worker has answered (or the deadline passed). */
  async collect(): Promise<readonly Family[]> {
    await this.refresh();
    this.view.apply(this.own, this.ownDeltas.next());
    return this.view.merge([this.own, ...[...this.joined.values()].map((j) => j.source)]);
  }

  close(): void {
    this.closed = true;
    this.links.close();
    this.round?.done();
  }

  /**
   * One collect round at a time. A scrape that arrives while a round is out waits for the next
   * one (that round's request may have left before this scrape's recordings were made); every
   * scrape arriving meanwhile shares that next round.
   */
  private refresh(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.runRound().finally(() => (this.inFlight = undefined));
      return this.inFlight;
    }
    return (this.queued ??= this.inFlight.then(() => {
      this.queued = undefined;
      return this.refresh();
    }));
  }

  private runRound(): Promise<void> {
    if (this.joined.size === 0 || this.closed) return Promise.resolve();
    const seq = ++this.seq;
    const request: Message = { tag: TAG, t: 'collect', seq };
    let threads = false;
    for (const j of this.joined.values()) {
      if (j.cluster !== undefined) j.reply(request);
      else threads = true;
    }
    if (threads) this.links.broadcastToThreads(request);
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.round?.done(), this.timeoutMs);
      this.round = {
        seq,
        done: () => {
          clearTimeout(timer);
          this.round = undefined;
          this.departSilentThreads();
          resolve();
        },
      };
      this.checkRound();
    });
  }

  private checkRound(): void {
    const r = this.round;
    if (!r) return;
    for (const j of this.joined.values()) if (j.answered < r.seq) return;
    r.done();
  }

  private onMessage(m: Message, reply: Send, via: { cluster?: number; thread?: number }): void {
    if (this.closed) return;
    switch (m.t) {
      case 'hello': {
        if (this.departed.has(m.id)) return;
        if (!this.joined.has(m.id)) {
          const source = new Source(m.id, m.label, m.pid);
          this.joined.set(m.id, {
            source,
            reply,
            cluster: via.cluster,
            thread: via.cluster === undefined ? m.thread : undefined,
            answered: this.seq,
            answeredAt: Date.now(),
          });
          if (via.cluster === undefined) this.links.listenThread(m.id);
        }
        reply({ tag: TAG, t: 'welcome', id: m.id });
        return;
      }
      case 'state': {
        const j = this.joined.get(m.id);
        if (!j) return;
        this.view.apply(j.source, m.families);
        if (m.seq > j.answered) j.answered = m.seq;
        j.answeredAt = Date.now();
        this.checkRound();
        return;
      }
      case 'bye': {
        const j = this.joined.get(m.id);
        if (j) {
          this.view.apply(j.source, m.families);
          this.depart(m.id, j);
        }
        // Answered even for an unknown id, so the worker's close() never waits for nothing.
        reply({ tag: TAG, t: 'bye-ack', id: m.id });
        return;
      }
      default:
        return;
    }
  }

  private onGone(via: { cluster?: number; thread?: number }): void {
    for (const [id, j] of this.joined) {
      if (via.cluster !== undefined && j.cluster === via.cluster) this.depart(id, j);
      else if (via.thread !== undefined && j.thread === via.thread) {
        setTimeout(() => this.joined.get(id) === j && this.depart(id, j), THREAD_EXIT_GRACE_MS).unref();
      }
    }
  }

  private departSilentThreads(): void {
    const now = Date.now();
    for (const [id, j] of this.joined) {
      if (j.cluster === undefined && now - j.answeredAt > SILENT_THREAD_DEPARTS_MS) this.depart(id, j);
    }
  }

  private depart(id: string, j: Joined): void {
    this.joined.delete(id);
    this.departed.add(id);
    if (this.departed.size > REMEMBERED_DEPARTURES) this.departed.delete(this.departed.values().next().value!);
    const pid = j.source.pid;
    const sharesProcess = pid === process.pid || [...this.joined.values()].some((o) => o.source.pid === pid);
    this.view.retire(j.source, sharesProcess);
    if (j.cluster === undefined) this.links.forgetThread(id);
    this.checkRound();
  }
}
