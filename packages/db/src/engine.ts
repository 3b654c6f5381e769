import type { DbMetrics } from './metrics';

/** The database an engine serves: its protocol and type (Database.GetProtocol / GetType). */
export interface DbTarget {
  readonly protocol: string;
  readonly type: string;
  /** The reporting component; Teleport's default is its Database Service component name. */
  readonly component?: string;
}

/** The default component label (Teleport uses teleport.ComponentDatabase; this value of it was not read from source). */
export const DB_SERVICE_COMPONENT = 'db:service';

/** Teleport's reportingEngine for one database: wrap the engine's calls in these. */
export interface DbEngineReporter {
  /** InitializeConnection: initialized_connections_total +1. */
  initializeConnection(): void;
  /** SendError: errors_total +1 (a synthetic error sent to the client). */
  sendError(): void;
  /**
   * HandleConnection: active_connections_total +1 while `serve` runs (sync or async), then
   * connection_durations_seconds observes how long it ran, failed or not.
   */
  handleConnection<R>(serve: () => R): R;
  /** Starts the connection-setup clock; call the result once the connection is ready for requests. */
  connectionSetup(): () => void;
  /** methodCallMetrics: method_call_count_total +1 now; call the result when the method returns. */
  methodCall(method: string): () => void;
  /** One message (packet) from the client / from the server. */
  messageFromClient(): void;
  messageFromServer(): void;
}

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

export function dbEngineReporter(m: DbMetrics, target: DbTarget): DbEngineReporter {
  const labels = { component: target.component ?? DB_SERVICE_COMPONENT, db_protocol: target.protocol, db_type: target.type };
  const active = m.activeConnections.bind(labels);
  const fromClient = m.messagesFromClient.bind(labels);
  const fromServer = m.messagesFromServer.bind(labels);
  return {
    initializeConnection: () => m.initializedConnections.inc(labels),
    sendError: () => m.errors.inc(labels),
    handleConnection<R>(serve: () => R): R {
      active.inc();
      const start = process.hrtime.bigint();
      const finish = (): void => {
        active.dec();
        m.connectionDurations.record(seconds(start), labels);
      };
      let out: R;
      try {
        out = serve();
      } catch (err) {
        finish();
        throw err;
      }
      if (out instanceof Promise) return out.finally(finish) as R;
      finish();
      return out;
    },
    connectionSetup() {
      const start = process.hrtime.bigint();
      let done = false;
      return () => {
        if (done) return;
        done = true;
        m.connectionSetupTime.record(seconds(start), labels);
      };
    },
    methodCall(method) {
      const l = { method, ...labels };
      m.methodCallCount.inc(l);
      const start = process.hrtime.bigint();
      return () => m.methodCallLatency.record(seconds(start), l);
    },
    messageFromClient: () => fromClient.inc(),
    messageFromServer: () => fromServer.inc(),
  };
}
