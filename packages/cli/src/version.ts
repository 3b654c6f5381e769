/** The CLI's version, reported as teleport_build_info{version} by the demo. */
export const VERSION: string = (require('../package.json') as { version: string }).version;
