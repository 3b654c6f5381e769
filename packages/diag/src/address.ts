/** Teleport's documented diag address. */
export const DEFAULT_DIAG_ADDR = '127.0.0.1:3000';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** Parses `host:port` or `[v6]:port`; a bad value is an Error naming it, never a silent default. */
export function parseAddress(addr: string): HostPort {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(addr);
  const port = m ? Number(m[3]) : NaN;
  if (!m || !(port >= 0 && port <= 65535)) {
    throw new Error(
      `teleport-otel: invalid diag address ${JSON.stringify(addr)}: expected HOST:PORT with a port from 0 to 65535`
    );
  }
  return { host: m[1] ?? m[2]!, port };
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
