// Kea's control channel: one JSON command over the daemon's unix socket (the same one the control agent uses).
import { connect } from 'node:net';
import { LabError } from '../errors.js';
import type { RouterId } from '../topology.js';
import { keaPaths } from './kea-configs.js';

export interface KeaAnswer {
  result: number;
  text?: string;
  arguments?: Record<string, unknown>;
}

/** Sends `command` to the router's kea-dhcp4 and returns its answer; Kea closes the connection after it. */
export function keaCommand(id: RouterId, command: string, args?: Record<string, unknown>, timeoutMs = 2_000): Promise<KeaAnswer> {
  const path = keaPaths(id).controlSocket;
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let text = '';
    const timer = setTimeout(() => socket.destroy(new LabError(`kea ${id} ${command}: no answer on ${path} within ${timeoutMs} ms`)), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify({ command, ...(args === undefined ? {} : { arguments: args }) })));
    socket.on('data', (chunk: string) => {
      text += chunk;
      // Kea 2.2 answers with one JSON object; parse as soon as it is complete rather than waiting for the close.
      try {
        const parsed = JSON.parse(text) as KeaAnswer;
        clearTimeout(timer);
        socket.destroy();
        resolve(parsed);
      } catch {
        // not complete yet
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      reject(new LabError(`kea ${id} ${command}: expected a JSON answer on ${path}, found ${JSON.stringify(text.slice(0, 200))}`));
    });
  });
}

/** The router's HA state (hot-standby, partner-down, waiting, syncing ...), or undefined when kea-dhcp4 does not answer. */
export async function haState(id: RouterId): Promise<string | undefined> {
  try {
    const answer = await keaCommand(id, 'ha-heartbeat', undefined, 1_000);
    const state = answer.arguments?.['state'];
    return typeof state === 'string' ? state : undefined;
  } catch {
    return undefined;
  }
}

/** The lease Kea holds for an address (lease4-get), or undefined. */
export async function keaLease(id: RouterId, address: string): Promise<{ address: string; mac: string } | undefined> {
  const answer = await keaCommand(id, 'lease4-get', { 'ip-address': address });
  const args = answer.arguments;
  if (answer.result !== 0 || args === undefined) return undefined;
  return { address: String(args['ip-address']), mac: String(args['hw-address']) };
}
