// The demo: lab up, scenarios 1 to 3 and 6 with narration and measured times, the negative control, lab down.
import type { ScenarioId } from './args.js';
import { down, up } from './lab.js';
import type { Narrator } from './narrator.js';
import { ms, type ScenarioResult } from './scenarios/result.js';
import { runScenario } from './scenarios/run.js';

export async function runDemo(n: Narrator): Promise<boolean> {
  const results: ScenarioResult[] = [];
  const plan: { sync: boolean; scenarios: ScenarioId[] }[] = [
    { sync: true, scenarios: ['1', '2'] },
    // 6 first: scenario 3 stops the master's keepalived, and a split brain needs both.
    { sync: true, scenarios: ['6', '3'] },
    { sync: false, scenarios: ['3'] },
  ];
  try {
    for (const round of plan) {
      await up({ sync: round.sync, narrator: n });
      for (const id of round.scenarios) {
        const result = await runScenario(id, n);
        results.push(result);
        n.say(`scenario ${id} ${result.ok ? 'PASSED' : `FAILED: ${result.failures.join('; ')}`}`);
      }
      await down({ narrator: n });
    }
  } finally {
    await down({ narrator: n, quiet: true });
  }
  n.step('summary');
  for (const result of results) {
    n.say(`${result.ok ? 'PASS' : 'FAIL'} scenario ${result.scenario}: ${result.title}`);
    for (const [name, value] of Object.entries(result.timings)) n.say(`       ${name.padEnd(28)} ${ms(value)}`);
  }
  return results.length === 5 && results.every((r) => r.ok);
}
