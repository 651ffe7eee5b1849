import { createWriteStream, existsSync } from 'node:fs';
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { systemActor } from '../platform/index.js';
import { prepareNdjsonFile, csvProfile, readCsv, readJsonFile, type BatchResult, type IngestItem } from '../ingest/index.js';
import { startWorkers } from '../app/workers.js';
import { action, fail, withDataDir, withNode } from './cli-support.js';

const BATCH = 2000;
// Records per batch handed over by the preparing threads: small, so few are alive at once here.
const STREAM_BATCH = 250;

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
            // Worker threads read, parse and validate small batches ahead of this thread, which
            // only stores them (the ingest service chooses how many per transaction).
            const batches = async function* () {
              for await (const batch of prepareNdjsonFile(file, { batchSize: STREAM_BATCH, ahead: 4 })) {
                progress(batch.bytesRead);
                yield batch.items;
              }
            };
            await node.ingest.ingestStream(actor, batches(), tally);
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
