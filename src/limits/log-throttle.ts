import type { Logger } from 'pino';

/**
 * Log lines that clients can cause (a bad WebSocket frame), at most `perMinute` a minute: the
 * rest are counted and summed up in one line when the next minute's first one is written (or
 * when the minute ends), so a flood of bad sockets cannot flood the log.
 */
export class ThrottledLog {
  private windowStart = 0;
  private written = 0;
  private suppressed = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly options: {
      perMinute: number;
      level: 'debug' | 'info' | 'warn' | 'error';
      now?: () => number;
    },
  ) {}

  write(fields: Record<string, unknown>, message: string): void {
    const now = this.options.now?.() ?? Date.now();
    if (now - this.windowStart >= 60_000) {
      this.flush();
      this.windowStart = now;
      this.written = 0;
    }
    if (this.written < this.options.perMinute) {
      this.written += 1;
      this.logger[this.options.level](fields, message);
      return;
    }
    this.suppressed += 1;
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.windowStart + 60_000 - now);
      this.timer.unref();
    }
  }

  /** Writes the summary of what was left out, if anything was. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.suppressed) return;
    this.logger[this.options.level](
      { suppressed: this.suppressed },
      `${this.suppressed} more like this in the last minute (not logged one by one)`,
    );
    this.suppressed = 0;
  }
}
