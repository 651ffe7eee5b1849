// `tandem queue`: the referral queue of an office, riskiest and most urgent first.
import type { Command } from 'commander';
import type { TandemNode } from '../app/node.js';
import { action, fail, withDataDir, withNode } from './cli-support.js';

/** The targeting service over a node's storage (stateless: safe to build per command). */
export function targetingOf(node: TandemNode) {
  return node.targeting;
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

export function registerQueueCommand(program: Command): void {
  withDataDir(program.command('queue'))
    .description('print the referral queue (active referrals by risk, then deadline)')
    .option('--office <office>', 'only this customs office')
    .option('--limit <n>', 'how many referrals', '50')
    .option('--json', 'print JSON instead of a table')
    .action(
      action(async (opts: { dataDir?: string; office?: string; limit: string; json?: boolean }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) fail('--limit must be an integer from 1 to 1000', 2);
        await withNode(opts, async (node) => {
          const queue = await targetingOf(node).listQueue(node.system, { ...(opts.office ? { office: opts.office } : {}), limit });
          if (opts.json) {
            console.log(JSON.stringify(queue, null, 2));
            return;
          }
          if (queue.length === 0) {
            console.log(opts.office ? `no active referral for office ${opts.office}` : 'no active referral');
            return;
          }
          console.log(`${pad('CHANNEL', 8)} ${pad('POINTS', 7)} ${pad('DEADLINE', 17)} ${pad('OFFICE', 9)} ${pad('STATUS', 19)} ${pad('FILING', 28)} REFERRAL / WHY`);
          for (const r of queue) {
            const sel = r.selection === 'random_control' ? ' [random control]' : '';
            console.log(
              `${pad(r.channel.toUpperCase(), 8)} ${pad(String(r.totalPoints), 7)} ${pad(r.deadlineAt ? r.deadlineAt.slice(0, 16).replace('T', ' ') : '-', 17)} ${pad(r.office, 9)} ${pad(r.status, 19)} ${pad(`${r.filerId}/${r.reference} v${r.filingVersion}`, 28)} ${r.id}${sel}`,
            );
            for (const why of r.summary) console.log(`${' '.repeat(8)}· ${why}`);
          }
        });
      }),
    );
}
