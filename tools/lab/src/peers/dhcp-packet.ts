// Just enough DHCPv4 (RFC 2131) for the lab's DISCOVER prober: build DISCOVER and REQUEST, read OFFER and ACK.

export const DHCP_MESSAGE = { discover: 1, offer: 2, request: 3, ack: 5, nak: 6 } as const;
const MAGIC = [99, 130, 83, 99];
const OPTION = { requestedAddress: 50, messageType: 53, serverId: 54, parameters: 55, end: 255 } as const;

function ipBytes(address: string): number[] {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) throw new RangeError(`DHCP packet: expected an IPv4 address, found ${JSON.stringify(address)}`);
  return parts;
}

function macBytes(mac: string): number[] {
  const parts = mac.split(':').map((h) => Number.parseInt(h, 16));
  if (parts.length !== 6 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) throw new RangeError(`DHCP packet: expected a MAC aa:bb:cc:dd:ee:ff, found ${JSON.stringify(mac)}`);
  return parts;
}

export interface ClientMessage {
  type: 'discover' | 'request';
  xid: number;
  mac: string;
  /** Option 50: the address the client asks for. */
  requestedAddress?: string;
  /** Option 54: the server whose OFFER a REQUEST takes. */
  serverId?: string;
}

/** A client message with the broadcast flag set, so the server's answer reaches a client that has no address yet. */
export function buildClientMessage(m: ClientMessage): Buffer {
  const packet = Buffer.alloc(240);
  packet[0] = 1; // BOOTREQUEST
  packet[1] = 1; // Ethernet
  packet[2] = 6;
  packet.writeUInt32BE(m.xid >>> 0, 4);
  packet.writeUInt16BE(0x8000, 10);
  Buffer.from(macBytes(m.mac)).copy(packet, 28);
  Buffer.from(MAGIC).copy(packet, 236);
  const options: number[] = [OPTION.messageType, 1, DHCP_MESSAGE[m.type]];
  if (m.requestedAddress !== undefined) options.push(OPTION.requestedAddress, 4, ...ipBytes(m.requestedAddress));
  if (m.serverId !== undefined) options.push(OPTION.serverId, 4, ...ipBytes(m.serverId));
  options.push(OPTION.parameters, 3, 1, 3, 6, OPTION.end);
  return Buffer.concat([packet, Buffer.from(options)]);
}

export interface ServerMessage {
  type: number;
  xid: number;
  yiaddr: string;
  serverId: string | undefined;
  mac: string;
}

const ip = (b: Buffer, at: number) => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;

/** A server's reply, or undefined for anything else (a client's broadcast, a short or foreign packet). */
export function parseServerMessage(b: Buffer): ServerMessage | undefined {
  if (b.length < 244 || b[0] !== 2 || b[236] !== MAGIC[0] || b[237] !== MAGIC[1] || b[238] !== MAGIC[2] || b[239] !== MAGIC[3]) return undefined;
  let type: number | undefined;
  let serverId: string | undefined;
  for (let at = 240; at < b.length; ) {
    const code = b[at];
    if (code === OPTION.end) break;
    if (code === 0) {
      at += 1;
      continue;
    }
    const len = b[at + 1] ?? 0;
    if (code === OPTION.messageType) type = b[at + 2];
    if (code === OPTION.serverId && len === 4) serverId = ip(b, at + 2);
    at += 2 + len;
  }
  if (type === undefined) return undefined;
  const mac = [...b.subarray(28, 34)].map((n) => n.toString(16).padStart(2, '0')).join(':');
  return { type, xid: b.readUInt32BE(4), yiaddr: ip(b, 16), serverId, mac };
}
