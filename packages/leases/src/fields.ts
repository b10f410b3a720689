// Field checks for dnsmasq lease lines: plain loops over char codes, no regex, for 100k-line files.

const MAX_EXPIRY_DIGITS = 15;
const MAX_HW_BYTES = 16;
const MAX_HOSTNAME = 255;
const MAX_IAID = 0xffff_ffff;

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/** Counts the bytes of `hh:hh:...:hh` starting at `from`, or returns -1 when the text is not that shape. */
function hexBytes(text: string, from: number): number {
  const length = text.length - from;
  if (length < 2 || (length + 1) % 3 !== 0) return -1;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(from + i);
    if (i % 3 === 2 ? code !== 58 : !isHexDigit(code)) return -1;
  }
  return (length + 1) / 3;
}

/** `hh:hh:...` with at least `min` bytes: DUIDs and client ids. */
export function isHexColonBytes(text: string, min = 1): boolean {
  return hexBytes(text, 0) >= min;
}

/** An Ethernet MAC (6 bytes), or dnsmasq's `<type>-<bytes>` form for other hardware (0 to 16 bytes). */
export function isHardwareAddress(text: string): boolean {
  if (text.length > 2 && text.charCodeAt(2) === 45) {
    if (!isHexDigit(text.charCodeAt(0)) || !isHexDigit(text.charCodeAt(1))) return false;
    if (text.length === 3) return true;
    const count = hexBytes(text, 3);
    return count >= 1 && count <= MAX_HW_BYTES;
  }
  return text.length === 17 && hexBytes(text, 0) === 6;
}

/** A decimal integer of at most 15 digits (safe for Number), or undefined. */
export function parseDecimal(text: string, maxDigits = MAX_EXPIRY_DIGITS): number | undefined {
  if (text.length === 0 || text.length > maxDigits) return undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return undefined;
  }
  return Number(text);
}

/** An IAID: a decimal 32-bit unsigned integer. */
export function parseIaid(text: string): number | undefined {
  const value = parseDecimal(text, 10);
  return value !== undefined && value <= MAX_IAID ? value : undefined;
}

/** Letters, digits, `-`, `_` and `.`, as dnsmasq's legal_hostname allows. */
export function isHostname(text: string): boolean {
  if (text.length === 0 || text.length > MAX_HOSTNAME) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ok =
      (code >= 48 && code <= 57) ||
      (code >= 97 && code <= 122) ||
      (code >= 65 && code <= 90) ||
      code === 45 ||
      code === 46 ||
      code === 95;
    if (!ok) return false;
  }
  return true;
}

/** Quotes a found value for an error message, shortened so a garbage line does not flood the log. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
