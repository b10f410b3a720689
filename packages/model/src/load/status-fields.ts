// Status fields a `when` key may read, per kind. VirtualAddress fields come from the vip-watcher; the
// DHCP servers (observed by the lease-watcher) and the syncs (reported by the syncer) provide `phase`.
// Interface has no observer, so it provides none.
import { VIRTUAL_ADDRESS_STATUS_FIELDS } from '../resources/virtual-address.js';
import type { Kind } from '../resources/kinds.js';

export const KIND_STATUS_FIELDS: Readonly<Record<Kind, readonly string[]>> = {
  Interface: [],
  VirtualAddress: VIRTUAL_ADDRESS_STATUS_FIELDS,
  DHCPv4Server: ['phase'],
  DHCPv6Server: ['phase'],
  DHCPv6PrefixDelegation: ['phase'],
  DHCPv4ServerLeaseSync: ['phase'],
  DHCPv6ServerLeaseSync: ['phase'],
  DHCPv6PrefixDelegationLeaseSync: ['phase'],
  // The promoter publishes the phase of each server it serves: gate on DHCPv4Server/<name>.phase.
  DHCPServerPromotion: [],
};
