import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** CPU, memory and profiling of the process it runs in, for the bench entry points. */
export class ProcessStats {
  private peakRss = 0;
  private readonly sampler: NodeJS.Timeout;
  private inspector: Session | undefined;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });

  constructor(sampleEveryMs = 100) {
    this.peakRss = process.memoryUsage.rss();
    this.sampler = setInterval(() => {
      const rss = process.memoryUsage.rss();
      if (rss > this.peakRss) this.peakRss = rss;
    }, sampleEveryMs);
    this.sampler.unref();
    this.loopDelay.enable();
  }

  snapshot() {
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    if (mem.rss > this.peakRss) this.peakRss = mem.rss;
    return {
      at: Date.now(),
      cpuUserUs: cpu.user,
      cpuSystemUs: cpu.system,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      heapTotal: mem.heapTotal,
      external: mem.external,
      arrayBuffers: mem.arrayBuffers,
      /** Highest RSS sampled (every 100 ms) since the last resetPeak. */
      peakRss: this.peakRss,
      /** Highest RSS of the process's whole life (kernel). */
      maxRssLifetime: process.resourceUsage().maxRSS * 1024,
      /** Event-loop delay since the last resetPeak (ms; sampled by a 10 ms timer). */
      loopDelayMs: {
        p50: this.loopDelay.percentile(50) / 1e6,
        p99: this.loopDelay.percentile(99) / 1e6,
        max: this.loopDelay.max / 1e6,
      },
    };
  }

  resetPeak() {
    this.peakRss = process.memoryUsage.rss();
    this.loopDelay.reset();
  }

  /** Full garbage collection (the process runs with --expose-gc), twice to settle weak refs. */
  gc() {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    return Boolean(gc);
  }

  /** The V8 sampling profiler (what `node --cpu-prof` uses), limited to a window. */
  async profileStart(intervalUs = 1000) {
    this.inspector = new Session();
    this.inspector.connect();
    await this.inspector.post('Profiler.enable');
    await this.inspector.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await this.inspector.post('Profiler.start');
  }

  async profileStop(file: string) {
    if (!this.inspector) throw new Error('the profiler is not running');
    const { profile } = await this.inspector.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    this.inspector.disconnect();
    this.inspector = undefined;
    return file;
  }

  close() {
    clearInterval(this.sampler);
    this.loopDelay.disable();
  }
}

export type ProcessSnapshot = ReturnType<ProcessStats['snapshot']>;
