import { ConfigError } from '../config.js';
import { DataDirInUseError } from '../db/embedded.js';

/** A mistake in how a command was called: its message is the usage line. */
export class UsageError extends Error {}

/** What to tell a person about an error that ends a command, in one line. */
export function explain(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) return error.message;
  if (error instanceof UsageError) return error.message;
  const e = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (e?.code === 'EADDRINUSE') {
    return `port ${e.port} is already in use on ${e.address}: stop what listens there, or set PORT`;
  }
  if (e?.code === 'EACCES' && e.syscall === 'listen') {
    return `not allowed to listen on port ${e.port}: choose a PORT above 1023`;
  }
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Runs a command: an error ends it with one line on stderr and a non-zero exit code (2 for a
 * usage or configuration mistake), never a stack trace (set DEBUG=1 to see one).
 */
export async function runCommand(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (process.env.DEBUG) console.error(error);
    console.error(explain(error));
    const usage = error instanceof UsageError || error instanceof ConfigError;
    process.exit(usage ? 2 : 1);
  }
}
