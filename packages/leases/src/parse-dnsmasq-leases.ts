import { isIPv4, isIPv6 } from 'node:net';

import { isHardwareAddress, isHexColonBytes, isHostname, parseDecimal, parseIaid, quote } from './fields.js';
import type { Lease4, Lease6, LeaseLineCheck, LineProblem, ParseResult } from './types.js';

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

/** Checks a dnsmasq lease file line by line; keeps the leases only when asked to. */
class DnsmasqLines {
  readonly v4: Lease4[] = [];
  readonly v6: Lease6[] = [];
  v4Count = 0;
  v6Count = 0;
  private readonly errors: LineProblem[] = [];
  private omitted = 0;
  private firstOmitted = 0;
  private serverDuid: string | undefined;
  private duidLine = 0;
  private lineNumber = 0;

  constructor(private readonly keep: boolean) {}

  private fail(line: number, message: string): void {
    if (this.errors.length < MAX_PARSE_ERRORS) this.errors.push({ line, message: `line ${line}: ${message}` });
    else if (this.omitted++ === 0) this.firstOmitted = line;
  }

  /** One complete line, without its newline. */
  line(content: string): void {
    const line = ++this.lineNumber;
    if (content.length === 0) return this.fail(line, 'unexpected empty line');
    if (content.endsWith('\r')) return this.fail(line, 'unexpected carriage return at the end (CRLF line ending); dnsmasq writes LF only');
    if (content.startsWith('duid ') || content === 'duid') {
      const fields = content.split(' ');
      const value = fields[1] ?? '';
      if (this.serverDuid !== undefined || this.duidLine > 0) this.fail(line, `a second duid line (the first is line ${this.duidLine})`);
      else if (fields.length !== 2 || !isHexColonBytes(value, 2)) {
        this.fail(line, `expected "duid <hex bytes separated by colons>", found ${quote(content)}`);
      } else this.serverDuid = value;
      if (this.duidLine === 0) this.duidLine = line;
      return;
    }
    const outcome = this.duidLine > 0 ? parseV6(content, line) : parseV4(content, line);
    if (typeof outcome === 'string') this.fail(line, outcome);
    else if ('mac' in outcome) {
      this.v4Count++;
      if (this.keep) this.v4.push(outcome);
    } else {
      this.v6Count++;
      if (this.keep) this.v6.push(outcome);
    }
  }

  /** The text after the last newline ('' when the file ends with one), then the problems found, if any. */
  end(rest: string): LineProblem[] {
    if (rest.length > 0) {
      this.fail(this.lineNumber + 1, 'no newline at the end of the file: the last line is incomplete (torn read, or still being written)');
    }
    if (this.omitted > 0) {
      this.errors.push({ line: this.firstOmitted, message: `line ${this.firstOmitted}: ${this.omitted} more problems from here on, not shown` });
    }
    return this.errors;
  }

  get duid(): string | undefined {
    return this.serverDuid;
  }
}

/**
 * Parses a dnsmasq lease file: DHCPv4 lines, then an optional `duid` line, then DHCPv6 lines.
 * dnsmasq writes whole lines, so a non-empty text without a final newline is a torn read.
 */
function parse(text: string): ParseResult {
  const reader = new DnsmasqLines(true);
  const lines = text.split('\n');
  const complete = lines.length - 1;
  for (let i = 0; i < complete; i++) reader.line(lines[i] ?? '');
  const errors = reader.end(lines[complete] ?? '');
  if (errors.length > 0) return { ok: false, errors };
  const { v4, v6, duid } = reader;
  return duid === undefined ? { ok: true, v4, v6 } : { ok: true, v4, v6, serverDuid: duid };
}

/** The same verdict as the parse, line by line, keeping only the counts: for a reader that streams the file. */
function checkLines(): LeaseLineCheck {
  const reader = new DnsmasqLines(false);
  return {
    line: (content) => reader.line(content),
    end: (rest) => {
      const errors = reader.end(rest);
      return errors.length > 0 ? { ok: false, errors } : { ok: true, v4Count: reader.v4Count, v6Count: reader.v6Count };
    },
  };
}

export const parseDnsmasqLeases: ((text: string) => ParseResult) & { readonly lines: () => LeaseLineCheck } = Object.assign(parse, { lines: checkLines });
