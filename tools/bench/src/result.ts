// What one bench run measured: the JSON file's shape (bench-results/<timestamp>.json).
import type { FloorResult } from './baselines.js';
import type { LagProfile } from './lag-profile.js';
import type { LsyncdSection } from './lsyncd-section.js';
import type { Machine } from './machine.js';
import type { Summary } from './stats.js';

export interface LagResult {
  writes: number;
  lost: number;
  summary: Summary | undefined;
  /** The syncer's lag row only: where each ms went, from the agents' debug-level profile lines. */
  profile?: LagProfile;
}

export interface AgentFootprint {
  pid: number;
  rssMb: number;
  hwmMb: number;
  /** Its own CPU (utime + stime). */
  cpuPercent: number;
  /** The CPU of its children, reaped (cutime + cstime) and running; absent in results before it was measured (before 2026-12-02: reaped only). */
  childCpuPercent?: number;
}

export interface ReadyResult {
  /** ms from spawn to its first message on the bus. */
  firstMessageMs: number | undefined;
  /** ms from spawn to its NATS service answering. */
  serviceMs: number | undefined;
}

/** A burst of paced rewrites: how long it took, and the rsync runs it caused. */
export interface BurstCounts {
  writes: number;
  writeSpanMs: number;
  rsyncRuns: number;
  maxInFlight: number;
  lastWriteToIdenticalMs: number | undefined;
}

export interface BurstResult extends BurstCounts {
  memoryBeforeMb: Record<string, number>;
  memoryAfterMb: Record<string, number>;
  cpuPercent: Record<string, number>;
}

export interface TransferResult {
  ms: number | undefined;
  runs: number;
  bytesSent: number;
  bytesReceived: number;
}

export interface LargeFileResult {
  leases: number;
  bytes: number;
  full: TransferResult;
  oneLine: TransferResult[];
  floorFullMs: number;
  floorOneLineMs: number;
  floorOneLineSent: number;
  rssAfterMb: Record<string, number>;
  /** Peak RSS (VmHWM) of each agent during this scenario: reset before the first write. */
  peakRssMb?: Record<string, number>;
}

export interface FanoutResult {
  targets: number;
  writes: number;
  lost: number;
  perTarget: (Summary | undefined)[];
  total: Summary | undefined;
}

export interface Verdict {
  target: string;
  met: boolean;
  figure: string;
}

export interface BenchResult {
  startedAt: string;
  quick: boolean;
  machine: Machine;
  vipSource: 'vip-watcher --netns' | 'bench heartbeat';
  ready: Record<string, ReadyResult>;
  idle: { windowMs: number; agents: Record<string, AgentFootprint> };
  lag: { syncer: LagResult; newConnection: LagResult; openConnection: FloorResult };
  burst: BurstResult;
  largeFile: LargeFileResult;
  fanout: FanoutResult[];
  /** lsyncd beside the syncer; absent in results before it was measured. */
  lsyncd?: LsyncdSection;
  verdicts: Verdict[];
  dataLoss: string[];
  loadAverageAtEnd: number[];
}

/** `--only lsyncd`: the syncer's lag and burst and lsyncd beside them. */
export interface LsyncdOnlyResult {
  startedAt: string;
  quick: boolean;
  only: 'lsyncd';
  machine: Machine;
  syncer: { lag: LagResult; burst: BurstResult };
  /** (b) in the same run: the planned rsync over an open ssh master, right after each write. */
  floor: FloorResult;
  lsyncd: LsyncdSection;
  verdicts: Verdict[];
  dataLoss: string[];
  loadAverageAtEnd: number[];
}
