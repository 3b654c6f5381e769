export { startDemo, type DemoOptions, type RunningDemo } from './start';
export { drivers } from './demo';
export type { DemoDriver, DemoContext } from './demo/types';
export { runCheck, checkEndpoint, checkExposition } from './check';
