// Runs one scenario on the lab that is up.
import type { ScenarioId } from '../args.js';
import { LabError } from '../errors.js';
import type { Narrator } from '../narrator.js';
import { readLabState } from '../state-file.js';
import { STATE_FILE } from '../topology.js';
import type { ScenarioResult } from './result.js';
import { scenario1 } from './scenario-1.js';
import { scenario2 } from './scenario-2.js';
import { scenario3 } from './scenario-3.js';
import { scenario4 } from './scenario-4.js';
import { scenario5 } from './scenario-5.js';
import { scenario6 } from './scenario-6.js';
import { scenario7 } from './scenario-7.js';

const SCENARIOS = { '1': scenario1, '2': scenario2, '3': scenario3, '4': scenario4, '5': scenario5, '6': scenario6, '7': scenario7 } as const;

export async function runScenario(id: ScenarioId, narrator: Narrator): Promise<ScenarioResult> {
  const state = await readLabState(STATE_FILE);
  if (state === undefined) throw new LabError(`lab scenario ${id}: expected a lab that is up (${STATE_FILE}), found none: run \`up\` first`);
  try {
    return await SCENARIOS[id](state, narrator);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    narrator.say(`scenario ${id} FAILED: ${message}`);
    return { scenario: id, title: 'aborted', ok: false, timings: {}, facts: {}, failures: [message] };
  }
}
