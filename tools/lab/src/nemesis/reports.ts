// What the routers reported on their buses: each conflict a reconcile event names (an event with action
// `conflict`, or a merge listing its conflicts), read from the bus taps' lines.
import { decode, reconcileEventSchema, type ReconcileEvent } from '@routerd/bus';
import { z } from 'zod';
import type { RouterId } from '../topology.js';

/** One line of a bus tap: what arrived, where and when (the payload as received, decoded here). */
export const tapLineSchema = z.strictObject({
  router: z.enum(['r1', 'r2']),
  at: z.number().int().nonnegative(),
  subject: z.string().min(1),
  data: z.string(),
});
export type TapLine = z.infer<typeof tapLineSchema>;

export interface ReportedConflict {
  router: RouterId;
  at: number;
  address: string;
  /** The lab client the report's identity names (client-id or MAC ending in its MAC), if any. */
  winner: string | undefined;
  loser: string | undefined;
}

export interface ParsedReports {
  events: (ReconcileEvent & { router: RouterId; receivedAt: number })[];
  conflicts: ReportedConflict[];
  bad: string[];
}

export interface LabClientId {
  id: string;
  mac: string;
}

/** The client whose MAC an identity ends with: dnsmasq's client-id is 01:<mac> for udhcpc. */
export function clientOf(identity: string, clients: readonly LabClientId[]): string | undefined {
  const lower = identity.toLowerCase();
  return clients.find((c) => lower.endsWith(c.mac.toLowerCase()))?.id;
}

export function parseTapLines(text: string, source: string, clients: readonly LabClientId[]): ParsedReports {
  const out: ParsedReports = { events: [], conflicts: [], bad: [] };
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      out.bad.push(`${source}:${i + 1}: expected a JSON tap line, found ${JSON.stringify(line.slice(0, 80))}`);
      return;
    }
    const tap = tapLineSchema.safeParse(json);
    if (!tap.success) {
      out.bad.push(`${source}:${i + 1}: expected {router, at, subject, data}, found ${JSON.stringify(line.slice(0, 80))}`);
      return;
    }
    const decoded = decode(reconcileEventSchema, tap.data.data, tap.data.subject);
    if (!decoded.ok) {
      out.bad.push(`${source}:${i + 1}: ${decoded.error.message}`);
      return;
    }
    const event = decoded.value;
    out.events.push({ ...event, router: tap.data.router, receivedAt: tap.data.at });
    for (const c of event.conflicts ?? []) {
      out.conflicts.push({ router: tap.data.router, at: tap.data.at, address: c.address, winner: clientOf(c.winner.client, clients), loser: clientOf(c.loser.client, clients) });
    }
    if (event.action === 'conflict' && (event.conflicts ?? []).length === 0) out.bad.push(`${source}:${i + 1}: a conflict event that names no conflict: ${JSON.stringify(event.message)}`);
  });
  return out;
}
