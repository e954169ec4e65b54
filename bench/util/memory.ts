// Peak resident memory of this process while something runs: a 10 ms sampler (catches
// the shape) and the kernel's high-water mark (catches what a busy event loop hides).
import { readFileSync } from 'node:fs';

export interface MemoryPeak {
  /** RSS when sampling started, bytes. */
  baseline: number;
  /** Highest RSS seen, bytes (max of the samples and the kernel's high-water mark). */
  peak: number;
}

/**
 * The kernel's high-water mark of this process's own memory, bytes. On Linux that is
 * VmHWM: getrusage's maxRSS also counts the parent's RSS at fork time (Linux keeps it
 * across exec), so a child spawned by a benchmark that has just seeded a database would
 * report the parent's size, not its own.
 */
function kernelPeak(): number {
  try {
    const vmHwmKiB = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (vmHwmKiB) return Number(vmHwmKiB) * 1024;
  } catch {
    // Not Linux: maxRSS is the best there is.
  }
  return process.resourceUsage().maxRSS * 1024;
}

export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private baseline = 0;
  private peak = 0;

  start(intervalMs = 10): void {
    this.baseline = process.memoryUsage.rss();
    this.peak = this.baseline;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage.rss());
    }, intervalMs);
  }

  stop(): MemoryPeak {
    clearInterval(this.timer);
    // The high-water mark covers the whole process lifetime: use it only in a process that
    // does nothing heavier than the measured work (a child process).
    return { baseline: this.baseline, peak: Math.max(this.peak, process.memoryUsage.rss(), kernelPeak()) };
  }
}

export const MiB = 1024 * 1024;
