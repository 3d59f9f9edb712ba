import { type ELDHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { AppError, ErrorCode } from '../errors.js';
import { ThrottledLog } from './log-throttle.js';

/** How often the event-loop delay is summed up (and the window it describes). */
const WINDOW_MS = 500;

/**
 * Load shedding for one server process. When its event loop runs late (the p99 delay of the last
 * half second, or the longest stall of the current one, passes OVERLOAD_LOOP_DELAY_MS), a new
 * request would wait at least that long before any of its work starts: it is refused at once
 * (HTTP 503 with Retry-After, a WebSocket handshake with 503) instead of queueing until the
 * client's connect or read timeout, and the load falls back. Turns are what keep a process busy,
 * so a new one is refused (RATE_LIMITED) while MAX_RUNNING_TURNS run here already.
 */
export class LoadShedder {
  private histogram: ELDHistogram | null = null;
  private timer: NodeJS.Timeout | undefined;
  private lastWindowP99Ms = 0;
  private readonly log: ThrottledLog | null;
  private readonly maxLoopDelayMs: number;

  constructor(options: { maxLoopDelayMs: number; logger?: Logger }) {
    this.maxLoopDelayMs = options.maxLoopDelayMs;
    this.log = options.logger
      ? new ThrottledLog(options.logger, { perMinute: 6, level: 'warn' })
      : null;
  }

  /** Starts measuring (when the server starts serving: the stalls of starting up do not count). */
  start() {
    if (this.maxLoopDelayMs <= 0 || this.histogram) return;
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    this.timer = setInterval(() => {
      const h = this.histogram as ELDHistogram;
      this.lastWindowP99Ms = h.percentile(99) / 1e6;
      h.reset();
    }, WINDOW_MS);
    this.timer.unref();
  }

  /** The event-loop delay shedding is decided on, in ms (0 when shedding is off). */
  loopDelayMs(): number {
    if (!this.histogram) return 0;
    const current = this.histogram.count ? this.histogram.max / 1e6 : 0;
    return Math.max(this.lastWindowP99Ms, current);
  }

  /**
   * RATE_LIMITED with the seconds to wait when the process is too late to take a new request
   * (answered with HTTP 503), else null. Refusals are logged at warn, a few a minute at most.
   */
  refusal(transport: 'http' | 'ws'): AppError | null {
    const delay = this.loopDelayMs();
    if (delay <= this.maxLoopDelayMs) return null;
    const retryAfterSeconds = Math.max(1, Math.ceil(delay / 1000));
    this.log?.write(
      { transport, loopDelayMs: Math.round(delay), retryAfterSeconds },
      'overloaded: new request refused (OVERLOAD_LOOP_DELAY_MS)',
    );
    return new AppError(
      ErrorCode.RATE_LIMITED,
      `The server is overloaded; retry in ${retryAfterSeconds} s`,
      { retryAfterSeconds },
    );
  }

  close() {
    clearInterval(this.timer);
    this.histogram?.disable();
  }
}
