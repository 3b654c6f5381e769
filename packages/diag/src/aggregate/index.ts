export { Aggregator, DEFAULT_COLLECT_TIMEOUT_MS, type AggregateOptions } from './primary';
export { joinDiag, DEFAULT_JOIN_TIMEOUT_MS, type JoinOptions, type JoinedDiag } from './worker';
export { checkPlacement } from './guard';
