// Peak resident memory of this process while something runs: a 10 ms sampler (catches
// the shape) and the kernel's high-water mark (catches what a busy event loop hides).

export interface MemoryPeak {
  /** RSS when sampling started, bytes. */
  baseline: number;
  /** Highest RSS seen, bytes (max of the samples and the kernel's maxRSS). */
  peak: number;
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
    // maxRSS is in kilobytes and covers the whole process lifetime: use it only in a
    // process that does nothing heavier than the measured work (a child process).
    const kernelPeak = process.resourceUsage().maxRSS * 1024;
    return { baseline: this.baseline, peak: Math.max(this.peak, process.memoryUsage.rss(), kernelPeak) };
  }
}

export const MiB = 1024 * 1024;
