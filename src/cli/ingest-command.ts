import { createWriteStream, existsSync } from 'node:fs';
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { systemActor } from '../platform/index.js';
import { createPreparePool, csvProfile, readCsv, readJsonFile, readNdjsonLines, type BatchResult, type IngestItem, type PreparedItem } from '../ingest/index.js';
import { startWorkers } from '../app/workers.js';
import { action, fail, withDataDir, withNode } from './cli-support.js';

const BATCH = 2000;

export function registerIngestCommand(program: Command): void {
  withDataDir(program.command('ingest <file>'))
    .description('ingest filings from a file; prints accepted and rejected counts')
    .requiredOption('--format <format>', 'json | ndjson | csv')
    .option('--profile <name>', 'CSV column-mapping profile (e.g. kcs)')
    .option('--errors <file>', 'write every rejected record (index, path, reason) as NDJSON')
    .option('--no-assess', 'store only; do not run assessment in this process')
    .action(
      action(async (file: string, opts: { dataDir?: string; format: string; profile?: string; errors?: string; assess: boolean }) => {
        if (!existsSync(file)) fail(`cannot read ${file}: no such file`, 2);
        if (!['json', 'ndjson', 'csv'].includes(opts.format)) fail(`unknown format ${opts.format}; use json, ndjson or csv`, 2);
        if (opts.format === 'csv' && !opts.profile) fail('CSV input needs --profile (e.g. --profile kcs)', 2);
        const size = statSync(file).size;
        await withNode(opts, async (node) => {
          const workers = opts.assess ? await startWorkers(node) : null;
          const actor = systemActor(node.info.agency, 'cli-ingest');
          const bar = process.stdout.isTTY ? new SingleBar({ format: 'ingest [{bar}] {percentage}% | {accepted} accepted, {rejected} rejected', hideCursor: true }, Presets.shades_classic) : null;
          bar?.start(size, 0, { accepted: 0, rejected: 0 });
          let read = 0;
          const progress = (bytes: number) => {
            read = bytes;
          };
          const errorsOut = opts.errors ? createWriteStream(opts.errors) : null;
          let accepted = 0;
          let rejected = 0;
          let amended = 0;
          let duplicates = 0;
          let shown = 0;
          const started = process.hrtime.bigint();
          let goodsItems = 0;
          const tally = (res: BatchResult) => {
            accepted += res.accepted;
            goodsItems += res.goodsItems;
            rejected += res.rejected;
            amended += res.amended;
            duplicates += res.duplicates;
            for (const e of res.errors) {
              errorsOut?.write(`${JSON.stringify(e)}\n`);
              if (shown < 10 && !bar) {
                shown++;
                const p = e.problems[0];
                process.stderr.write(`record ${e.index}${e.reference ? ` (${e.reference})` : ''}: ${p?.path ? `${p.path}: ` : ''}${p?.reason ?? 'rejected'}\n`);
              }
            }
            bar?.update(read, { accepted, rejected });
          };
          if (opts.format === 'ndjson') {
            // Two threads: the worker parses and validates the next batches while this one stores
            // the oldest; two batches queued keep the worker busy while this thread reads lines.
            const pool = createPreparePool();
            try {
              let lines: Parameters<typeof pool.prepare>[0] = [];
              const inFlight: Promise<PreparedItem[]>[] = [];
              // A failed batch is reported when its turn comes; until then it must not count as unhandled.
              const queue = (batch: typeof lines) => {
                const prepared = pool.prepare(batch);
                prepared.catch(() => {});
                inFlight.push(prepared);
              };
              const storeOldest = async () => {
                const oldest = inFlight.shift();
                if (oldest) tally(await node.ingest.ingestPrepared(actor, await oldest));
              };
              for await (const raw of readNdjsonLines(file, progress)) {
                lines.push(raw);
                if (lines.length < BATCH) continue;
                queue(lines);
                lines = [];
                if (inFlight.length > 2) await storeOldest();
              }
              if (lines.length > 0) queue(lines);
              while (inFlight.length > 0) await storeOldest();
            } finally {
              await pool.close();
            }
          } else {
            const source: AsyncGenerator<IngestItem> = opts.format === 'json' ? readJsonFile(file, progress) : readCsv(file, csvProfile(opts.profile ?? ''), progress);
            let batch: IngestItem[] = [];
            for await (const item of source) {
              batch.push(item);
              if (batch.length >= BATCH) {
                tally(await node.ingest.ingest(actor, batch));
                batch = [];
              }
            }
            if (batch.length > 0) tally(await node.ingest.ingest(actor, batch));
          }
          bar?.update(size, { accepted, rejected });
          bar?.stop();
          errorsOut?.end();
          await node.bus.drain();
          await workers?.stop();
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          console.log(`accepted ${accepted} (amended ${amended}, repeated ${duplicates}), rejected ${rejected}`);
          console.log(`${goodsItems} goods items stored in ${seconds.toFixed(2)} s (${Math.round(goodsItems / Math.max(seconds, 1e-9))} items/s)`);
        });
      }),
    );
}
