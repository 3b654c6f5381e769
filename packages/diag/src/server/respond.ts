import type { ServerResponse } from 'node:http';

/** A short text answer with Go's headers (net/http's Error). */
export function plain(res: ServerResponse, code: number, body: string, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
}

/** roundtrip.ReplyJSON: the JSON with no trailing newline. */
export function json(res: ServerResponse, code: number, body: object): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Go's plain 404, for any path the endpoint does not serve. */
export function notFound(res: ServerResponse): void {
  plain(res, 404, '404 page not found\n');
}
