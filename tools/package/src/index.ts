// @routerd/package: the Debian package of the product, built with esbuild and dpkg-deb.
export { buildDeb } from './build-deb.js';
export type { BuildOptions, BuiltDeb } from './build-deb.js';
export { bundleBin, foreignImports, NODE_TARGET, packageOfInput } from './bundle.js';
export type { Bundle } from './bundle.js';
export { controlFile, DEPENDS, MIN_NODE, POSTINST, POSTRM, RECOMMENDS } from './control.js';
export type { ControlFields } from './control.js';
export { copyrightFile, readBundledPackage } from './copyright.js';
export type { BundledPackage } from './copyright.js';
export { BundleError, PackageInputError, ToolError } from './errors.js';
export { agentBins, launcherScript } from './launcher.js';
export { BIN_DIR, bundlePath, DOC_DIR, EXAMPLES_DIR, LIB_DIR, NODE, PACKAGE_NAME, SYSUSERS_FILE, TMPFILES_FILE, UNIT_DIR } from './layout.js';
export { repoFiles, unitNames } from './repo-files.js';
export type { CopiedFile } from './repo-files.js';
export { discoverBins, productVersion, sourceOf } from './workspace.js';
export type { BinEntry } from './workspace.js';
