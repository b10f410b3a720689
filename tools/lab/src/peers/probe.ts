#!/usr/bin/env node
// The DISCOVER prober, run inside a client namespace: takes a lease (DISCOVER, OFFER, REQUEST, ACK),
// then sends a DISCOVER for that address every --interval-ms and appends each OFFER, with the time it
// arrived, to --out as a JSON line. The lab reads the first OFFER from the new server after a failover.
// Usage: probe.js --mac 02:00:00:00:30:15 --interval-ms 20 --out /run/rdlab/probe.jsonl
import { createSocket } from 'node:dgram';
import { appendFileSync } from 'node:fs';
import { buildClientMessage, DHCP_MESSAGE, parseServerMessage, type ServerMessage } from './dhcp-packet.js';

function arg(name: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at < 0 ? undefined : process.argv[at + 1];
  if (value === undefined) {
    process.stderr.write(`probe: expected --${name} <value>, found none\n`);
    process.exit(2);
  }
  return value;
}

const mac = arg('mac');
const intervalMs = Number(arg('interval-ms'));
const out = arg('out');
if (!Number.isInteger(intervalMs) || intervalMs < 1) {
  process.stderr.write(`probe: expected --interval-ms to be a positive integer, found ${process.argv[process.argv.indexOf('--interval-ms') + 1]}\n`);
  process.exit(2);
}

const socket = createSocket({ type: 'udp4', reuseAddr: true });
let xid = Math.floor(Math.random() * 0xffffffff);
let waiting: ((m: ServerMessage) => void) | undefined;
let bound: string | undefined;

socket.on('message', (b) => {
  const m = parseServerMessage(b);
  if (m === undefined || m.mac !== mac) return;
  if (bound !== undefined && m.type === DHCP_MESSAGE.offer) appendFileSync(out, `${JSON.stringify({ event: 'offer', t: Date.now(), server: m.serverId, address: m.yiaddr })}\n`);
  if (waiting !== undefined && m.xid === xid) waiting(m);
});

function send(packet: Buffer): void {
  socket.send(packet, 67, '255.255.255.255', (error) => {
    if (error !== null) process.stderr.write(`probe: send failed: ${error.message}\n`);
  });
}

function exchange(packet: () => Buffer, want: number, timeoutMs: number): Promise<ServerMessage | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting = undefined;
      resolve(undefined);
    }, timeoutMs);
    waiting = (m) => {
      if (m.type !== want) return;
      clearTimeout(timer);
      waiting = undefined;
      resolve(m);
    };
    send(packet());
  });
}

async function takeLease(): Promise<{ address: string; server: string }> {
  for (;;) {
    xid = (xid + 1) >>> 0;
    const offer = await exchange(() => buildClientMessage({ type: 'discover', xid, mac }), DHCP_MESSAGE.offer, 500);
    const serverId = offer?.serverId;
    if (offer === undefined || serverId === undefined) continue;
    const ack = await exchange(() => buildClientMessage({ type: 'request', xid, mac, requestedAddress: offer.yiaddr, serverId }), DHCP_MESSAGE.ack, 1_000);
    if (ack !== undefined) return { address: ack.yiaddr, server: serverId };
  }
}

socket.bind(68, '0.0.0.0', () => {
  socket.setBroadcast(true);
  void takeLease().then(({ address, server }) => {
    bound = address;
    appendFileSync(out, `${JSON.stringify({ event: 'bound', t: Date.now(), server, address })}\n`);
    setInterval(() => {
      xid = (xid + 1) >>> 0;
      send(buildClientMessage({ type: 'discover', xid, mac, requestedAddress: address }));
    }, intervalMs);
  });
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => process.exit(0));
