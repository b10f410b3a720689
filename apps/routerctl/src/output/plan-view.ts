// The plan as plain data, for -o json and -o yaml: what the agents would run, field by field.
import { commandLine, type SyncDelivery, type SyncJob, type When } from '@routerd/model';

export interface TargetView {
  name: string;
  host: string;
  user: string | null;
  destination: string;
  /** The push, as a shell would need it typed; the agents run `argv` without a shell. */
  command: string;
  argv: string[];
  /** Sent once on demotion (delivery merge only): the last file into the target's inbox. */
  handbackCommand: string;
  handbackArgv: string[];
  /** The promoter's pull of the target's file before this node serves. */
  pullCommand: string;
  pullArgv: string[];
}

export interface SyncView {
  id: string;
  kind: string;
  name: string;
  source: { kind: string; name: string; path: string };
  delivery: SyncDelivery;
  whenText: string;
  when: When | null;
  interval: string;
  intervalMs: number;
  deadlineMs: number;
  targets: TargetView[];
}

export interface PlanView {
  syncs: SyncView[];
}

export function planView(jobs: readonly SyncJob[]): PlanView {
  return {
    syncs: jobs.map((job) => ({
      id: job.id,
      kind: job.kind,
      name: job.name,
      source: { kind: job.source.kind, name: job.source.name, path: job.source.path },
      delivery: job.delivery,
      whenText: job.whenText,
      when: job.when ?? null,
      interval: job.interval,
      intervalMs: job.intervalMs,
      deadlineMs: job.deadlineMs,
      targets: job.targets.map((t) => ({
        name: t.name,
        host: t.host,
        user: t.user ?? null,
        destination: t.destination,
        command: commandLine(t.argv),
        argv: [...t.argv],
        handbackCommand: commandLine(t.handbackArgv),
        handbackArgv: [...t.handbackArgv],
        pullCommand: commandLine(t.pullArgv),
        pullArgv: [...t.pullArgv],
      })),
    })),
  };
}
