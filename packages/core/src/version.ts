/** Instrumentation scope version reported with every meter: this package's own version. */
export const VERSION: string = (require('../package.json') as { version: string }).version;
