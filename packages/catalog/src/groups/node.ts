import { metric } from '../define';

/** What every entry of this group shares. */
const base = { package: 'node', group: 'node', component: 'Teleport Node', section: 'Teleport Nodes', origin: 'doc' } as const;

/** node: node rows. */
export const node = {
  maxConcurrentSessionsHitTotal: metric({
    ...base,
    name: 'user_max_concurrent_sessions_hit_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{session}',
    help: 'Number of times a user exceeded their max concurrent ssh connections',
    description: 'Number of times a user exceeded their concurrent session limit.',
    labels: [],
    notes: ['Incremented in SessionController when AcquireSemaphoreLock fails with MaxLeases (role max_connections).'],
  }),
} as const;
