import { isIPv4, isIPv6 } from 'node:net';

import { isHardwareAddress, isHexColonBytes, isHostname, parseDecimal, parseIaid, quote } from './fields.js';
import type { Lease4, Lease6, LineProblem, ParseResult } from './types.js';

/** Past this many problems the rest are summed up in one last entry. */
export const MAX_PARSE_ERRORS = 100;

const EXPIRY = 'the expiry (Unix seconds, 0 = infinite)';
const HOSTNAME = 'a hostname or *';

type LineOutcome = Lease4 | Lease6 | string;

function expiryOf(field: string): number | string {
  return parseDecimal(field) ?? `expected ${EXPIRY} in field 1, found ${quote(field)}`;
}

function fieldsOf(text: string): string[] | string {
  const fields = text.split(' ');
  if (fields.length !== 5) return `expected 5 fields separated by single spaces, found ${fields.length}`;
  const empty = fields.indexOf('');
  if (empty >= 0) return `field ${empty + 1} is empty (fields are separated by single spaces)`;
  return fields;
}

function parseV4(text: string, line: number): LineOutcome {
  const fields = fieldsOf(text);
  if (typeof fields === 'string') return fields;
  const [expiryField = '', mac = '', ip = '', hostname = '', clientId = ''] = fields;
  const expiry = expiryOf(expiryField);
  if (typeof expiry === 'string') return expiry;
  if (!isHardwareAddress(mac)) {
    const hint = parseIaid(mac.replace(/^T/, '')) !== undefined ? ' (a DHCPv6 lease must follow the duid line)' : '';
    return `expected a MAC address like 02:00:00:00:30:10 in field 2, found ${quote(mac)}${hint}`;
  }
  if (!isIPv4(ip)) return `expected an IPv4 address in field 3, found ${quote(ip)}`;
  if (hostname !== '*' && !isHostname(hostname)) return `expected ${HOSTNAME} in field 4, found ${quote(hostname)}`;
  if (clientId !== '*' && !isHexColonBytes(clientId)) {
    return `expected a client id (hex bytes separated by colons) or * in field 5, found ${quote(clientId)}`;
  }
  return { line, expiry, mac, ip, hostname: hostname === '*' ? null : hostname, clientId: clientId === '*' ? null : clientId };
}

function parseV6(text: string, line: number): LineOutcome {
  const fields = fieldsOf(text);
  if (typeof fields === 'string') return fields;
  const [expiryField = '', iaidField = '', ip = '', hostname = '', duid = ''] = fields;
  const expiry = expiryOf(expiryField);
  if (typeof expiry === 'string') return expiry;
  const temporary = iaidField.startsWith('T');
  const iaid = parseIaid(temporary ? iaidField.slice(1) : iaidField);
  if (iaid === undefined) {
    const hint = isHardwareAddress(iaidField) ? ' (a DHCPv4 lease after the duid line)' : '';
    return `expected an IAID (decimal, T prefix for a temporary address) in field 2, found ${quote(iaidField)}${hint}`;
  }
  if (!isIPv6(ip) || ip.includes('%')) return `expected an IPv6 address in field 3, found ${quote(ip)}`;
  if (hostname !== '*' && !isHostname(hostname)) return `expected ${HOSTNAME} in field 4, found ${quote(hostname)}`;
  if (duid !== '*' && !isHexColonBytes(duid, 2)) {
    return `expected a client DUID (hex bytes separated by colons) or * in field 5, found ${quote(duid)}`;
  }
  return { line, expiry, iaid, temporary, ip, hostname: hostname === '*' ? null : hostname, duid: duid === '*' ? null : duid };
}

/**
 * Parses a dnsmasq lease file: DHCPv4 lines, then an optional `duid` line, then DHCPv6 lines.
 * dnsmasq writes whole lines, so a non-empty text without a final newline is a torn read.
 */
export function parseDnsmasqLeases(text: string): ParseResult {
  const v4: Lease4[] = [];
  const v6: Lease6[] = [];
  const errors: LineProblem[] = [];
  let omitted = 0;
  let firstOmitted = 0;
  let serverDuid: string | undefined;
  let duidLine = 0;

  const fail = (line: number, message: string): void => {
    if (errors.length < MAX_PARSE_ERRORS) errors.push({ line, message: `line ${line}: ${message}` });
    else if (omitted++ === 0) firstOmitted = line;
  };

  const lines = text.split('\n');
  const complete = lines.length - 1;
  for (let i = 0; i < complete; i++) {
    const line = i + 1;
    const content = lines[i] ?? '';
    if (content.length === 0) {
      fail(line, 'unexpected empty line');
      continue;
    }
    if (content.endsWith('\r')) {
      fail(line, 'unexpected carriage return at the end (CRLF line ending); dnsmasq writes LF only');
      continue;
    }
    if (content.startsWith('duid ') || content === 'duid') {
      const fields = content.split(' ');
      const value = fields[1] ?? '';
      if (serverDuid !== undefined || duidLine > 0) fail(line, `a second duid line (the first is line ${duidLine})`);
      else if (fields.length !== 2 || !isHexColonBytes(value, 2)) {
        fail(line, `expected "duid <hex bytes separated by colons>", found ${quote(content)}`);
      } else serverDuid = value;
      if (duidLine === 0) duidLine = line;
      continue;
    }
    const outcome = duidLine > 0 ? parseV6(content, line) : parseV4(content, line);
    if (typeof outcome === 'string') fail(line, outcome);
    else if ('mac' in outcome) v4.push(outcome);
    else v6.push(outcome);
  }

  const last = lines[complete] ?? '';
  if (last.length > 0) {
    fail(complete + 1, 'no newline at the end of the file: the last line is incomplete (torn read, or still being written)');
  }
  if (omitted > 0) {
    errors.push({ line: firstOmitted, message: `line ${firstOmitted}: ${omitted} more problems from here on, not shown` });
  }
  if (errors.length > 0) return { ok: false, errors };
  return serverDuid === undefined ? { ok: true, v4, v6 } : { ok: true, v4, v6, serverDuid };
}
