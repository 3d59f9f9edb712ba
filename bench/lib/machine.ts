import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { ROOT } from './ipc.js';

function git(args: string[]): string | null {
  try {
    // --no-optional-locks: read-only, never refreshes the index
    return execFileSync('git', ['--no-optional-locks', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
  };
}

export function gitInfo() {
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const status = git(['status', '--porcelain']);
  const changed = status ? status.split('\n').filter(Boolean) : [];
  return {
    commit: commit ?? 'unknown',
    dirty: changed.length > 0,
    changedFiles: changed.length,
    describe: commit ? `${commit}${changed.length ? '-dirty' : ''}` : 'unknown',
  };
}

export function load() {
  const [one, five, fifteen] = os.loadavg();
  return {
    loadavg1: Math.round((one ?? 0) * 100) / 100,
    loadavg5: Math.round((five ?? 0) * 100) / 100,
    loadavg15: Math.round((fifteen ?? 0) * 100) / 100,
    cpus: os.cpus().length,
    freeMemGB: Math.round((os.freemem() / 1024 ** 3) * 10) / 10,
  };
}
