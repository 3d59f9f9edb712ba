// Measuring a process from outside (Linux /proc), so that every server is measured the same way
// whatever it runs: utime + stime of /proc/<pid>/stat count every thread of the process (V8's GC
// helpers, libuv's pool, a worker running PGlite), which process.cpuUsage() inside it counts too
// but which an in-process probe would have to be added to each server for.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = 100;
    }
    if (!(ticksPerSecond > 0)) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

/** User + system CPU of a process (all its threads), in ms; null when it is gone. */
export function processCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // comm (field 2) may hold spaces: fields 3… follow the last ')'; utime and stime are 14 and 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
}

function statusKB(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export const rssMB = (pid: number) => {
  const kb = statusKB(pid, 'VmRSS');
  return kb == null ? null : kb / 1024;
};

/** Peak RSS (VmHWM) in MB: since the last resetPeakRss, or over the process's life. */
export const peakRssMB = (pid: number) => {
  const kb = statusKB(pid, 'VmHWM');
  return kb == null ? null : kb / 1024;
};

/** Resets VmHWM to the current RSS (`echo 5 > /proc/<pid>/clear_refs`); false when not allowed. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Pids known not to be a backend of the watched database (their title never changes to one). */
const notBackends = new Set<number>();

/**
 * PostgreSQL backends serving one database, found by their process title
 * ("postgres: 15/main: user dbname 127.0.0.1(port) idle"); PostgreSQL must run on this machine.
 */
export function postgresBackends(database: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (notBackends.has(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.startsWith('postgres: ') && cmd.includes(` ${database} `)) pids.push(pid);
      // a backend is forked with the postmaster's command line, then names its database
      else if (!cmd.includes('postgres')) notBackends.add(pid);
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

export interface CpuSample {
  at: number;
  /** CPU ms per named process (`postgres`: the database's backends, since begin()). */
  byName: Record<string, number | null>;
}

/**
 * CPU of a few named processes, and optionally of the PostgreSQL backends serving a database. The
 * backends are polled during the window, so one that starts or ends in it (pg-pool closes idle
 * connections after 10 s) counts up to its last poll.
 */
export class OutsideCpu {
  private readonly backends = new Map<number, { base: number; last: number }>();
  private poller: NodeJS.Timeout | undefined;

  constructor(
    private readonly pids: Record<string, number | undefined>,
    private readonly pgDatabase?: string,
    private readonly pollMs = 500,
  ) {}

  /** The window's first sample; starts polling the backends. */
  begin(at: number): CpuSample {
    if (this.pgDatabase) {
      this.backends.clear();
      for (const pid of postgresBackends(this.pgDatabase)) {
        const ms = processCpuMs(pid);
        if (ms != null) this.backends.set(pid, { base: ms, last: ms });
      }
      this.poller = setInterval(() => this.poll(), this.pollMs);
    }
    return this.sample(at);
  }

  private poll() {
    if (!this.pgDatabase) return;
    for (const pid of postgresBackends(this.pgDatabase)) {
      const ms = processCpuMs(pid);
      if (ms == null) continue;
      const b = this.backends.get(pid);
      if (b) b.last = ms;
      else this.backends.set(pid, { base: 0, last: ms }); // started within the window
    }
  }

  sample(at: number): CpuSample {
    const byName: Record<string, number | null> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      byName[name] = pid ? processCpuMs(pid) : null;
    }
    if (this.pgDatabase) {
      this.poll();
      let pg = 0;
      for (const b of this.backends.values()) pg += b.last - b.base;
      byName.postgres = pg;
    }
    return { at, byName };
  }

  end() {
    clearInterval(this.poller);
  }

  /** CPU ms spent between two samples, per name (null when a process was gone). */
  static delta(a: CpuSample, b: CpuSample): Record<string, number | null> {
    const out: Record<string, number | null> = {};
    for (const [name, end] of Object.entries(b.byName)) {
      const start = a.byName[name];
      out[name] = end == null || start == null ? null : end - start;
    }
    return out;
  }
}
