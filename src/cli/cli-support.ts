// Shared pieces of the `tandem` commands: the data-dir option, opening a node, and turning
// errors into a clear message and a non-zero exit code instead of a stack trace.
import type { Command } from 'commander';
import { isAppError, loadConfig, type Config } from '../platform/index.js';
import { openNode, type TandemNode } from '../app/node.js';

export function withDataDir(cmd: Command): Command {
  return cmd.option('--data-dir <dir>', 'node data directory (default ./tandem-data or TANDEM_DATA_DIR)');
}

export function configFrom(opts: { dataDir?: string }): Config {
  return loadConfig(opts.dataDir ? { dataDir: opts.dataDir } : {});
}

export async function withNode<T>(opts: { dataDir?: string }, fn: (node: TandemNode) => Promise<T>): Promise<T> {
  const node = await openNode(configFrom(opts));
  try {
    return await fn(node);
  } finally {
    await node.close();
  }
}

export function fail(message: string, code = 1): never {
  process.stderr.write(`tandem: ${message}\n`);
  process.exit(code);
}

/** Wraps a command action so known errors print cleanly. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      if (isAppError(err)) {
        const details = err.details === undefined ? '' : `\n${JSON.stringify(err.details, null, 2)}`;
        fail(`${err.code}: ${err.message}${details}`, 2);
      }
      // TANDEM_DEBUG=1 shows where an unexpected error came from (for a bug report).
      if (process.env.TANDEM_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
      fail(err instanceof Error ? err.message : String(err), 1);
    }
  };
}

export function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`invalid port ${v}`);
  return n;
}
