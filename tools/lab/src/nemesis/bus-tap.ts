#!/usr/bin/env node
// The nemesis's ear on one router's bus: every reconcile event, as received, one JSON line each
// (tapLineSchema), appended to a file the checker reads. Runs in the router's network namespace,
// where its nats-server listens on loopback; it reconnects after the router reboots. It signs in as an
// operator would, with routerctl's read-only credential: it may listen, never publish.
import { appendFileSync } from 'node:fs';
import { readNatsCredential } from '@routerd/agent/credential';
import { reconcileWildcard } from '@routerd/bus';
import { errorMessage } from '@routerd/model';
import { connect, nkeyAuthenticator } from 'nats';

async function main(argv: string[]): Promise<number> {
  const [router, out, creds] = argv;
  if (argv.length !== 3 || (router !== 'r1' && router !== 'r2') || out === undefined || !out.startsWith('/') || creds === undefined || !creds.startsWith('/')) {
    process.stderr.write(`bus-tap: expected <r1|r2> <absolute output file> <absolute routerctl credential>, found ${JSON.stringify(argv)}\n`);
    return 2;
  }
  const credential = await readNatsCredential(creds);
  const nc = await connect({
    servers: '127.0.0.1:4222',
    name: `rdlab-bus-tap-${router}`,
    authenticator: nkeyAuthenticator(credential.seed),
    maxReconnectAttempts: -1,
    waitOnFirstConnect: true,
    reconnectTimeWait: 250,
  });
  process.stderr.write(`bus-tap ${router}: connected, listening on ${reconcileWildcard()}\n`);
  process.once('SIGTERM', () => void nc.close());
  const sub = nc.subscribe(reconcileWildcard());
  for await (const msg of sub) appendFileSync(out, `${JSON.stringify({ router, at: Date.now(), subject: msg.subject, data: msg.string() })}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bus-tap: ${errorMessage(error)}\n`);
    process.exit(1);
  },
);
