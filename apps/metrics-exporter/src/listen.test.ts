import { describe, expect, it } from 'vitest';
import { listenProblem, parseListen } from './listen.js';

describe('metrics exporter listen address', () => {
  it('listen › takes HOST:PORT on loopback, v4, v6 in brackets, or localhost', () => {
    expect(parseListen('127.0.0.1:9464')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseListen('127.0.0.53:1')).toEqual({ host: '127.0.0.53', port: 1 });
    expect(parseListen('[::1]:65535')).toEqual({ host: '::1', port: 65535 });
    expect(parseListen('localhost:9464')).toEqual({ host: 'localhost', port: 9464 });
  });

  it('listen › refuses a host off loopback, naming it and why', () => {
    expect(listenProblem('0.0.0.0:9464')).toBe(
      'expected a loopback host (127.0.0.0/8, ::1 or localhost: the endpoint is for a scraper on this router), found "0.0.0.0" in "0.0.0.0:9464"',
    );
    expect(listenProblem('192.0.2.2:9464')).toMatch(/^expected a loopback host .* found "192\.0\.2\.2"/);
    expect(listenProblem('[2001:db8::1]:9464')).toMatch(/found "2001:db8::1"/);
    expect(listenProblem('router-a:9464')).toMatch(/found "router-a"/);
  });

  it('listen › refuses what is not HOST:PORT, or a port out of range', () => {
    expect(listenProblem('9464')).toBe('expected HOST:PORT on loopback, like 127.0.0.1:9464 or [::1]:9464, found "9464"');
    expect(listenProblem('::1:9464')).toMatch(/^expected HOST:PORT/);
    expect(listenProblem('')).toMatch(/^expected HOST:PORT.*found ""$/);
    expect(listenProblem('127.0.0.1:0')).toBe('expected a port from 1 to 65535, found "0" in "127.0.0.1:0"');
    expect(listenProblem('127.0.0.1:70000')).toBe('expected a port from 1 to 65535, found "70000" in "127.0.0.1:70000"');
  });
});
