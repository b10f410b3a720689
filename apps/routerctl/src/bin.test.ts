// The built executable, as an operator runs it: --version, the completion script sourced by bash,
// `get --watch` ended by SIGINT and SIGTERM (exit 0), and exit 3 when no NATS server answers.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sampleVipRoleEvent, serveEndpoint, vipSubject, vipWatcherRolesEndpoint } from '@routerd/bus';
import { freePort, startNatsServer, type NatsServer } from '@routerd/testkit';
import { connect, type NatsConnection, type Service } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from './version.js';

const APP = fileURLToPath(new URL('..', import.meta.url));
const MAIN = `${APP}dist/main.js`;
const quiet = { warn: () => undefined, error: () => undefined };

/** Runs the built routerctl until it exits by itself, or until `signal` is sent once it watches. */
function routerctl(args: string[], signal?: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (signal !== undefined && stderr.includes('watching ')) child.kill(signal);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('routerctl › the built bin', () => {
  let server: NatsServer;
  let agents: NatsConnection;
  let service: Service;

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'tsconfig.lib.json'], { cwd: APP, stdio: 'ignore' });
    server = await startNatsServer({ jetstream: false });
    agents = await connect({ servers: server.url, name: 'routerctl-bin-test-agent' });
    service = await serveEndpoint(agents, vipWatcherRolesEndpoint, { node: 'r1', items: () => [sampleVipRoleEvent], log: quiet });
    await agents.flush();
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await agents?.close();
    await server?.cleanup();
  });

  it('bin › --version and version print the version', () => {
    expect(execFileSync(process.execPath, [MAIN, '--version'], { encoding: 'utf8' })).toBe(`routerctl ${VERSION}\n`);
    expect(execFileSync(process.execPath, [MAIN, 'version'], { encoding: 'utf8' })).toBe(`routerctl ${VERSION}\n`);
  });

  it('bin › bash sources `routerctl completion bash` from a process substitution', () => {
    const result = spawnSync('bash', ['-c', 'source <("$1" "$2" completion bash) && complete -p routerctl', 'bash', process.execPath, MAIN], { encoding: 'utf8' });
    expect(result).toMatchObject({ status: 0, stdout: 'complete -F _routerctl routerctl\n', stderr: '' });
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('bin › get vips --watch ends cleanly on %s, exit 0', async (signal) => {
    const watch = routerctl(['get', 'vips', '--watch', '--nats', server.url, '--node', 'r1'], signal);
    const result = await watch;
    expect(result.stderr).toBe(`watching routerd.r1.vip.* on ${server.url}; Ctrl-C stops\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^NAME +ROLE .*\nlan-vip +master /);
  });

  it('bin › a change published while watching is drawn before the signal ends the watch', async () => {
    const child = spawn(process.execPath, [MAIN, 'get', 'vips', '-w', '-o', 'json', '--nats', server.url, '--node', 'r1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('"role":"backup"')) child.kill('SIGINT');
    });
    child.stderr.on('data', () => agents.publish(vipSubject('r1', 'lan-vip'), JSON.stringify({ ...sampleVipRoleEvent, role: 'backup', seq: 9, observedAt: '2024-05-01T12:00:05.000Z' })));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { role: string }).role)).toEqual(['master', 'backup']);
  });

  it('bin › no NATS server: exit 3, a usage error: exit 2', async () => {
    const url = `nats://127.0.0.1:${await freePort()}`;
    const unreachable = await routerctl(['check', '--nats', url, '--timeout', '500ms']);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(new RegExp(`^routerctl: cannot reach NATS at ${url.replaceAll('.', '\\.')} within 500ms`));
    expect((await routerctl(['get', '--bogus'])).code).toBe(2);
  });
});
