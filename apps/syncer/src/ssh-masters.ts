// Connection reuse leaves an ssh ControlMaster running per target (ControlPersist). On stop we ask
// each to exit, so the syncer leaves no ssh process behind (invariant 7).
import { splitRshCommand, type TargetPlan } from '@routerd/model';
import type { RunCommand } from '@routerd/agent';

const EXIT_DEADLINE_MS = 3000;

/** The ssh argv that asks the master of `target` to exit; undefined when it does not reuse connections. */
export function masterExitArgv(target: TargetPlan): string[] | undefined {
  const ssh = splitRshCommand(target.sshCommand);
  if (!ssh.some((part) => /^ControlPath=/i.test(part) || /^-oControlPath=/i.test(part))) return undefined;
  const host = target.user === undefined ? target.host : `${target.user}@${target.host}`;
  return [...ssh, '-O', 'exit', host];
}

export async function closeMasters(targets: readonly TargetPlan[], run: RunCommand): Promise<void> {
  await Promise.all(
    targets.map(async (target) => {
      const argv = masterExitArgv(target);
      // Exit status 255 means no master was running: nothing to close.
      if (argv) await run(argv, { signal: new AbortController().signal, deadlineMs: EXIT_DEADLINE_MS });
    }),
  );
}
