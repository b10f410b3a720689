import type { Resource } from '../resources/kinds.js';

/** A validated resource (defaults applied) and where it came from. */
export interface LoadedResource {
  resource: Resource;
  file: string;
  /** Line and column of the YAML node nearest to a field path inside the resource ("spec", "targets", 0). */
  locate(path: readonly (string | number)[]): { line: number; column: number };
}

/** One configuration text and the name to report it under ("router.yaml", "<stdin>"). */
export interface ConfigSource {
  file: string;
  text: string;
}
