// Ours (not in the original routerd API): DHCPServerPromotion restarts this node's DHCP server when it
// becomes master, so it loads the lease file the old master pushed, and stops it while backup.
import { z } from 'zod';
import { durationSchema, positiveDurationSchema } from '../duration.js';
import { argumentProblem, argumentSchema } from '../security.js';
import { envelope, refSchema } from './common.js';

export const DEFAULT_CHECK_INTERVAL = '10s';
// A pull over a new ssh connection plus the peer receiver's start took up to about 1.6 s on a loaded
// 2-core pair (docs/promotion.md, "The bound"): 1 s would often serve without the peer's leases.
export const DEFAULT_SETTLE = '3s';
/** The kinds one dnsmasq serves; a promotion restarts them together. */
export const PROMOTED_SERVER_KINDS = ['DHCPv4Server', 'DHCPv6Server'] as const;
export type PromotedServerKind = (typeof PROMOTED_SERVER_KINDS)[number];

// A program is an absolute path or a bare name looked up in PATH; never relative, never an option.
const PROGRAM = /^(\/[^\0\n\r]*|[^/\s-][^/\s]*)$/;

/** Why argv[0] is refused, or undefined when it is an absolute path or a bare program name. */
export function programProblem(program: string): string | undefined {
  if (PROGRAM.test(program)) return undefined;
  return `expected an absolute path or a bare program name (no "/" unless absolute, no whitespace, not starting with "-"), found ${JSON.stringify(program)}`;
}

/** An argv run without a shell: one argument per element, the first a program. */
function commandArgv(whenMissing?: string) {
  // A message of the field's own when it is left out; every other problem reads as the loader words it.
  const error = whenMissing === undefined ? undefined : { error: (issue: { input: unknown }) => (issue.input === undefined ? whenMissing : undefined) };
  return z
    .array(argumentSchema, error)
    .min(1, 'expected a command as a list of arguments, e.g. [systemctl, restart, dnsmasq-routerd.service], found an empty list')
    .superRefine((argv, ctx) => {
      const program = argv[0];
      // An argument refused as such is reported once, by argumentSchema.
      if (program === undefined || argumentProblem(program) !== undefined) return;
      const message = programProblem(program);
      if (message !== undefined) ctx.addIssue({ code: 'custom', path: [0], message });
    })
    .meta({ description: 'A command as argv (no shell): an absolute path or a program name, then its arguments.' });
}

export const commandArgvSchema = commandArgv();

/** How `validate` words a promotion without `check`. */
const CHECK_REQUIRED =
  'is required (expected a command that exits 0 while the DHCP server runs, e.g. [systemctl, is-active, --quiet, dnsmasq-routerd.service]): ' +
  'Serving means the server was seen running after its start, so check runs after every start';

/** "DHCPv4Server/<name>" or "DHCPv6Server/<name>" (the kind is needed: a name may be used by both). */
export const serverRefSchema = z
  .string()
  .regex(/^[A-Za-z0-9]+\/[^/\s]+$/, 'expected "DHCPv4Server/<name>" or "DHCPv6Server/<name>"')
  .meta({ description: '"DHCPv4Server/<name>" or "DHCPv6Server/<name>".' });

export const dhcpServerPromotionSpecSchema = z.strictObject({
  virtualAddress: refSchema.meta({ description: 'Name of the VirtualAddress whose role drives the DHCP server: master starts it, backup or inactive stop it.' }),
  servers: z
    .array(serverRefSchema)
    .min(1, 'expected at least one server (leave servers out for every DHCPv4Server and DHCPv6Server)')
    .optional()
    .meta({ description: 'The DHCP servers this dnsmasq serves; default every DHCPv4Server and DHCPv6Server.' }),
  start: commandArgvSchema.meta({
    description: '(Re)starts the DHCP server; must return once it runs or has failed to start (a Type=forking unit), e.g. [systemctl, restart, dnsmasq-routerd.service].',
  }),
  stop: commandArgvSchema.meta({ description: 'Stops the DHCP server, e.g. [systemctl, stop, dnsmasq-routerd.service].' }),
  check: commandArgv(CHECK_REQUIRED).meta({
    description: 'Exit 0 when the DHCP server runs, e.g. [systemctl, is-active, --quiet, dnsmasq-routerd.service]; run right after every start (Serving only once it exits 0) and every checkInterval.',
  }),
  logs: commandArgvSchema.optional().meta({
    description:
      "Prints the DHCP server's last log lines, shown in the Error when it fails to start or dies, e.g. [journalctl, -u, dnsmasq-routerd.service, -n, '20', --no-pager, -o, cat]; default none.",
  }),
  checkInterval: positiveDurationSchema.default(DEFAULT_CHECK_INTERVAL).meta({ description: 'How often check runs; default 10s.' }),
  settle: durationSchema
    .default(DEFAULT_SETTLE)
    .meta({ description: "The bound of a new master's reconciliation before it starts: it waits this long at most for the old master's handback, or pulls the peer's file; default 3s." }),
});
export type DHCPServerPromotionSpec = z.infer<typeof dhcpServerPromotionSpecSchema>;

export const dhcpServerPromotionSchema = envelope(
  'DHCPServerPromotion',
  dhcpServerPromotionSpecSchema,
  "Ours: starts this node's DHCP server (dnsmasq) from the synced lease file when it becomes master, and stops it while backup.",
);
export type DHCPServerPromotionResource = z.infer<typeof dhcpServerPromotionSchema>;

export interface ServerRef {
  kind: string;
  name: string;
}

/** "DHCPv4Server/lan-dhcpv4" → {kind, name}; the kind is checked by the loader's cross-resource rules. */
export function parseServerRef(text: string): ServerRef {
  const slash = text.indexOf('/');
  return slash === -1 ? { kind: '', name: text } : { kind: text.slice(0, slash), name: text.slice(slash + 1) };
}

/** The servers a promotion covers: its `servers`, or every DHCPv4Server and DHCPv6Server among `resources`. */
export function promotedServers(
  spec: Pick<DHCPServerPromotionSpec, 'servers'>,
  resources: readonly { kind: string; metadata: { name: string } }[],
): ServerRef[] {
  if (spec.servers !== undefined) return spec.servers.map(parseServerRef);
  return resources
    .filter((r) => (PROMOTED_SERVER_KINDS as readonly string[]).includes(r.kind))
    .map((r) => ({ kind: r.kind, name: r.metadata.name }));
}
