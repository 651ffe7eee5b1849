// Background work of a node process: bus consumers and clock-driven jobs. Each context that
// consumes events registers here, so `serve`, `demo` and the CLI's ingest run the same pipeline.
import type { TandemNode } from './node.js';

export interface Workers {
  stop(): Promise<void>;
}

export async function startWorkers(node: TandemNode): Promise<Workers> {
  const timers: NodeJS.Timeout[] = [];
  void node;
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
    },
  };
}
