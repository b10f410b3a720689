// YAML text to a document tree that remembers where every node came from.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from './diagnostic.js';
import type { FieldPath } from './field-path.js';

export interface Position {
  line: number;
  column: number;
}

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Plain data of the document; undefined when YAML errors were found. */
  data: unknown;
  /** YAML syntax errors (all of them) and warnings. */
  diagnostics: Diagnostic[];
}

export function parseYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const diagnostics: Diagnostic[] = [
    ...doc.errors.map((e): Diagnostic => ({ severity: 'error', file, ...at(e.pos[0]), message: `invalid YAML: ${e.message}` })),
    ...doc.warnings.map((w): Diagnostic => ({ severity: 'warning', file, ...at(w.pos[0]), message: `YAML: ${w.message}` })),
  ];
  let data: unknown;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      // toJS refuses alias bombs ("Excessive alias count ...").
      diagnostics.push({ severity: 'error', file, line: 1, column: 1, message: `invalid YAML: ${(error as Error).message}` });
    }
  }
  return { file, doc, lineCounter, data, diagnostics };
}

/** Where a node starts. */
export function nodePosition(source: YamlSource, node: Node | null | undefined): Position {
  const offset = node?.range?.[0] ?? firstContentOffset(source);
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

function firstContentOffset(source: YamlSource): number {
  return source.doc.contents?.range[0] ?? 0;
}

function resolve(source: YamlSource, node: unknown): Node | undefined {
  if (isAlias(node)) return resolve(source, node.resolve(source.doc));
  return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
}

/**
 * The node a field path leads to, or the nearest one on the way. For a mapping entry it is the value when
 * that is a non-empty scalar and `at` is "auto", otherwise the key (so a block value's error sits on its key).
 */
export function locateNode(source: YamlSource, root: Node | null | undefined, path: FieldPath, at: 'auto' | 'key' = 'auto'): Node | undefined {
  let current = resolve(source, root);
  let marker: Node | undefined = current;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(current)) {
      const pair = current.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return marker;
      const key = pair.key as Node;
      const value = resolve(source, pair.value);
      const valueIsScalar = isScalar(value) && value.value !== null && value.range != null && value.range[0] !== value.range[1];
      if (last) return at === 'key' || !valueIsScalar ? key : value;
      current = value;
      marker = key;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = resolve(source, current.items[segment]);
      if (!item) return marker;
      current = item;
      marker = item;
    } else {
      return marker;
    }
  }
  return marker;
}
