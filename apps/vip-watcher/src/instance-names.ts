// keepalived instance names, by the rule `routerctl render keepalived` uses (apps/routerctl/src/render/instance-name.ts).
// An app may not import another app and @routerd/model has no shared helper yet, so the rule is mirrored here.

/** A keepalived-safe instance name: [A-Za-z0-9_], everything else becomes "_". */
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

/** The VirtualAddress a FIFO instance name stands for: its rendered instance name, else its resource name. */
export function vipForInstance<T extends { name: string; instanceName?: string }>(vips: readonly T[], instance: string): T | undefined {
  return vips.find((v) => v.instanceName === instance) ?? vips.find((v) => v.name === instance);
}
