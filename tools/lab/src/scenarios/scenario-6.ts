// 6. Split brain and heal (P3, P4): VRRP is blocked between the routers, so both hold the VIP and serve
// DHCP; one client is granted a lease by each side; after the heal the one master's lease file holds
// both, its dnsmasq has loaded them (a third client asking for the demoted side's address is given
// another), and both clients keep their addresses when they renew.
import { dhcp4, ignorePing } from '../clients.js';
import { notYet, waitFor } from '@routerd/testkit';
import { dnsmasqPid, leaseFile, vipHolders } from '../lab-view.js';
import { currentMaster, peerOf } from '../failover.js';
import { healSplitBrain, muteDhcpReplies, splitBrain, unmuteDhcpReplies } from '../nemesis/split-brain.js';
import type { Narrator } from '../narrator.js';
import type { LabState } from '../state-file.js';
import { CLIENTS, ROUTER_IDS, ROUTERS, type RouterId } from '../topology.js';
import { ms, ResultBuilder, type ScenarioResult } from './result.js';

const mac = (id: string) => CLIENTS.find((c) => c.id === id)?.mac ?? id;

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A lease from router `from` only: the other router sends no DHCP reply meanwhile. */
async function leaseFrom(from: RouterId, client: string) {
  const other = peerOf(from);
  await muteDhcpReplies(other);
  try {
    return await dhcp4(client);
  } finally {
    await unmuteDhcpReplies(other);
  }
}

export async function scenario6(state: LabState, n: Narrator): Promise<ScenarioResult> {
  const r = new ResultBuilder('6', 'split brain and heal: a lease from each side survives');
  n.step('scenario 6: split brain (VRRP blocked between the routers), a client on each side, heal');
  if (!r.expect(state.sync, 'scenario 6 needs the lab with the sync (`up`, not `up --no-sync`)')) return r.done();
  const stopped = ROUTER_IDS.filter((id) => !alive(state.processes.filter((p) => p.router === id && p.name === 'keepalived').pop()?.pid));
  if (!r.expect(stopped.length === 0, `scenario 6 needs keepalived on both routers, found it stopped on [${stopped.join(', ')}] (scenarios 2 and 3 stop it): run it on a fresh \`up\``)) return r.done();
  const first = await currentMaster();
  const second = peerOf(first);
  await splitBrain(false);
  try {
    const began = Date.now();
    await waitFor('the VIP and dnsmasq on both routers', async () => {
      const [holders, a, b] = await Promise.all([vipHolders(), dnsmasqPid('r1'), dnsmasqPid('r2')]);
      return holders.length === 2 && a !== undefined && b !== undefined ? true : notYet(`VIP on [${holders.join(', ')}], dnsmasq r1 ${a ?? '-'} r2 ${b ?? '-'}`);
    }, { timeoutMs: 20_000, intervalMs: 100 });
    r.timings['splitBrainMs'] = Date.now() - began;
    n.say(`split brain: both routers hold the VIP and serve DHCP after ${ms(r.timings['splitBrainMs'])}`);

    await ignorePing('c2');
    const one = await leaseFrom(first, 'c1');
    const two = await leaseFrom(second, 'c2');
    if (!r.expect(one.ok && one.serverId === ROUTERS[first].v4, `c1 expected a lease from ${first}, udhcpc reported ${JSON.stringify(one.events)}`)) return r.done();
    if (!r.expect(two.ok && two.serverId === ROUTERS[second].v4, `c2 expected a lease from ${second}, udhcpc reported ${JSON.stringify(two.events)}`)) return r.done();
    const [a, b] = [one.address ?? '', two.address ?? ''];
    r.facts['c1'] = { address: a, from: first };
    r.facts['c2'] = { address: b, from: second };
    n.say(`c1 got ${a} from ${first}; c2 (ignores ping) got ${b} from ${second}`);
    const [fileA, fileB] = await Promise.all([leaseFile(first), leaseFile(second)]);
    r.expect(!fileB.text.includes(mac('c1')), `P3: ${second} serves, so ${first}'s push must be refused, but ${second}'s file holds c1: ${fileB.text}`);
    r.expect(!fileA.text.includes(mac('c2')), `P3: ${first} serves, so ${second}'s push must be refused, but ${first}'s file holds c2: ${fileA.text}`);
    n.say(`each side's pushes are refused (Error/SplitBrain): ${first}'s file holds c1 only, ${second}'s c2 only`);

    const healed = Date.now();
    await healSplitBrain();
    n.say('heal: VRRP flows between the routers again');
    let master: RouterId | undefined;
    await waitFor('one master serving, with both leases in its file', async () => {
      const holders = await vipHolders();
      const [only] = holders;
      if (holders.length !== 1 || only === undefined) return notYet(`VIP on [${holders.join(', ')}]`);
      const [own, other, file] = await Promise.all([dnsmasqPid(only), dnsmasqPid(peerOf(only)), leaseFile(only)]);
      const both = file.text.includes(mac('c1')) && file.text.includes(mac('c2'));
      if (own === undefined || other !== undefined || !both) return notYet(`VIP on ${only}, dnsmasq ${own ?? '-'} / ${other ?? '-'}, file: ${JSON.stringify(file.text)}`);
      master = only;
      return true;
    }, { timeoutMs: 30_000, intervalMs: 100 });
    r.timings['healToMergedMs'] = Date.now() - healed;
    const serving = master as RouterId;
    const demoted = peerOf(serving);
    r.facts['master'] = serving;
    n.say(`${serving} is the one master; its lease file holds c1 and c2 ${ms(r.timings['healToMergedMs'])} after the heal (the handback of ${demoted}, merged by stop, merge, start)`);

    const lost = serving === first ? b : a;
    const probe = await dhcp4('c5', { request: lost });
    r.facts['c5'] = probe.address;
    r.expect(probe.ok && probe.address !== lost, `c5 asked ${serving} for ${lost} (${demoted}'s lease of ${serving === first ? 'c2' : 'c1'}): expected another address, it was given ${probe.address ?? 'nothing'}`);
    n.say(`c5 asks for ${lost}, granted by ${demoted} during the split brain: it is given ${probe.address ?? 'nothing'}, so ${serving}'s dnsmasq knows that lease`);
    const again1 = await dhcp4('c1', { request: a });
    const again2 = await dhcp4('c2', { request: b });
    r.expect(again1.address === a, `c1 expected to keep ${a} at its renew, got ${again1.address ?? 'nothing'} (${JSON.stringify(again1.events)})`);
    r.expect(again2.address === b, `c2 expected to keep ${b} at its renew, got ${again2.address ?? 'nothing'} (${JSON.stringify(again2.events)})`);
    n.say(`c1 renews and keeps ${again1.address ?? 'nothing'}; c2 renews and keeps ${again2.address ?? 'nothing'}: a lease from each side survived`);
  } finally {
    await healSplitBrain();
  }
  return r.done();
}
