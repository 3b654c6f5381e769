import { metric } from '../define';

/** node: node rows. */
export const node = {
  maxConcurrentSessionsHitTotal: metric({
    name: "user_max_concurrent_sessions_hit_total",
    type: "counter",
    instrument: "counter",
    unit: "{session}",
    help: "Number of times a user exceeded their max concurrent ssh connections",
    description: "Number of times a user exceeded their concurrent session limit.",
    labels: [],
    package: "node",
    group: "node",
    component: "Teleport Node",
    section: "Teleport Nodes",
    origin: "doc",
    notes: [
      "Incremented in SessionController when AcquireSemaphoreLock fails with MaxLeases (role max_connections).",
    ],
  }),
} as const;
