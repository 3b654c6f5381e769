/** Instrumentation scope version reported with every meter. */
export const VERSION = '0.1.0';
