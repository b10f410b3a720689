// The machine a run was measured on, for docs/benchmarks.md.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryMb: number;
  kernel: string;
  os: string;
  node: string;
  natsServer: string;
  rsync: string;
  openssh: string;
  loadAverage: number[];
}

async function firstLine(file: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(file, args);
    return `${stdout}${stderr}`.split('\n')[0]?.trim() ?? 'unknown';
  } catch (error) {
    return `unknown (${(error as Error).message.split('\n')[0] ?? ''})`;
  }
}

export async function describeMachine(): Promise<Machine> {
  const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '');
  return {
    nproc: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(totalmem() / 1024 / 1024),
    kernel: release(),
    os: /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(osRelease)?.[1] ?? 'unknown',
    node: process.version,
    natsServer: await firstLine('nats-server', ['--version']),
    rsync: await firstLine('rsync', ['--version']),
    openssh: await firstLine('ssh', ['-V']),
    loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}
