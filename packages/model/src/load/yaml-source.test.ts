import { describe, expect, it } from 'vitest';
import { locateNode, nodePosition, parseYaml } from './yaml-source.js';

function positions(text: string) {
  return parseYaml('router.yaml', text).diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`);
}

describe('yaml source', () => {
  it('yaml source › reports a syntax error with line and column', () => {
    expect(positions('a: 1\nb: [1, 2\nc: 3\n')).toEqual([
      'error 3:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('yaml source › reports every syntax error, not only the first', () => {
    expect(positions('a: b: c\nx: 1\ny: z: 2\n')).toEqual([
      'error 1:4 invalid YAML: Nested mappings are not allowed in compact mappings',
      'error 3:4 invalid YAML: Nested mappings are not allowed in compact mappings',
    ]);
    expect(positions('a:\n\t- 1\nb: {x\nc: 2\n').map((p) => p.slice(0, 9))).toEqual(['error 2:1', 'error 4:1']);
  });

  it('yaml source › reports a second document as an error', () => {
    expect(positions('a: 1\n---\nb: 2\n')).toEqual([expect.stringMatching(/^error 2:1 invalid YAML: .*multiple documents/)]);
  });

  it('yaml source › reports duplicate keys', () => {
    expect(positions('a: 1\na: 2\n')).toEqual([expect.stringMatching(/^error 2:1 invalid YAML: Map keys must be unique/)]);
  });

  it('yaml source › refuses an alias bomb instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    const source = parseYaml('bomb.yaml', lines.join('\n'));
    expect(source.data).toBeUndefined();
    expect(source.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^invalid YAML: .*alias/i)]);
  });

  it('yaml source › gives plain data when the text is valid', () => {
    expect(parseYaml('x.yaml', 'a: [1, two]\n').data).toEqual({ a: [1, 'two'] });
  });

  it('yaml source › locates scalar values, block values by their key, and the nearest node of a missing path', () => {
    const text = ['spec:', '  targets:', '    - host: standby', '      user: routerd', '  interval: 30s', ''].join('\n');
    const source = parseYaml('x.yaml', text);
    const at = (path: (string | number)[], mode: 'auto' | 'key' = 'auto') => {
      const { line, column } = nodePosition(source, locateNode(source, source.doc.contents, path, mode));
      return `${line}:${column}`;
    };
    expect(at(['spec', 'targets', 0, 'user'])).toBe('4:13');
    expect(at(['spec', 'targets', 0, 'user'], 'key')).toBe('4:7');
    expect(at(['spec', 'targets'])).toBe('2:3');
    expect(at(['spec', 'targets', 0])).toBe('3:7');
    expect(at(['spec', 'targets', 0, 'options'])).toBe('3:7');
    expect(at(['spec', 'when', 'state'])).toBe('1:1');
  });

  it('yaml source › follows aliases to their anchor', () => {
    const text = ['base: &t', '  host: standby', 'spec:', '  target: *t', ''].join('\n');
    const source = parseYaml('x.yaml', text);
    const { line, column } = nodePosition(source, locateNode(source, source.doc.contents, ['spec', 'target', 'host']));
    expect(`${line}:${column}`).toBe('2:9');
  });
});
