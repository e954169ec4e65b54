// What the figures were measured on: they mean little without it.
import os from 'node:os';

export interface MachineInfo {
  os: string;
  arch: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  /** 1, 5 and 15 minute load averages when the run started (other work on the machine skews figures). */
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
  startedAt: string;
}

const load = () => os.loadavg().map((v) => Number(v.toFixed(2)));

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()}`,
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    loadAverageAtStart: load(),
    startedAt: new Date().toISOString(),
  };
}

export const loadAverageNow = load;
