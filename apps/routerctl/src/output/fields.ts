// "Label:  value" blocks aligned like kubectl describe.

export type Field = readonly [label: string, value: string];

/** Lines of `label: value`, values aligned, each indented by `indent` spaces; multi-line values indent under the label. */
export function formatFields(fields: readonly Field[], indent = 0): string[] {
  const width = Math.max(0, ...fields.map(([label]) => label.length + 1)) + 2;
  const pad = ' '.repeat(indent);
  return fields.map(([label, value]) => {
    if (value === '') return `${pad}${label}:`;
    return `${pad}${`${label}:`.padEnd(width)}${value}`;
  });
}

/** A block of text indented, one line each; blank lines stay empty. */
export function indentLines(text: string, indent: number): string[] {
  const pad = ' '.repeat(indent);
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line === '' ? '' : `${pad}${line}`));
}
