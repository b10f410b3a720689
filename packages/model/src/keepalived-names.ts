// keepalived instance names for VirtualAddress resources: `routerctl render keepalived` writes them and the
// vip-watcher reads them back from keepalived's notify FIFO, so both must use this one rule.

/** A keepalived-safe instance name: resource names may hold "-" and ".", keepalived names take [A-Za-z0-9_]. */
export function keepalivedInstanceName(resourceName: string): string {
  return resourceName.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Instance names for these resource names, in order; a collision ("a-b", "a.b") gets "_2", "_3"... */
export function keepalivedInstanceNames(resourceNames: readonly string[]): string[] {
  const used = new Set<string>();
  return resourceNames.map((name) => {
    const base = keepalivedInstanceName(name);
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    return candidate;
  });
}
