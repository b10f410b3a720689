// A local attacker's process: node running as `nobody` (setpriv), with nats.js and nothing else of
// the test's. It reports what the bus let it do as one JSON line; the test judges it.
import { execFile } from 'node:child_process';
import { chown, copyFile, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

export const UNPRIVILEGED = { user: 'nobody', group: 'nogroup' } as const;

export interface Forgery {
  subject: string;
  /** The JSON payload, as an agent would publish it. */
  data: string;
}

export interface UnprivilegedInput {
  url: string;
  /** A file only root may read: the attacker tries it too. */
  rootOnlyFile: string;
  /** A subject the attacker listens on first, to show its credential reads the real bus. */
  listen: string;
  forgeries: readonly Forgery[];
}

export interface UnprivilegedReport {
  uid: number;
  gid: number;
  /** The error code reading `rootOnlyFile` gave, or "read". */
  rootOnlyFile: string;
  /** The error code of the connect without a credential, or "connected". */
  anonymous: string;
  /** The subject of the message heard on `listen` with the credential, if any. */
  heard?: string;
  /** The subjects nats-server reported as a publish permissions violation. */
  refused: string[];
}

function parseReport(stdout: string): UnprivilegedReport {
  const r = JSON.parse(stdout) as Partial<Record<keyof UnprivilegedReport, unknown>>;
  const sound =
    typeof r.uid === 'number' && typeof r.gid === 'number' && typeof r.rootOnlyFile === 'string' && typeof r.anonymous === 'string' &&
    (r.heard === undefined || typeof r.heard === 'string') && Array.isArray(r.refused) && r.refused.every((s) => typeof s === 'string');
  if (!sound) throw new Error(`the unprivileged client: expected a report {uid, gid, rootOnlyFile, anonymous, heard?, refused[]}, found ${stdout}`);
  return r as UnprivilegedReport;
}

// Plain ESM for `node --input-type=module -e`: no test code, only nats.js from its absolute path.
const SCRIPT = String.raw`
import { readFileSync } from 'node:fs';
const input = JSON.parse(process.env.ROUTERD_TEST_INPUT);
const m = await import(input.natsModule);
const nats = typeof m.connect === 'function' ? m : m.default;
const report = { uid: process.getuid(), gid: process.getgid(), refused: [] };
try { readFileSync(input.rootOnlyFile); report.rootOnlyFile = 'read'; } catch (e) { report.rootOnlyFile = String(e.code); }
try {
  const nc = await nats.connect({ servers: input.url, reconnect: false, timeout: 3000 });
  report.anonymous = 'connected';
  await nc.close();
} catch (e) { report.anonymous = String(e.code ?? e.message); }
const seed = new TextEncoder().encode(readFileSync(input.credential, 'utf8').trim());
const nc = await nats.connect({ servers: input.url, reconnect: false, timeout: 3000, authenticator: nats.nkeyAuthenticator(seed) });
void (async () => {
  for await (const s of nc.status()) {
    if (s.type === nats.Events.Error && s.permissionContext?.operation === 'publish') report.refused.push(s.permissionContext.subject);
  }
})();
const sub = nc.subscribe(input.listen, { max: 1, timeout: 10000 });
for await (const msg of sub) report.heard = msg.subject;
for (const f of input.forgeries) nc.publish(f.subject, f.data);
await nc.flush();
const until = Date.now() + 5000;
while (report.refused.length < input.forgeries.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
await nc.close();
process.stdout.write(JSON.stringify(report) + '\n');
`;

/**
 * Runs the attacker as `nobody` with its own copy of `credential` (mode 0600, owned by nobody, as
 * docs/operations.md says an operator gets routerctl's), and returns its report.
 */
export async function runUnprivileged(input: UnprivilegedInput, credential: string): Promise<UnprivilegedReport> {
  const dir = await mkdtemp(join(tmpdir(), 'rdnobody-'));
  try {
    const uid = Number((await promisify(execFile)('id', ['-u', UNPRIVILEGED.user])).stdout.trim());
    const gid = Number((await promisify(execFile)('id', ['-g', UNPRIVILEGED.user])).stdout.trim());
    const copy = join(dir, 'routerctl.nk');
    await copyFile(credential, copy);
    await chown(copy, uid, gid);
    await chown(dir, uid, gid);
    const natsModule = pathToFileURL(createRequire(import.meta.url).resolve('nats')).href;
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ROUTERD_TEST_INPUT: JSON.stringify({ ...input, credential: copy, natsModule }) };
    const argv = [`--reuid=${UNPRIVILEGED.user}`, `--regid=${UNPRIVILEGED.group}`, '--clear-groups', process.execPath, '--input-type=module', '-e', SCRIPT];
    const { stdout } = await promisify(execFile)('setpriv', argv, { cwd: '/', env, timeout: 30_000 }).catch((error: unknown) => {
      const { stdout: out, stderr } = error as { stdout?: unknown; stderr?: unknown };
      const { code } = error as { code?: unknown };
      throw new Error(`the unprivileged client (node as ${UNPRIVILEGED.user}) failed, exit ${String(code)}\nstdout: ${String(out)}\nstderr: ${String(stderr)}`);
    });
    return parseReport(stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
