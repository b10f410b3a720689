// Does this node serve the lease file a push names? It does while it holds any VirtualAddress of its
// configuration (the address is on its interface) or while the DHCP server of a DHCPServerPromotion
// covering the file's servers runs (its `check` exits 0). Then a push must not touch live (P3).
import { holdsAddress, type InterfaceAddresses } from '@routerd/agent/command';
import { commandLine, errorMessage, promotedServers, vipAddress, type RouterConfig } from '@routerd/model';
import type { LeaseTarget } from './lease-targets.js';
import type { CheckResult } from './run-check.js';

/** A check runs under this deadline: the pusher's rsync waits for the answer. */
export const CHECK_DEADLINE_MS = 5_000;

export interface ServingDeps {
  readAddresses(): Promise<InterfaceAddresses>;
  /** Runs a promotion's check (argv, no shell) under a deadline. */
  runCheck(argv: readonly string[], deadlineMs: number): Promise<CheckResult>;
}

export type Serving = { state: 'idle' } | { state: 'serving'; why: string } | { state: 'unknown'; why: string };

function vipHeld(config: RouterConfig, addresses: InterfaceAddresses): string | undefined {
  const ifnames = new Map<string, string>();
  for (const r of config.resources) if (r.kind === 'Interface') ifnames.set(r.metadata.name, r.spec.ifname);
  for (const r of config.resources) {
    if (r.kind !== 'VirtualAddress') continue;
    const ifname = ifnames.get(r.spec.interface) ?? r.spec.interface;
    const address = vipAddress(r.spec.address);
    if (holdsAddress(addresses.get(ifname) ?? [], r.spec.family, address)) return `it holds VirtualAddress/${r.metadata.name} (${address} is on ${ifname})`;
  }
  return undefined;
}

/** Whether this node serves `target`'s file, and why; `unknown` when it cannot tell (then it must not merge either). */
export async function servingState(config: RouterConfig, target: LeaseTarget, deps: ServingDeps): Promise<Serving> {
  let addresses: InterfaceAddresses;
  try {
    addresses = await deps.readAddresses();
  } catch (error) {
    return { state: 'unknown', why: `cannot read its addresses: ${errorMessage(error)}` };
  }
  const held = vipHeld(config, addresses);
  if (held !== undefined) return { state: 'serving', why: held };

  for (const r of config.resources) {
    if (r.kind !== 'DHCPServerPromotion') continue;
    const covered = promotedServers(r.spec, config.resources);
    if (!covered.some((s) => target.sources.some((t) => t.kind === s.kind && t.name === s.name))) continue;
    const check = `DHCPServerPromotion/${r.metadata.name}'s check (${commandLine(r.spec.check)})`;
    const result = await deps.runCheck(r.spec.check, CHECK_DEADLINE_MS);
    if (result.exitCode === 0) return { state: 'serving', why: `${check} exits 0: its DHCP server runs` };
    if (result.exitCode === undefined) {
      const failure = result.timedOut ? `did not answer within ${CHECK_DEADLINE_MS} ms` : (result.error ?? 'was killed');
      return { state: 'unknown', why: `${check} ${failure}` };
    }
  }
  return { state: 'idle' };
}
