// Which VirtualAddress a keepalived FIFO line is about; the naming rule itself lives in @routerd/model.

/** The VirtualAddress a FIFO instance name stands for: its rendered instance name, else its resource name. */
export function vipForInstance<T extends { name: string; instanceName?: string }>(vips: readonly T[], instance: string): T | undefined {
  return vips.find((v) => v.instanceName === instance) ?? vips.find((v) => v.name === instance);
}
