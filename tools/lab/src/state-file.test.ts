import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLabState, readLabState, writeLabState, type LabState } from './state-file.js';

const state: LabState = {
  version: 1,
  startedAt: '2025-01-01T00:00:00.000Z',
  sync: true,
  promotion: 'lab-driver',
  holders: { r1: 10 },
  namespaces: ['rdlab-lan'],
  processes: [{ name: 'nats-server', pid: 11, router: 'r1', argv: ['nats-server'], log: '/run/rdlab/r1/log/nats.log' }],
};

describe('lab state file', () => {
  it('lab state file › round-trips what it writes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rdlab-'));
    const path = join(dir, 'state.json');
    await writeLabState(path, state);
    expect(await readLabState(path)).toEqual(state);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(state);
  });

  it('lab state file › a missing file means no lab', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rdlab-'));
    expect(await readLabState(join(dir, 'none.json'))).toBeUndefined();
  });

  it('lab state file › rejects text that is not JSON, naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rdlab-'));
    const path = join(dir, 'state.json');
    await writeFile(path, 'not json');
    await expect(readLabState(path)).rejects.toThrow(`lab state file ${path}: expected JSON, found "not json"`);
  });

  it('lab state file › rejects a bad pid with the field path', () => {
    const bad = { ...state, processes: [{ ...state.processes[0], pid: -1 }] };
    expect(() => parseLabState(JSON.stringify(bad), 'x.json')).toThrow(/^lab state file x\.json: processes\.0\.pid /);
  });
});
