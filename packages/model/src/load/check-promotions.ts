// DHCPServerPromotion rules: what it follows and serves exists, one promotion per server, and the
// warnings that say a failover would leave the new master's dnsmasq on its old leases.
import { PROMOTED_SERVER_KINDS, promotedServers } from '../resources/dhcp-promotion.js';
import { isKind } from '../resources/kinds.js';
import { parseWhenKey } from '../when/key.js';
import { declaredNames, diagnosticAt, namesOfKind, shortName, where } from './check-context.js';
import { whenKeys } from './check-when-keys.js';
import type { Diagnostic } from './diagnostic.js';
import type { LoadedResource } from './loaded-resource.js';
import { didYouMean } from './suggest.js';

const SERVER_SYNC_KINDS = new Set(['DHCPv4ServerLeaseSync', 'DHCPv6ServerLeaseSync']);
const SERVER_KINDS: readonly string[] = PROMOTED_SERVER_KINDS;

function declared(names: readonly string[]): string {
  return names.length === 0 ? 'none declared' : names.join(', ');
}

function promotions(resources: readonly LoadedResource[]) {
  const out = [];
  for (const loaded of resources) {
    const { resource } = loaded;
    if (resource.kind === 'DHCPServerPromotion') out.push({ loaded, spec: resource.spec });
  }
  return out;
}

export function checkPromotions(resources: readonly LoadedResource[], invalid: readonly string[] = []): Diagnostic[] {
  const index = declaredNames(resources, invalid);
  const diagnostics: Diagnostic[] = [];
  const all = promotions(resources);
  const claimedBy = new Map<string, LoadedResource>();

  for (const { loaded, spec } of all) {
    const vip = spec.virtualAddress;
    if (!index.has(`VirtualAddress/${vip}`)) {
      const names = namesOfKind(resources, 'VirtualAddress');
      diagnostics.push(
        diagnosticAt(loaded, ['spec', 'virtualAddress'], `expected the name of a declared VirtualAddress (${declared(names)}), found ${JSON.stringify(vip)}${didYouMean(vip, names)}`),
      );
    }

    const servers = promotedServers(spec, resources.map((r) => r.resource));
    if (spec.servers === undefined && servers.length === 0) {
      diagnostics.push(
        diagnosticAt(loaded, ['spec'], 'expected at least one DHCPv4Server or DHCPv6Server to promote (servers defaults to all of them), found none declared'),
      );
    }
    const seen = new Set<string>();
    servers.forEach((ref, i) => {
      const path = spec.servers === undefined ? ['spec'] : ['spec', 'servers', i];
      const text = `${ref.kind}/${ref.name}`;
      if (!SERVER_KINDS.includes(ref.kind)) {
        const hint = isKind(ref.kind) ? '' : didYouMean(ref.kind, SERVER_KINDS);
        diagnostics.push(
          diagnosticAt(loaded, path, `expected a DHCPv4Server or DHCPv6Server ("Kind/name"; one dnsmasq serves both), found kind ${JSON.stringify(ref.kind)} in ${JSON.stringify(text)}${hint}`),
        );
        return;
      }
      if (!index.has(text)) {
        const names = namesOfKind(resources, ref.kind);
        diagnostics.push(
          diagnosticAt(loaded, path, `expected the name of a declared ${ref.kind} (${declared(names)}), found ${JSON.stringify(ref.name)}${didYouMean(ref.name, names)}`),
        );
        return;
      }
      if (seen.has(text)) {
        diagnostics.push(diagnosticAt(loaded, path, `expected each server once, found ${text} listed twice`));
        return;
      }
      seen.add(text);
      const other = claimedBy.get(text);
      if (other !== undefined) {
        diagnostics.push(
          diagnosticAt(
            loaded,
            path,
            `expected at most one DHCPServerPromotion per DHCP server, found ${text} also promoted by ${shortName(other.resource)} (${where(other)}): two would start and stop the same dnsmasq`,
          ),
        );
        return;
      }
      claimedBy.set(text, loaded);
    });
  }

  diagnostics.push(...gateWarnings(resources, all.map((p) => p.spec.virtualAddress), claimedBy));
  return diagnostics;
}

/** Gates whose failover would not restart dnsmasq, and server phases no promotion publishes. */
function gateWarnings(resources: readonly LoadedResource[], followed: readonly string[], claimedBy: ReadonlyMap<string, LoadedResource>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const warnedVips = new Set<string>();
  // A key naming an undeclared resource is an error of its own (checkWhenKeys): no warning on top.
  const declared = declaredNames(resources, []);
  for (const loaded of resources) {
    const { resource } = loaded;
    if (!('when' in resource.spec) || resource.spec.when === undefined) continue;
    for (const { key, path } of whenKeys(resource.spec.when, ['spec', 'when'])) {
      let parsed;
      try {
        parsed = parseWhenKey(key);
      } catch {
        continue; // reported by checkWhenKeys
      }
      const { kind, name, field } = parsed;
      const exists = declared.has(`${kind}/${name}`);
      if (kind === 'VirtualAddress' && exists && SERVER_SYNC_KINDS.has(resource.kind) && !followed.includes(name) && !warnedVips.has(name)) {
        warnedVips.add(name);
        diagnostics.push(
          diagnosticAt(
            loaded,
            path,
            `expected a DHCPServerPromotion with virtualAddress: ${name}, found none: VirtualAddress/${name} gates this sync, but after a failover the new master's DHCP server will not restart from the synced file`,
            'warning',
          ),
        );
      }
      if (SERVER_KINDS.includes(kind) && field === 'phase' && exists && !claimedBy.has(`${kind}/${name}`)) {
        diagnostics.push(
          diagnosticAt(
            loaded,
            path,
            `expected a DHCPServerPromotion serving ${kind}/${name}, found none: nothing publishes its phase, so this condition is never true`,
            'warning',
          ),
        );
      }
    }
  }
  return diagnostics;
}
