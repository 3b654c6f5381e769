import { metric } from '../define';

/** What every entry of this group shares. */
const base = { package: 'diag', group: 'promhttp', component: 'prometheus', section: 'Prometheus', origin: 'doc' } as const;

/** diag: promhttp rows. */
export const promhttp = {
  requestsInFlight: metric({
    ...base,
    name: 'promhttp_metric_handler_requests_in_flight',
    type: 'gauge',
    instrument: 'updowncounter',
    unit: '{scrape}',
    help: 'Current number of scrapes being served.',
    description: 'Current number of scrapes being served.',
    labels: [],
    notes: [],
  }),
  requestsTotal: metric({
    ...base,
    name: 'promhttp_metric_handler_requests_total',
    type: 'counter',
    instrument: 'counter',
    unit: '{scrape}',
    help: 'Total number of scrapes by HTTP status code.',
    description: 'Total number of scrapes by HTTP status code.',
    labels: ['code'],
    examples: { code: ['200', '500', '503'] },
    notes: ['Series code=200, 500, 503 are pre-initialised to 0 at handler creation. Doc does not name the label.'],
  }),
} as const;
