// One class per way the packaging can fail; the message names the input, the expectation and what was found.

/** A file of the repository the package needs is missing or not what the packaging expects. */
export class PackageInputError extends Error {
  override name = 'PackageInputError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** esbuild failed, or a bundle would need something at run time that the package does not ship. */
export class BundleError extends Error {
  override name = 'BundleError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A tool the build runs (dpkg-deb, apt-get) failed. */
export class ToolError extends Error {
  override name = 'ToolError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
