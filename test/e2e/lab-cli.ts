// Drives the lab through its CLI, as CI and the demo do; scenario results come back as JSON.
import { execFile } from 'node:child_process';
import { LAB_CLI, REPO_ROOT, type ScenarioResult } from '@routerd/lab';

export interface LabRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function lab(args: string[], timeoutMs = 180_000): Promise<LabRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LAB_CLI, ...args], { cwd: REPO_ROOT, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ exitCode: code, stdout, stderr });
    });
  });
}

export async function labUp(sync: boolean): Promise<void> {
  const result = await lab(sync ? ['up'] : ['up', '--no-sync']);
  if (result.exitCode !== 0) throw new Error(`lab up${sync ? '' : ' --no-sync'} exited with ${result.exitCode}:\n${result.stderr}`);
}

export async function labDown(): Promise<void> {
  const result = await lab(['down'], 60_000);
  if (result.exitCode !== 0) throw new Error(`lab down exited with ${result.exitCode}:\n${result.stderr}`);
}

/** Runs a scenario and returns its result; the narration is attached to any failure message. */
export async function scenario(id: string): Promise<ScenarioResult & { narration: string }> {
  const result = await lab(['scenario', id, '--json'], 240_000);
  const line = result.stdout.trim().split('\n').pop() ?? '';
  let parsed: ScenarioResult;
  try {
    parsed = JSON.parse(line) as ScenarioResult;
  } catch (error) {
    throw new Error(`lab scenario ${id}: expected a JSON result on stdout, found ${JSON.stringify(line.slice(0, 200))}; stderr:\n${result.stderr}`, { cause: error });
  }
  return { ...parsed, narration: result.stderr };
}
