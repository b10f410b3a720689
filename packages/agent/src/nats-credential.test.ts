import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nkeys } from 'nats';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NatsCredentialError, readNatsCredential } from './nats-credential.js';

const pair = (nkeys as { createUser(): { getSeed(): Uint8Array; getPublicKey(): string } }).createUser();
const SEED = new TextDecoder().decode(pair.getSeed());
let dir: string;

describe('NATS credential', () => {
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'routerd-creds-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('NATS credential › reads the seed and its public key from the file routerctl render nats writes', async () => {
    const file = join(dir, 'syncer.nk');
    await writeFile(file, `${SEED}\n`, { mode: 0o600 });
    const credential = await readNatsCredential(file);
    expect(credential.publicKey).toBe(pair.getPublicKey());
    expect(new TextDecoder().decode(credential.seed)).toBe(SEED);
  });

  it('NATS credential › a missing file names it and the fix', async () => {
    const file = join(dir, 'nats', 'syncer.nk');
    const read = readNatsCredential(file);
    await expect(read).rejects.toThrow(NatsCredentialError);
    await expect(read).rejects.toThrow(`cannot read the NATS credential ${file}: no such file; render it with \`routerctl render nats --creds-dir ${join(dir, 'nats')}\` (docs/operations.md, "NATS")`);
  });

  it('NATS credential › a file that is not one user seed names it, what was found and the fix', async () => {
    const file = join(dir, 'syncer.nk');
    await writeFile(file, 'user: syncer\npassword: x\n');
    await expect(readNatsCredential(file)).rejects.toThrow(`NATS credential ${file}: expected one nkey user seed ("SU" and 56 base32 characters), found 24 characters that are not one; render it with`);
    await writeFile(file, `${SEED.slice(0, 10)}${SEED[10] === 'A' ? 'B' : 'A'}${SEED.slice(11)}\n`);
    await expect(readNatsCredential(file)).rejects.toThrow(`NATS credential ${file}: expected one nkey user seed, found one that does not decode`);
  });

  it.skipIf(process.getuid?.() === 0)('NATS credential › an unreadable file says permission denied', async () => {
    const file = join(dir, 'syncer.nk');
    await writeFile(file, SEED);
    await chmod(file, 0o000);
    await expect(readNatsCredential(file)).rejects.toThrow(`cannot read the NATS credential ${file}: permission denied; render it with`);
  });
});
