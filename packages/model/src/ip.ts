// Address arithmetic for pool checks and sizes; zod has already said the text is an address.
import { isIPv4, isIPv6 } from 'node:net';

export { isIPv4, isIPv6 };

export function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

export function ipv6ToBigInt(address: string): bigint {
  let text = address;
  // An embedded IPv4 tail ("::ffff:192.0.2.1") is two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToBigInt(v4[1] as string);
    text = `${text.slice(0, v4.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...fill, ...tailGroups].reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Integer value of an IPv4 or IPv6 address, for ordering and pool sizes. */
export function ipToBigInt(address: string): bigint {
  return isIPv4(address) ? ipv4ToBigInt(address) : ipv6ToBigInt(address);
}
