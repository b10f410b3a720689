import { describe, expect, it } from 'vitest';
import { AuthorizedKeyError, checkPublicKey, renderAuthorizedKey } from './authorized-keys.js';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAII1MQuWNeqZprXi3xrHP/EOnMz+sASAI/I+elc8gqfUZ routerd@router-a';
const base = { peers: ['192.0.2.2'], publicKey: KEY, configFile: '/usr/local/etc/routerd/router.yaml', receiver: 'routerd-lease-receiver' };

describe('render › authorized-keys line', () => {
  it('render › the forced command, restrict and from, then the key', () => {
    expect(renderAuthorizedKey(base)).toBe(`command="routerd-lease-receiver --config /usr/local/etc/routerd/router.yaml",restrict,from="192.0.2.2" ${KEY}\n`);
  });

  it('render › several peer addresses, prefixes, a quoted path, the state dir and the node', () => {
    const line = renderAuthorizedKey({ ...base, peers: ['192.0.2.2', '2001:db8::2/128'], configFile: "/etc/rd/it's router.yaml", receiver: '/opt/rd/bin/routerd-lease-receiver', stateDir: '/srv/routerd state', node: 'router-b' });
    expect(line).toBe(
      `command="/opt/rd/bin/routerd-lease-receiver --config '/etc/rd/it'\\''s router.yaml' --state-dir '/srv/routerd state' --node router-b",restrict,from="192.0.2.2,2001:db8::2/128" ${KEY}\n`,
    );
  });

  it.each([
    [{ peers: [] }, 'expected --peer with the address the peer connects from'],
    [{ peers: ['router-a.lan'] }, 'expected --peer to be the peer\'s IPv4 or IPv6 address (optionally with a /prefix), found "router-a.lan"; a host name would need sshd\'s UseDNS'],
    [{ peers: ['192.0.2.2/33'] }, 'found "192.0.2.2/33"'],
    [{ peers: ['192.0.2.2,198.51.100.1'] }, 'found "192.0.2.2,198.51.100.1"'],
    [{ configFile: 'router.yaml' }, 'expected --config to be an absolute path without double quotes, backslashes or control characters, found "router.yaml"'],
    [{ configFile: '/etc/"x".yaml' }, 'expected --config to be an absolute path without double quotes'],
    [{ receiver: 'x;rm' }, 'expected --receiver to be a command name (looked up in sshd\'s PATH) or an absolute path, found "x;rm"'],
    [{ receiver: '/opt/a\\b' }, 'expected --receiver to be an absolute path without double quotes, backslashes'],
    [{ stateDir: 'state' }, 'expected --state-dir to be an absolute path'],
    [{ node: 'router b' }, '--node: expected a node name of letters, digits, "_" and "-" (one NATS subject token), found "router b"'],
  ])('render › refused: %j', (change, message) => {
    expect(() => renderAuthorizedKey({ ...base, ...change })).toThrow(AuthorizedKeyError);
    expect(() => renderAuthorizedKey({ ...base, ...change })).toThrow(message);
  });

  it('render › a public key line is checked: its type, its data, one line', () => {
    expect(checkPublicKey(`  ${KEY.replace(' ', '   ')}\n`, 'k')).toBe(KEY);
    expect(() => checkPublicKey(`restrict ${KEY}`, '--key a.pub')).toThrow('--key a.pub: expected a public key line starting with its type');
    expect(() => checkPublicKey('ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAII1MQuWNeqZprXi3xrHP/EOnMz+sASAI/I+elc8gqfUZ', 'k')).toThrow('k: expected the base64 key data of a ssh-rsa key, found a ssh-ed25519 key');
    expect(() => checkPublicKey('ssh-ed25519 AAAA!!', 'k')).toThrow('found data that is not');
    expect(() => checkPublicKey('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----\n', '--key id')).toThrow('--key id: expected a public key line, found a private key; give the .pub file');
    expect(() => checkPublicKey(`${KEY}\n${KEY}`, 'k')).toThrow('k: expected one public key line');
  });
});
