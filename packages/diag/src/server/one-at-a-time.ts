import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface OneAtATimeOptions {
  /** Requests a connection may have waiting behind the one in progress; past it the connection is closed. */
  maxQueued: number;
  /** The connection has a request in progress (the first of a run). */
  onBusy(socket: Socket): void;
  /** Every request of the connection has been answered (or the connection closed). */
  onIdle(socket: Socket): void;
  /** The connection pipelined more than `maxQueued` requests and is being closed. */
  onOverflow(socket: Socket): void;
}

/**
 * Serves the requests of one connection one at a time, as Go's net/http does: Node parses every
 * pipelined request at once and would start all their handlers together, so one connection
 * pipelining 64 GET /metrics would take every scrape slot. Here the next request's handler starts
 * only when the previous response has closed. Node writes responses in request order anyway.
 */
export function oneAtATime(handler: Handler, options: OneAtATimeOptions): Handler {
  const queues = new WeakMap<Socket, [IncomingMessage, ServerResponse][]>();
  return (req, res) => {
    const socket = req.socket;
    // Node hands over every request it parsed from a chunk, even after an overflow below destroyed
    // the socket: started, such a request's response could never finish (holding a scrape slot).
    if (socket.destroyed) return;
    const queue = queues.get(socket);
    if (queue) {
      if (queue.length >= options.maxQueued) {
        queues.delete(socket);
        options.onOverflow(socket);
        socket.destroy();
        return;
      }
      queue.push([req, res]);
      return;
    }
    const mine: [IncomingMessage, ServerResponse][] = [];
    queues.set(socket, mine);
    options.onBusy(socket);
    const run = (r: IncomingMessage, s: ServerResponse): void => {
      s.once('close', () => {
        const next = mine.shift();
        if (next && !socket.destroyed) return run(...next);
        mine.length = 0;
        // No other run can have taken the socket: none starts on a destroyed one (see above).
        queues.delete(socket);
        options.onIdle(socket);
      });
      handler(r, s);
    };
    run(req, res);
  };
}
