// A client's own record of its leases: one line per udhcpc event (written by the lab's hook) and per
// action the nemesis took on it, each stamped with the host clock in milliseconds.

export type DriverAction = 'join' | 'return' | 'offline' | 'release' | 'renew';

export type ClientEvent =
  /** udhcpc got a lease (bound: a new one; renew: the same address again). */
  | { at: number; type: 'bound' | 'renew'; address: string; serverId: string; leaseSec: number }
  | { at: number; type: 'nak'; message: string }
  | { at: number; type: 'deconfig' | 'leasefail' }
  /** What the nemesis did to the client (the hook never writes these). */
  | { at: number; type: 'driver'; action: DriverAction };

const DRIVER_ACTIONS: readonly string[] = ['join', 'return', 'offline', 'release', 'renew'];
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The hook's line for a udhcpc event and the driver's line for an action, in one format. */
export function driverLine(at: number, action: DriverAction): string {
  return `${at} driver ${action}\n`;
}

export interface ParsedRecords {
  events: ClientEvent[];
  /** Lines that are not a record, each with its number, for the narration. */
  bad: string[];
}

function parseLine(line: string): ClientEvent | string {
  const [stamp, type, ...rest] = line.trim().split(/\s+/);
  if (stamp === undefined || !/^\d{10,16}$/.test(stamp)) return 'expected a millisecond timestamp first';
  const at = Number(stamp);
  switch (type) {
    case 'bound':
    case 'renew': {
      const [address, serverId, lease] = rest;
      if (address === undefined || !IPV4.test(address)) return `expected an IPv4 address after ${type}, found ${JSON.stringify(address ?? '')}`;
      if (serverId === undefined || !IPV4.test(serverId)) return `expected the server id after the address, found ${JSON.stringify(serverId ?? '')}`;
      if (lease === undefined || !/^\d+$/.test(lease)) return `expected the lease time in seconds, found ${JSON.stringify(lease ?? '')}`;
      return { at, type, address, serverId, leaseSec: Number(lease) };
    }
    case 'nak':
      return { at, type, message: rest.join(' ') };
    case 'deconfig':
    case 'leasefail':
      return { at, type };
    case 'driver': {
      const action = rest[0] ?? '';
      return DRIVER_ACTIONS.includes(action) ? { at, type, action: action as DriverAction } : `expected a driver action, found ${JSON.stringify(action)}`;
    }
    default:
      return `expected bound, renew, nak, deconfig, leasefail or driver, found ${JSON.stringify(type ?? '')}`;
  }
}

/** Every record of one client's events file, in time order (the hook and the driver append to it). */
export function parseClientEvents(text: string, source: string): ParsedRecords {
  const events: ClientEvent[] = [];
  const bad: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseLine(line);
    if (typeof parsed === 'string') bad.push(`${source}:${i + 1}: ${parsed}: ${JSON.stringify(line.slice(0, 80))}`);
    else events.push(parsed);
  });
  // Stable: two lines of one millisecond keep their file order.
  return { events: events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map(({ e }) => e), bad };
}
