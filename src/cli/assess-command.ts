// `tandem assess FILE`: assesses filings from a JSON or NDJSON file without storing them and
// prints each one's factors and channel, with the node's active profiles and history. Useful
// to try a profile on crafted filings before approving it.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { readJsonFile, readNdjson, type IngestItem } from '../ingest/index.js';
import { validateFiling } from '../records/index.js';
import { createProfileService } from '../profiles/index.js';
import type { ProfilesTables } from '../profiles/index.js';
import { createAssessmentService, emptyProfileSet, type AssessmentTables, type ProfileSetProvider } from '../assessment/index.js';
import type { TandemNode } from '../app/node.js';
import { targetingOf } from './queue-command.js';
import { action, fail, withDataDir, withNode } from './cli-support.js';

function profilesOf(node: TandemNode): ProfileSetProvider {
  const service = createProfileService({ db: node.storage.db.withTables<{ [K in keyof ProfilesTables]: ProfilesTables[K] }>(), clock: node.clock });
  return {
    async loadActiveSet(now) {
      try {
        return await service.loadActiveSet(now);
      } catch (err) {
        process.stderr.write(`tandem: no active profiles could be loaded (${err instanceof Error ? err.message : String(err)}); assessing without profiles\n`);
        return emptyProfileSet;
      }
    },
  };
}

export function registerAssessCommand(program: Command): void {
  withDataDir(program.command('assess <file>'))
    .description('assess filings from a JSON or NDJSON file without storing them; prints factors and channel')
    .option('--format <format>', 'json | ndjson (default: from the file name)')
    .option('--json', 'print one JSON result per filing')
    .action(
      action(async (file: string, opts: { dataDir?: string; format?: string; json?: boolean }) => {
        if (!existsSync(file)) fail(`cannot read ${file}: no such file`, 2);
        const format = opts.format ?? (file.endsWith('.ndjson') || file.endsWith('.jsonl') ? 'ndjson' : 'json');
        if (format !== 'json' && format !== 'ndjson') fail(`unknown format ${format}; use json or ndjson`, 2);
        await withNode(opts, async (node) => {
          const targeting = targetingOf(node);
          const assessment = createAssessmentService({
            db: node.storage.db.withTables<{ [K in keyof AssessmentTables]: AssessmentTables[K] }>(),
            clock: node.clock,
            profiles: profilesOf(node),
            inspectionOutcomes: (since) => targeting.listLabelledOutcomes(since),
          });
          await assessment.warmHistory();
          const source: AsyncGenerator<IngestItem> = format === 'ndjson' ? readNdjson(file) : readJsonFile(file);
          let rejected = 0;
          for await (const item of source) {
            if ('error' in item) {
              rejected++;
              console.error(`record ${item.index}: ${item.error.reason}`);
              continue;
            }
            const v = validateFiling(item.value);
            if (!v.ok) {
              rejected++;
              console.error(`record ${item.index}: ${v.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.reason}`).join('; ')}`);
              continue;
            }
            const out = await assessment.preview(node.system, v.filing, v.warnings);
            if (opts.json) {
              console.log(JSON.stringify({ index: item.index, reference: v.filing.reference, ...out }));
              continue;
            }
            console.log(`${v.filing.filer.id}/${v.filing.reference} v${v.filing.version}: ${out.channel.toUpperCase()} — ${out.explanation}`);
            for (const f of out.factors) {
              console.log(`  +${f.points}${f.forcedChannel ? ` forces ${f.forcedChannel}` : ''}  [${f.source} ${f.sourceId}@${f.version}] ${f.reason}${f.marking ? ` (TLP:${f.marking.tlp.toUpperCase()})` : ''}`);
            }
            for (const e of out.profileErrors) console.log(`  ! profile ${e.profileId}@${e.profileVersion} failed: ${e.message}`);
            for (const e of out.sourceErrors) console.log(`  ! ${e.source} failed: ${e.message}`);
            console.log(`  profile set ${out.versions.profileSet} (${out.versions.profileSetSize} profiles)`);
          }
          if (rejected > 0) process.exitCode = 1;
        });
      }),
    );
}
