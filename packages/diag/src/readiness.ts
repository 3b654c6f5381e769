/** Teleport's process states, with their process_state values. */
export const PROCESS_STATES = { ok: 0, recovering: 1, degraded: 2, starting: 3 } as const;
export type ProcessState = keyof typeof PROCESS_STATES;

/** /readyz status codes and messages, as lib/service/state.go answers them. */
export const READYZ: Readonly<Record<ProcessState, { readonly code: number; readonly status: string }>> = {
  ok: { code: 200, status: 'ok' },
  recovering: { code: 400, status: 'teleport is recovering from a degraded state, check logs for details' },
  degraded: { code: 503, status: 'teleport is in a degraded state, check logs for details' },
  starting: { code: 400, status: "teleport is starting and hasn't joined the cluster yet" },
};

/** Teleport's HeartbeatCheckPeriod (5 s): a recovering component is ok again after twice that. */
export const DEFAULT_RECOVERY_MS = 10_000;

interface ComponentState {
  state: ProcessState;
  recoveredAt: number;
}

/**
 * Per-component readiness, driven by the service's heartbeats exactly as Teleport's state machine:
 * a new component is starting; degraded always wins; an OK after degraded means recovering, and
 * recovering turns ok only on an OK heard more than `recoveryMs` after the recovery began.
 * Overall: any degraded -> degraded; else any recovering -> recovering; ok only when every
 * component is ok (and there is at least one); otherwise starting.
 */
export class Readiness {
  private readonly components = new Map<string, ComponentState>();
  private readonly listeners: ((state: ProcessState) => void)[] = [];

  constructor(private readonly recoveryMs = DEFAULT_RECOVERY_MS, private readonly now: () => number = Date.now) {}

  /** Declares a component (it starts in `starting`), e.g. before its first heartbeat. */
  register(component: string): void {
    if (!this.components.has(component)) this.components.set(component, { state: 'starting', recoveredAt: 0 });
    this.changed();
  }

  /** A component's heartbeat succeeded (Teleport's TeleportOKEvent). */
  ok(component: string): void {
    const c = this.components.get(component) ?? { state: 'starting' as ProcessState, recoveredAt: 0 };
    if (c.state === 'starting') c.state = 'ok';
    else if (c.state === 'degraded') {
      c.state = 'recovering';
      c.recoveredAt = this.now();
    } else if (c.state === 'recovering' && this.now() - c.recoveredAt > this.recoveryMs) c.state = 'ok';
    this.components.set(component, c);
    this.changed();
  }

  /** A component's heartbeat failed (Teleport's TeleportDegradedEvent). */
  degraded(component: string): void {
    // Stryker disable next-line ObjectLiteral: `{}` is the same: state is set below, recoveredAt read only after ok() wrote it (docs/testing.md)
    const c = this.components.get(component) ?? { state: 'starting' as ProcessState, recoveredAt: 0 };
    c.state = 'degraded';
    this.components.set(component, c);
    this.changed();
  }

  /** Reports a heartbeat outcome: `ok(component)` when true, `degraded(component)` when false. */
  heartbeat(component: string, healthy: boolean): void {
    if (healthy) this.ok(component);
    else this.degraded(component);
  }

  get state(): ProcessState {
    const states = [...this.components.values()].map((c) => c.state);
    if (states.includes('degraded')) return 'degraded';
    if (states.includes('recovering')) return 'recovering';
    if (states.length > 0 && states.every((s) => s === 'ok')) return 'ok';
    return 'starting';
  }

  /** Calls `listener` with the overall state now and after every event. */
  subscribe(listener: (state: ProcessState) => void): void {
    this.listeners.push(listener);
    listener(this.state);
  }

  private changed(): void {
    const s = this.state;
    for (const l of this.listeners) l(s);
  }
}
