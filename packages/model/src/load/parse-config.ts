// One YAML text to validated resources: a Router document or a bare YAML list of resources.
import { z } from 'zod';
import type { Node } from 'yaml';
import { metadataSchema, ROUTER_API_VERSION } from '../resources/common.js';
import { isKind } from '../resources/kinds.js';
import { describeValue } from './describe-value.js';
import { sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { formatPath } from './field-path.js';
import type { ConfigSource, LoadedResource } from './loaded-resource.js';
import { validateResource } from './validate-resource.js';
import { locateNode, nodePosition, parseYaml, type YamlSource } from './yaml-source.js';
import { validateWith, type Problem } from './zod-issues.js';

const routerEnvelopeSchema = z.strictObject({
  apiVersion: z.literal(ROUTER_API_VERSION),
  kind: z.literal('Router'),
  metadata: metadataSchema,
  spec: z.strictObject({ resources: z.array(z.unknown()) }),
});

const EXPECTED_DOCUMENT = `expected a Router document (apiVersion ${ROUTER_API_VERSION}, kind Router) or a YAML list of resources`;

export interface ParsedConfig {
  name?: string;
  resources: LoadedResource[];
  diagnostics: Diagnostic[];
}

function looksLikeRouter(data: Record<string, unknown>): boolean {
  if (data.kind !== undefined) return data.kind === 'Router';
  return data.apiVersion === ROUTER_API_VERSION || data.spec !== undefined;
}

/** Parses one YAML text: a Router document or a bare YAML list of resources. Diagnostics in file order. */
export function parseConfigText(source: ConfigSource): ParsedConfig {
  const parsed = parseUnsorted(source);
  return { ...parsed, diagnostics: sortDiagnostics(parsed.diagnostics, [source.file]) };
}

function parseUnsorted(source: ConfigSource): ParsedConfig {
  const yaml = parseYaml(source.file, source.text);
  const diagnostics = [...yaml.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) return { resources: [], diagnostics };

  const root = yaml.doc.contents;
  const data = yaml.data;
  const report = (node: Node | null | undefined, message: string, extra: Partial<Diagnostic> = {}) =>
    diagnostics.push({ severity: 'error', file: source.file, ...nodePosition(yaml, node), ...extra, message });

  if (Array.isArray(data)) {
    const resources = loadItems(yaml, root, [], data, diagnostics);
    return { resources, diagnostics };
  }
  if (data === null || data === undefined) {
    report(root, `${EXPECTED_DOCUMENT}, found an empty document`);
    return { resources: [], diagnostics };
  }
  if (typeof data !== 'object') {
    report(root, `${EXPECTED_DOCUMENT}, found ${describeValue(data)}`);
    return { resources: [], diagnostics };
  }

  const record = data as Record<string, unknown>;
  if (!looksLikeRouter(record)) {
    const kind = record.kind;
    const hint = isKind(kind) ? '; write a single resource as a list item ("- apiVersion: ...") or put it under spec.resources' : '';
    const found = typeof kind === 'string' ? `a mapping with kind ${JSON.stringify(kind)}` : describeValue(record);
    report(locateNode(yaml, root, ['kind']), `${EXPECTED_DOCUMENT}, found ${found}${hint}`, kind === undefined ? {} : { path: 'kind' });
    return { resources: [], diagnostics };
  }

  const envelope = validateWith(routerEnvelopeSchema, record);
  for (const problem of envelope.problems) {
    report(locateNode(yaml, root, problem.path, problem.at), problem.message, { path: formatPath(problem.path) });
  }
  const spec = record.spec;
  const items = spec !== null && typeof spec === 'object' ? (spec as Record<string, unknown>).resources : undefined;
  const resources = Array.isArray(items) ? loadItems(yaml, root, ['spec', 'resources'], items, diagnostics) : [];
  const name = envelope.success ? envelope.data.metadata.name : undefined;
  return name === undefined ? { resources, diagnostics } : { name, resources, diagnostics };
}

function loadItems(yaml: YamlSource, root: Node | null, listPath: (string | number)[], items: unknown[], diagnostics: Diagnostic[]): LoadedResource[] {
  const resources: LoadedResource[] = [];
  items.forEach((item, index) => {
    const itemNode = locateNode(yaml, root, [...listPath, index]);
    const { resource, resourceId, problems } = validateResource(item);
    for (const problem of problems) diagnostics.push(toDiagnostic(yaml, itemNode, [...listPath, index], problem, resourceId));
    if (resource) {
      resources.push({
        resource,
        file: yaml.file,
        locate: (path) => nodePosition(yaml, locateNode(yaml, itemNode, path)),
      });
    }
  });
  return resources;
}

function toDiagnostic(yaml: YamlSource, itemNode: Node | undefined, itemPath: (string | number)[], problem: Problem, resourceId: string | undefined): Diagnostic {
  const position = nodePosition(yaml, locateNode(yaml, itemNode, problem.path, problem.at));
  // Without a readable id the path starts at the document, so the reader can find the resource.
  const path = formatPath(resourceId === undefined ? [...itemPath, ...problem.path] : problem.path);
  return {
    severity: 'error',
    file: yaml.file,
    ...position,
    ...(resourceId === undefined ? {} : { resourceId }),
    ...(path === '' ? {} : { path }),
    message: problem.message,
  };
}
