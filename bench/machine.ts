/** The machine a figure was measured on, written beside every figure: timings mean little without it. */
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1-minute load average when the run started: other work on a shared machine skews timings. */
  load: number;
  date: string;
}

export function describeMachine(now = new Date()): Machine {
  const cpu = cpus()[0]?.model.replace(/\s+/g, ' ').trim() || 'unknown CPU';
  return {
    cpu,
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    load: Math.round(loadavg()[0] * 100) / 100,
    date: now.toISOString().slice(0, 10),
  };
}

export function machineLine(machine: Machine): string {
  return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, load ${machine.load} at start, ${machine.date}`;
}
