/** The CLI's version, reported as teleport_build_info{version}. */
export const VERSION = '0.1.0';
