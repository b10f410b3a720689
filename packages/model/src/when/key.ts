// `when` keys name a status field of a resource: "VirtualAddress/lan-vip.role",
// "VirtualAddress/lan-vip.status.role" or "${VirtualAddress/lan-vip.role}".

export interface StatusKey {
  kind: string;
  name: string;
  field: string;
}

export class WhenKeyError extends Error {
  override name = 'WhenKeyError';
}

/** The resource and field a `when` key reads; throws WhenKeyError naming the key when malformed. */
export function parseWhenKey(key: string): StatusKey {
  const expected = 'expected a key like "VirtualAddress/lan-vip.role"';
  const inner = key.startsWith('${') && key.endsWith('}') ? key.slice(2, -1) : key;
  const slash = inner.indexOf('/');
  const dot = inner.lastIndexOf('.');
  if (slash <= 0 || dot <= slash + 1 || dot === inner.length - 1) {
    throw new WhenKeyError(`${expected}, found ${JSON.stringify(key)}`);
  }
  const kind = inner.slice(0, slash);
  let name = inner.slice(slash + 1, dot);
  if (name.endsWith('.status')) name = name.slice(0, -'.status'.length);
  const field = inner.slice(dot + 1);
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(kind) || name.length === 0 || !/^[A-Za-z][A-Za-z0-9]*$/.test(field)) {
    throw new WhenKeyError(`${expected}, found ${JSON.stringify(key)}`);
  }
  return { kind, name, field };
}

/** Canonical text of a key: "Kind/name.field". */
export function formatStatusKey(key: StatusKey): string {
  return `${key.kind}/${key.name}.${key.field}`;
}
