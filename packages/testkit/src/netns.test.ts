import { describe, expect, it } from 'vitest';

import { createNetns, deleteNetns, hasAddress, ip, listNetns, NetnsError, netnsPids } from './netns.js';

describe('netns', () => {
  it('netns › a namespace with a veth end holding the address, which can go and come back', async () => {
    const ns = await createNetns(`rdtest-kit-${process.pid}`, 'rdkit0', '192.0.2.1/32');
    try {
      expect(await listNetns(`rdtest-kit-${process.pid}`)).toEqual([ns.name]);
      expect(await hasAddress(ns.name, 'rdkit0', '192.0.2.1/32')).toBe(true);
      await ns.delAddress();
      expect(await hasAddress(ns.name, 'rdkit0', '192.0.2.1/32')).toBe(false);
      await ns.addAddress();
      expect(await hasAddress(ns.name, 'rdkit0', '192.0.2.1/32')).toBe(true);
      expect(await netnsPids(ns.name)).toEqual([]);
    } finally {
      await ns.remove();
      await ns.remove();
    }
    expect(await listNetns(`rdtest-kit-${process.pid}`)).toEqual([]);
    expect(await netnsPids(ns.name)).toEqual([]);
    await deleteNetns(ns.name);
  });

  it('netns › refuses bad names before running anything, and says what ip said', async () => {
    await expect(createNetns('a b', 'x0', '192.0.2.1/32')).rejects.toThrow(new NetnsError('netns name: expected letters, digits, "_", "." or "-", found "a b"'));
    await expect(createNetns('ok', 'fifteen-chars-x', '192.0.2.1/32')).rejects.toThrow(/^ifname: expected at most 14 characters/);
    await expect(ip(['-n', `rdtest-none-${process.pid}`, 'link'])).rejects.toThrow(/^ip -n rdtest-none-\d+ link failed: /);
  });
});
