import { describe, expect, it } from 'vitest';
import { DATA_FORMATS } from '../output/formats.js';
import { liveSettings } from './options.js';

const host = () => 'r1.lan.example';

describe('routerctl › live options', () => {
  it('routerctl › defaults: nats://127.0.0.1:4222, the short host name, table, 3s', () => {
    expect(liveSettings('get', {}, {}, host, DATA_FORMATS)).toEqual({
      url: 'nats://127.0.0.1:4222',
      creds: { file: '/usr/local/etc/routerd/nats/routerctl.nk', given: false },
      node: 'r1',
      format: 'table',
      timeoutMs: 3000,
    });
  });

  it('routerctl › the environment, then the flags, override the defaults', () => {
    const env = { ROUTERD_NATS_URL: 'nats://192.0.2.10:4222', ROUTERD_NODE: 'r2' };
    expect(liveSettings('get', {}, env, host, DATA_FORMATS)).toMatchObject({ url: 'nats://192.0.2.10:4222', node: 'r2' });
    expect(liveSettings('get', {}, { ROUTERD_NATS_CREDS: '/etc/r/ctl.nk' }, host, DATA_FORMATS).creds).toEqual({ file: '/etc/r/ctl.nk', given: true });
    expect(liveSettings('get', { 'nats-creds': 'ctl.nk' }, { ROUTERD_NATS_CREDS: '/etc/r/ctl.nk' }, host, DATA_FORMATS).creds).toEqual({ file: 'ctl.nk', given: true });
    expect(liveSettings('get', { nats: 'nats://127.0.0.1:14222', node: 'r3', output: 'yaml', timeout: '500ms' }, env, host, DATA_FORMATS)).toEqual({
      url: 'nats://127.0.0.1:14222',
      creds: { file: '/usr/local/etc/routerd/nats/routerctl.nk', given: false },
      node: 'r3',
      format: 'yaml',
      timeoutMs: 500,
    });
  });

  it('routerctl › bad values name the flag, the expectation and what was found', () => {
    expect(() => liveSettings('get', { output: 'wide' }, {}, host, DATA_FORMATS)).toThrow('expected -o/--output to be one of table, json, yaml, found "wide", which get does not support');
    expect(() => liveSettings('get', { output: 'xml' }, {}, host, DATA_FORMATS)).toThrow('expected -o/--output to be one of table, json, yaml, found "xml"');
    expect(() => liveSettings('get', { timeout: 'soon' }, {}, host, DATA_FORMATS)).toThrow('expected --timeout to be a positive duration like "3s" or "500ms", found "soon"');
    expect(() => liveSettings('get', { timeout: '0' }, {}, host, DATA_FORMATS)).toThrow('found "0"');
    expect(() => liveSettings('get', { node: 'r1.lan' }, {}, host, DATA_FORMATS)).toThrow('--node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "r1.lan"');
    expect(() => liveSettings('get', {}, { ROUTERD_NODE: 'a b' }, host, DATA_FORMATS)).toThrow('$ROUTERD_NODE: expected a node name');
    expect(() => liveSettings('get', { nats: ' ' }, {}, host, DATA_FORMATS)).toThrow('expected --nats to be a URL like nats://127.0.0.1:4222, found an empty string');
  });
});
