// Shapes shared by the lease-file parsers and the snapshot reader.

/** A DHCPv4 lease line: `<expiry> <mac> <ipv4> <hostname|*> <client-id|*>`. */
export interface Lease4 {
  /** 1-based line number in the file. */
  readonly line: number;
  /** Absolute Unix time in seconds; 0 means an infinite lease. */
  readonly expiry: number;
  /** As dnsmasq writes it: `02:00:00:00:30:10`, or `<type>-<bytes>` for non-Ethernet hardware. */
  readonly mac: string;
  readonly ip: string;
  readonly hostname: string | null;
  readonly clientId: string | null;
}

/** A DHCPv6 lease line (after the `duid` line): `<expiry> <iaid|T<iaid>> <ipv6> <hostname|*> <duid|*>`. */
export interface Lease6 {
  readonly line: number;
  /** Absolute Unix time in seconds; 0 means an infinite lease. */
  readonly expiry: number;
  readonly iaid: number;
  /** True for a temporary address (IA_TA), written with a leading `T`. */
  readonly temporary: boolean;
  readonly ip: string;
  readonly hostname: string | null;
  readonly duid: string | null;
}

/** One problem in a lease file; `message` starts with `line N: `. */
export interface LineProblem {
  readonly line: number;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly v4: Lease4[]; readonly v6: Lease6[]; readonly serverDuid?: string }
  | { readonly ok: false; readonly errors: LineProblem[] };

/** What the snapshot reader needs from a parser: success with lease lists to count, or problems. */
export type LeaseFileParse =
  | { readonly ok: true; readonly v4: readonly unknown[]; readonly v6: readonly unknown[] }
  | { readonly ok: false; readonly errors: readonly LineProblem[] };

/** A parser's verdict as counts only, from a check that did not keep the leases. */
export type LeaseFileCheck =
  | { readonly ok: true; readonly v4Count: number; readonly v6Count: number }
  | { readonly ok: false; readonly errors: readonly LineProblem[] };

/** A parser's check fed one line at a time, so a reader can check a file while it streams it. */
export interface LeaseLineCheck {
  /** One complete line, without its newline. */
  line(text: string): void;
  /** The text after the last newline ('' when the file ends with one); then the verdict. */
  end(rest: string): LeaseFileCheck;
}

export interface LeaseFileParser {
  (text: string): LeaseFileParse;
  /** The same verdict line by line, keeping no lease; without it a reader must hold the whole text. */
  readonly lines?: () => LeaseLineCheck;
}
