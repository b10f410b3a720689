import { describe, expect, it } from 'vitest';
import { agents, dnsmasqCommands, inRouter, keepalived, natsCredential, natsServer, renderNatsArgv } from './router-argv.js';
import { ROUTERS } from './topology.js';

const ctx = { repo: '/repo', node: '/usr/bin/node' };

describe('lab router argv', () => {
  it('lab router argv › agents run as their units start them, with the lab config', () => {
    const list = agents(ROUTERS.r1, ctx, { sync: true, promoter: false });
    expect(list.map((p) => p.name)).toEqual(['vip-watcher', 'lease-watcher', 'syncer', 'metrics-exporter']);
    // node's options as the .deb's launchers pass them (agentNodeArgs): the vip-watcher's include lite mode.
    expect(list[0]?.argv).toEqual([
      '/usr/bin/node', '--max-semi-space-size=1', '--single-threaded', '--lite-mode', '--no-expose-wasm',
      '/repo/apps/vip-watcher/dist/main.js', '--config', '/run/rdlab/r1/etc/router.yaml', '--notify-fifo', '/run/routerd/keepalived.fifo',
    ]);
    expect(list[1]?.argv.slice(0, 4)).toEqual(['/usr/bin/node', '--max-semi-space-size=1', '--single-threaded', '/repo/apps/dnsmasq-lease-watcher/dist/main.js']);
    expect(list[0]?.env).toEqual({
      ROUTERD_NODE: 'router-a',
      ROUTERD_NATS_CREDS: '/run/rdlab/r1/etc/nats/vip-watcher.nk',
      ROUTERD_KEEPALIVED_PIDFILE: '/run/routerd/keepalived.pid',
    });
  });

  it('lab router argv › each agent signs in to the bus with its own identity', () => {
    const list = agents(ROUTERS.r2, ctx, { sync: true, promoter: true });
    expect(list.map((p) => [p.name, p.env['ROUTERD_NATS_CREDS']])).toEqual([
      ['vip-watcher', '/run/rdlab/r2/etc/nats/vip-watcher.nk'],
      ['lease-watcher', '/run/rdlab/r2/etc/nats/lease-watcher.nk'],
      ['syncer', '/run/rdlab/r2/etc/nats/syncer.nk'],
      ['dhcp-promoter', '/run/rdlab/r2/etc/nats/dhcp-promoter.nk'],
      ['metrics-exporter', '/run/rdlab/r2/etc/nats/metrics-exporter.nk'],
    ]);
  });

  it("lab router argv › the bus config is rendered for the router's node, credentials beside it", () => {
    expect(renderNatsArgv(ROUTERS.r2, ctx)).toEqual(['/usr/bin/node', '/repo/apps/routerctl/dist/main.js', 'render', 'nats', '--creds-dir', '/run/rdlab/r2/etc/nats', '--node', 'router-b']);
    expect(natsServer(ROUTERS.r2).argv).toEqual(['nats-server', '-c', '/run/rdlab/r2/etc/nats-server.conf']);
    expect(natsCredential(ROUTERS.r2, 'routerctl')).toBe('/run/rdlab/r2/etc/nats/routerctl.nk');
  });

  it('lab router argv › the negative control runs no syncer', () => {
    expect(agents(ROUTERS.r2, ctx, { sync: false, promoter: true }).map((p) => p.name)).toEqual(['vip-watcher', 'lease-watcher', 'dhcp-promoter', 'metrics-exporter']);
  });

  it('lab router argv › the metrics exporter listens on the router\'s own loopback, signed in as the read-only metrics-exporter', () => {
    const exporter = agents(ROUTERS.r1, ctx, { sync: true, promoter: true }).find((p) => p.name === 'metrics-exporter');
    expect(exporter?.argv).toEqual(['/usr/bin/node', '--max-semi-space-size=1', '--single-threaded', '/repo/apps/metrics-exporter/dist/main.js', '--config', '/run/rdlab/r1/etc/router.yaml', '--listen', '127.0.0.1:9464']);
    expect(exporter?.env['ROUTERD_NATS_CREDS']).toBe('/run/rdlab/r1/etc/nats/metrics-exporter.nk');
  });

  it('lab router argv › enters the holder mount namespace and the router netns', () => {
    expect(inRouter(42, ROUTERS.r2, ['true'])).toEqual(['nsenter', '--mount=/proc/42/ns/mnt', '--net=/run/netns/rdlab-r2', '--', 'true']);
  });

  it('lab router argv › keepalived stays in the foreground with its own pid files', () => {
    expect(keepalived(ROUTERS.r1).argv).toEqual(expect.arrayContaining(['--dont-fork', '--pid', '/run/routerd/keepalived.pid']));
  });

  it('lab router argv › dnsmasq starts from the rendered config with a pid file', () => {
    const commands = dnsmasqCommands(ROUTERS.r1);
    expect(commands.start.slice(0, 3)).toEqual(['dnsmasq', '--conf-file=/run/rdlab/r1/etc/dnsmasq.conf', '--pid-file=/run/routerd/dnsmasq.pid']);
    expect(commands.stop).toEqual(['start-stop-daemon', '--stop', '--oknodo', '--retry', 'TERM/5/KILL/1', '--pidfile', '/run/routerd/dnsmasq.pid', '--exec', '/usr/sbin/dnsmasq']);
    // Its last words come from the file it logs to (the examples' journalctl reads a unit the lab has not).
    expect(commands.logs).toEqual(['tail', '-n', '20', '/run/rdlab/r1/log/dnsmasq.log']);
  });
});
