// Where the package puts things on the router.

export const PACKAGE_NAME = 'routerd-lease-sync';
/** The bundles: one <bin>.mjs per command. */
export const LIB_DIR = `/usr/lib/${PACKAGE_NAME}`;
export const BIN_DIR = '/usr/bin';
export const UNIT_DIR = '/usr/lib/systemd/system';
export const TMPFILES_FILE = `/usr/lib/tmpfiles.d/${PACKAGE_NAME}.conf`;
export const SYSUSERS_FILE = `/usr/lib/sysusers.d/${PACKAGE_NAME}.conf`;
export const DOC_DIR = `/usr/share/doc/${PACKAGE_NAME}`;
export const EXAMPLES_DIR = `${DOC_DIR}/examples`;
/** Debian's node, from the nodejs package (nodesource's installs the same path). */
export const NODE = '/usr/bin/node';

/** The installed path of a bin's bundle. */
export function bundlePath(bin: string): string {
  return `${LIB_DIR}/${bin}.mjs`;
}
