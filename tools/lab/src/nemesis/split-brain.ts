// A split brain: each router drops VRRP (IP protocol 112) to and from its peer's address only, so
// both become master while the clients, on the same bridge, still reach both. Each router also loses
// half its DHCP replies at random: in the lab one router's offer always arrives first, so without this
// every client would take the same side; with it, clients take offers from both, as on a real LAN.
import { mkdir, writeFile } from 'node:fs/promises';
import { run } from '../exec.js';
import { LAB_DIR, ROUTER_IDS, ROUTERS, type RouterId } from '../topology.js';

export const NFT_TABLE = 'rdlab_nemesis';

/**
 * The nftables ruleset of router `id` (pure, so it is tested). `halfReplies`: drop half its DHCP replies
 * too (the nemesis); the demo steers each client to one side itself (muteDhcpReplies).
 */
export function splitBrainRules(id: RouterId, halfReplies = true): string {
  const peer = ROUTERS[ROUTERS[id].peer].v4;
  return [
    `table inet ${NFT_TABLE} {`,
    `  chain input { type filter hook input priority 0; policy accept; ip saddr ${peer} ip protocol vrrp drop; }`,
    `  chain output { type filter hook output priority 0; policy accept; ip daddr ${peer} ip protocol vrrp drop;${halfReplies ? ' udp sport 67 numgen random mod 2 == 0 drop;' : ''} }`,
    '}',
    '',
  ].join('\n');
}

export async function splitBrain(halfReplies = true): Promise<void> {
  await mkdir(`${LAB_DIR}/nemesis`, { recursive: true });
  for (const id of ROUTER_IDS) {
    const file = `${LAB_DIR}/nemesis/split-brain-${id}.nft`;
    await writeFile(file, splitBrainRules(id, halfReplies));
    await run(['ip', 'netns', 'exec', ROUTERS[id].ns, 'nft', '-f', file]);
  }
}

/** Removes the rules of one router; quiet when there are none. */
export async function healSplitBrainOn(id: RouterId): Promise<void> {
  await run(['ip', 'netns', 'exec', ROUTERS[id].ns, 'nft', 'delete', 'table', 'inet', NFT_TABLE], { check: false });
}

export async function healSplitBrain(): Promise<void> {
  for (const id of ROUTER_IDS) await healSplitBrainOn(id);
}

const MUTE_TABLE = 'rdlab_mute';

/** Router `id` sends no DHCP reply (IPv4, server port 67) until unmuted: a client then takes the other's offer. */
export async function muteDhcpReplies(id: RouterId): Promise<void> {
  const file = `${LAB_DIR}/nemesis/mute-${id}.nft`;
  await mkdir(`${LAB_DIR}/nemesis`, { recursive: true });
  await writeFile(file, `table inet ${MUTE_TABLE} {\n  chain output { type filter hook output priority 0; policy accept; udp sport 67 drop; }\n}\n`);
  await run(['ip', 'netns', 'exec', ROUTERS[id].ns, 'nft', '-f', file]);
}

export async function unmuteDhcpReplies(id: RouterId): Promise<void> {
  await run(['ip', 'netns', 'exec', ROUTERS[id].ns, 'nft', 'delete', 'table', 'inet', MUTE_TABLE], { check: false });
}
