// The one entry point agents and routerctl use: parse every source, merge them in order, check.
import type { RouterConfig } from '../router.js';
import { checkResources } from './check-resources.js';
import { formatDiagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostic.js';
import type { ConfigSource, LoadedResource } from './loaded-resource.js';
import { mergeResources } from './merge-resources.js';
import { parseConfigText } from './parse-config.js';

export interface LoadResult {
  /** Undefined when any error diagnostic exists. */
  config: RouterConfig | undefined;
  /** What validated, after merge. */
  resources: LoadedResource[];
  /** Errors and warnings, in file order. */
  diagnostics: Diagnostic[];
}

/** Parse every source, merge them in order (one source = replace), check. */
export function loadConfig(sources: ConfigSource[]): LoadResult {
  let resources: LoadedResource[] = [];
  let name: string | undefined;
  const diagnostics: Diagnostic[] = [];
  if (sources.length === 0) {
    diagnostics.push({ severity: 'error', file: '<none>', line: 1, column: 1, message: 'expected at least one configuration source, found none' });
  }
  sources.forEach((source, i) => {
    const parsed = parseConfigText(source);
    diagnostics.push(...parsed.diagnostics);
    resources = i === 0 ? parsed.resources : mergeResources(resources, parsed.resources);
    if (parsed.name !== undefined) name = parsed.name;
  });
  diagnostics.push(...checkResources(resources, invalidNames(diagnostics)));
  const sorted = sortDiagnostics(diagnostics, sources.map((s) => s.file));
  const config = hasErrors(sorted) ? undefined : { ...(name === undefined ? {} : { name }), resources: resources.map((r) => r.resource) };
  return { config, resources, diagnostics: sorted };
}

/** "Kind/name" of resources whose diagnostics name them: declared, though perhaps invalid. */
function invalidNames(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.flatMap((d) => (d.resourceId === undefined ? [] : [d.resourceId.split('/').slice(-2).join('/')]));
}

/**
 * An invalid configuration, with every diagnostic. `lines` are the diagnostics as `routerctl validate`
 * prints them; with `file`, the message names the file an agent read (the bootstrap's case).
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly diagnostics: readonly Diagnostic[];
  readonly lines: readonly string[];
  readonly file: string | undefined;

  constructor(diagnostics: readonly Diagnostic[], options: { file?: string; lines?: readonly string[] } = {}) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const lines = options.lines ?? errors.map(formatDiagnostic);
    const what = options.file === undefined ? `invalid configuration (${errors.length} error${errors.length === 1 ? '' : 's'})` : `invalid configuration file ${JSON.stringify(options.file)}`;
    super(`${what}:\n${lines.join('\n')}`);
    this.diagnostics = diagnostics;
    this.lines = lines;
    this.file = options.file;
  }
}

/** The configuration of a load result, or a ConfigError listing its errors: for agents that cannot run without one. */
export function requireConfig(result: LoadResult): RouterConfig {
  if (result.config === undefined) throw new ConfigError(result.diagnostics);
  return result.config;
}
