#!/usr/bin/env node
// The lab's entry point: up | down | status | scenario N | demo | nemesis | peers. Exits non-zero when a step failed (2: bad usage).
import { UsageError } from '@routerd/model';
import { parseArgs } from './args.js';
import { runDemo } from './demo.js';
import { down, status, up } from './lab.js';
import { createNarrator } from './narrator.js';
import { runNemesis } from './nemesis/run.js';
import { runKeaNemesis } from './peers/kea-nemesis.js';
import { runPeers } from './peers/run.js';
import { runScenario } from './scenarios/run.js';

async function main(argv: string[]): Promise<number> {
  const narrator = createNarrator((line) => process.stderr.write(line));
  const command = parseArgs(argv);
  switch (command.type) {
    case 'up':
      await up({ sync: command.sync, narrator });
      return 0;
    case 'down':
      await down({ narrator });
      return 0;
    case 'status':
      process.stdout.write(`${JSON.stringify(await status(), null, 2)}\n`);
      return 0;
    case 'scenario': {
      const result = await runScenario(command.id, narrator);
      if (command.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      return result.ok ? 0 : 1;
    }
    case 'demo':
      return (await runDemo(narrator)) ? 0 : 1;
    case 'nemesis': {
      // A long run stopped by Ctrl-C (or a test's timeout) still leaves no namespace or process behind.
      const interrupt = new AbortController();
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (command.kea ? void down({ narrator }).finally(() => process.exit(130)) : interrupt.abort(signal)));
      const outcome = command.kea ? await runKeaNemesis(command, narrator) : await runNemesis(command, narrator, { signal: interrupt.signal, onInterrupted: () => process.exit(130) });
      process.stdout.write(`${outcome.line}\n`);
      return outcome.ok ? 0 : 1;
    }
    case 'peers': {
      // Each run takes its lab down itself; a signal still leaves none behind.
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void down({ narrator }).finally(() => process.exit(130)));
      const outcome = await runPeers(command, narrator);
      process.stdout.write(command.json ? `${JSON.stringify({ ok: outcome.ok, rows: outcome.rows })}\n` : outcome.table);
      return outcome.ok ? 0 : 1;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const text = error instanceof UsageError ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`lab: ${text}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
