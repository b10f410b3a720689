// Short descriptions of what a configuration held, for the "found ..." half of a message.

const MAX_TEXT = 60;

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value (null)';
  if (typeof value === 'string') {
    if (value === '') return 'an empty string';
    return JSON.stringify(value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return 'an empty list';
    return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return 'an empty mapping';
    const shown = keys.slice(0, 5).join(', ');
    return `a mapping with ${keys.length === 1 ? 'key' : 'keys'} ${shown}${keys.length > 5 ? ', …' : ''}`;
  }
  return typeof value;
}

/** The value at a path inside plain data, or undefined when the path leads nowhere. */
export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Whether the last key of a path is absent from its (present) parent mapping. */
export function isMissing(data: unknown, path: readonly (string | number)[]): boolean {
  if (path.length === 0) return data === undefined;
  const parent = valueAt(data, path.slice(0, -1));
  return parent !== null && typeof parent === 'object' && !Array.isArray(parent) && !Object.hasOwn(parent, path[path.length - 1] as string | number);
}
