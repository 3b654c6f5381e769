import type { Socket } from 'node:net';

/** Why the endpoint closed a connection (teleport_otel_diag_connections_rejected_total{reason}). */
export type RejectReason = 'evicted' | 'refused' | 'pipelined';

/**
 * The endpoint's connection slots. At the limit, a new connection is admitted by closing the
 * oldest connection that has no request in progress (one still in its TLS handshake, still
 * sending its headers, or idle between keep-alive requests): a slowloris or a handshake that
 * never comes loses its slot to a client that sends a request at once, instead of locking every
 * newcomer out until the timeouts fire. Only when every connection has a request in progress is
 * the new one refused; requests in progress are bounded by the scrape cap, and probes answer in
 * the same tick, so with the defaults (64 scrapes, 256 connections) a probe always finds a slot.
 * Sockets are the TCP sockets under TLS (see tcpSocketOf).
 */
export class ConnectionSlots {
  /** Connections without a request in progress, in the order they became so: oldest first. */
  private readonly waiting = new Set<Socket>();
  private readonly busy = new Set<Socket>();

  constructor(private readonly max: number, private readonly onReject: (reason: RejectReason) => void) {}

  /** Open connections. */
  get size(): number {
    return this.waiting.size + this.busy.size;
  }

  /** A newly accepted connection (server 'connection' event): admits it, evicting or refusing at the limit. */
  admit(socket: Socket): void {
    if (this.max > 0 && this.size >= this.max) {
      const oldest = this.waiting.values().next();
      if (oldest.done) {
        socket.destroy();
        this.onReject('refused');
        return;
      }
      this.waiting.delete(oldest.value);
      oldest.value.destroy();
      this.onReject('evicted');
    }
    this.waiting.add(socket);
    socket.once('close', () => {
      this.waiting.delete(socket);
      this.busy.delete(socket);
    });
  }

  /** Counts a connection closed for another reason (see RejectReason). */
  reject(reason: RejectReason): void {
    this.onReject(reason);
  }

  /** A request started on the connection: it is not evicted until it has been answered. */
  requestStarted(socket: Socket): void {
    if (this.waiting.delete(socket)) this.busy.add(socket);
  }

  /** The connection's requests are all answered: it waits for the next one, newest in the eviction order. */
  requestsDone(socket: Socket): void {
    if (this.busy.delete(socket) && !socket.destroyed) this.waiting.add(socket);
  }
}

/** The TCP socket a request arrived on: a TLSSocket's is its `_parent`, the socket the server accepted. */
export function tcpSocketOf(socket: Socket): Socket {
  return (socket as Socket & { _parent?: Socket | null })._parent ?? socket;
}
