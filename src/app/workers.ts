// Background work of a node process: bus consumers and clock-driven jobs. Each context that
// consumes events registers here, so `serve`, `demo` and the CLI's ingest run the same pipeline.
import type { TandemNode } from './node.js';

export interface Workers {
  stop(): Promise<void>;
}

export async function startWorkers(node: TandemNode): Promise<Workers> {
  // Assessment: warms party history, consumes filing.accepted and inspection.recorded, and
  // assesses whatever was stored while no worker ran (recovery sweep).
  await node.assessment.start();
  // Referrals for assessments whose referral was not opened (a crash between the two).
  await node.targeting.catchUp();
  // Exchange: inspection results answering a partner's request go back automatically;
  // delivery of released items with retries, and the retention purge of partner data.
  await node.exchange.loop.subscribe(node.bus);
  node.exchange.start();
  return {
    async stop() {
      await node.exchange.stop();
      await node.bus.drain();
    },
  };
}
