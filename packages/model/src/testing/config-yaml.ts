// Test configurations as YAML text: each resource in four lines (apiVersion, kind, metadata, spec), the
// spec in flow style on one line, so a test can say on which line a field stands.
import { stringify } from 'yaml';
import { loadConfig, requireConfig } from '../load/load-config.js';
import { RESOURCE_API_VERSION, ROUTER_API_VERSION } from '../resources/common.js';
import type { RouterConfig } from '../router.js';

export interface TestResource {
  readonly kind: string;
  readonly name: string;
  /** A value, or YAML text kept as written (for specs the schema refuses): flow, or block lines after a newline. */
  readonly spec: object | string;
}

export interface ConfigYamlOptions {
  /** Wraps the list in a Router document of this name; default: a bare resource list. */
  router?: string;
}

/** A spec value in flow style on one line; every string quoted, so "2001:db8::1" or "-p" stay strings. */
function flowYaml(value: object): string {
  return stringify(value, { collectionStyle: 'flow', defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 }).trimEnd();
}

/** One resource of the bare-list form. */
export function resourceYaml(kind: string, name: string, spec: object | string = {}): string {
  const text = typeof spec === 'string' ? spec : flowYaml(spec);
  return `- apiVersion: ${RESOURCE_API_VERSION}\n  kind: ${kind}\n  metadata: { name: ${name} }\n  spec:${text.startsWith('\n') ? '' : ' '}${text}\n`;
}

/** The resources as a bare list, or as a Router document (its resources start on line 6). */
export function configYaml(resources: readonly TestResource[], options: ConfigYamlOptions = {}): string {
  const list = resources.map((r) => resourceYaml(r.kind, r.name, r.spec)).join('');
  if (options.router === undefined) return list;
  const indented = list.replace(/^(?=.)/gm, '    ');
  return `apiVersion: ${ROUTER_API_VERSION}\nkind: Router\nmetadata: { name: ${options.router} }\nspec:\n  resources:\n${indented}`;
}

/** A validated configuration; a ConfigError listing every error (file test.yaml) when it is not one. */
export function loadTestConfig(input: string | readonly TestResource[]): RouterConfig {
  const text = typeof input === 'string' ? input : configYaml(input);
  return requireConfig(loadConfig([{ file: 'test.yaml', text }]));
}
