// The ssh part of a sync: defaults first, each only where the user's sshOptions do not set the same key,
// because ssh keeps the first value it is given for an option.

// Keepalives: a peer that stops answering (power loss, a cable pulled on the far side: no RST) is
// noticed within ServerAliveInterval × ServerAliveCountMax = 15 s by the ControlMaster too, which
// then exits and frees every push it carries.
export const SSH_DEFAULTS = [
  ['BatchMode', 'yes'],
  ['ConnectTimeout', '10'],
  ['ServerAliveInterval', '5'],
  ['ServerAliveCountMax', '3'],
] as const;
export const CONTROL_PERSIST = '60s';

// ssh's flags that take an argument (OpenSSH getopt string "...b:c:e:...").
const FLAGS_WITH_ARGUMENT = new Set('bceilmopBDEFIJLOPQRSwW');

function optionKey(text: string): string | undefined {
  return /^\s*([A-Za-z][A-Za-z0-9]*)/.exec(text)?.[1]?.toLowerCase();
}

/** Lower-case option keys that sshOptions set: `-o Key=v`, `-oKey=v`, "-o Key=v"; -M and -S count as ControlMaster and ControlPath. */
export function sshOptionKeys(sshOptions: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (let i = 0; i < sshOptions.length; i += 1) {
    const arg = sshOptions[i] as string;
    if (!arg.startsWith('-') || arg === '-' || arg.startsWith('--')) continue;
    // Bundled flags as ssh's getopt reads them: "-4o Key=v", "-Mv", "-S path".
    for (let j = 1; j < arg.length; j += 1) {
      const flag = arg[j] as string;
      if (flag === 'M') keys.add('controlmaster');
      if (!FLAGS_WITH_ARGUMENT.has(flag)) continue;
      const inline = arg.slice(j + 1);
      const value = inline !== '' ? inline : sshOptions[++i];
      if (flag === 'S') keys.add('controlpath');
      if (flag === 'o' && value !== undefined) {
        const key = optionKey(value);
        if (key !== undefined) keys.add(key);
      }
      break;
    }
  }
  return keys;
}

/**
 * argv of the remote shell: ssh, the defaults the user did not set, connection reuse when a control
 * path is given and the user set neither ControlMaster nor ControlPath, then the user's sshOptions.
 */
export function sshCommandParts(sshOptions: readonly string[], controlPath: string | undefined): string[] {
  const keys = sshOptionKeys(sshOptions);
  const parts = ['ssh'];
  for (const [key, value] of SSH_DEFAULTS) {
    if (!keys.has(key.toLowerCase())) parts.push('-o', `${key}=${value}`);
  }
  if (controlPath !== undefined && !keys.has('controlmaster') && !keys.has('controlpath')) {
    parts.push('-o', 'ControlMaster=auto', '-o', `ControlPath=${controlPath}`);
    if (!keys.has('controlpersist')) parts.push('-o', `ControlPersist=${CONTROL_PERSIST}`);
  }
  parts.push(...sshOptions);
  return parts;
}
