// `tandem model train|score|evaluate`: the learned risk model on labelled files (CSV profiles).
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import {
  evaluateLabelledFile,
  formatReport,
  readProfileFile,
  riskModelFromJson,
  riskModelToJson,
  scoreBatch,
  trainRiskModel,
  type Outcome,
  type ProfileRows,
  type RiskLabel,
} from '../model/index.js';
import { action } from './cli-support.js';

function labelled(rows: ProfileRows, file: string): Outcome[] {
  const out: Outcome[] = [];
  for (const o of rows.outcomes) {
    if (o === undefined) throw new Error(`${file}: rows without label columns (Fraud, Critical Fraud) cannot be used for training or evaluation`);
    out.push(o);
  }
  return out;
}

function warnSkipped(file: string, rows: ProfileRows): void {
  if (rows.skipped.length > 0) process.stderr.write(`${file}: ${rows.skipped.length} unreadable record(s) skipped, e.g. ${rows.skipped[0]}\n`);
  if (rows.repaired > 0) process.stderr.write(`${file}: ${rows.repaired} record(s) had invalid values, treated as missing\n`);
}

function parseLabel(v: string): RiskLabel {
  if (v !== 'fraud' && v !== 'critical') throw new Error(`--label must be fraud or critical, not ${v}`);
  return v;
}

export function registerModelCommand(program: Command): void {
  const model = program.command('model').description('learned risk model: gradient-boosted trees trained on inspection results');

  model
    .command('train')
    .description('train a risk model on a labelled file')
    .requiredOption('--input <file>', 'labelled training file')
    .requiredOption('--profile <name>', 'CSV profile of the files (e.g. kcs)')
    .option('--valid <file>', 'labelled validation file (early stopping, threshold, metrics)')
    .option('--refit', 'retrain on input + validation with the settings chosen on validation')
    .requiredOption('--label <label>', 'fraud | critical (critical = Critical Fraud 2)', parseLabel)
    .requiredOption('--out <file>', 'model file to write')
    .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10), 1)
    .action(
      action(async (o: { input: string; profile: string; valid?: string; refit?: boolean; label: RiskLabel; out: string; seed: number }) => {
        if (o.refit && !o.valid) throw new Error('--refit needs --valid (the settings are chosen on validation)');
        const train = await readProfileFile(o.input, o.profile);
        warnSkipped(o.input, train);
        const valid = o.valid ? await readProfileFile(o.valid, o.profile) : undefined;
        if (valid && o.valid) warnSkipped(o.valid, valid);
        const bar = process.stdout.isTTY ? new cliProgress.SingleBar({ format: ' {phase} [{bar}] {value}/{total} rounds', hideCursor: true }, cliProgress.Presets.shades_classic) : undefined;
        let started = '';
        const t0 = Date.now();
        const m = trainRiskModel({
          label: o.label,
          train: { keys: train.keys, outcomes: labelled(train, o.input) },
          valid: valid && o.valid ? { keys: valid.keys, outcomes: labelled(valid, o.valid) } : undefined,
          refit: Boolean(o.refit),
          seed: o.seed,
          onProgress: (phase, round, max) => {
            if (!bar) return;
            if (started !== phase) {
              if (started) bar.stop();
              bar.start(max, 0, { phase });
              started = phase;
            }
            bar.update(round, { phase });
          },
        });
        bar?.stop();
        writeFileSync(o.out, riskModelToJson(m));
        const secs = ((Date.now() - t0) / 1000).toFixed(1);
        process.stdout.write(`model ${m.id} (${m.label}) written to ${o.out}: ${m.training.rows} training rows, ${m.training.rounds} rounds${m.training.refit ? ' (refit on input + validation)' : ''}, ${secs} s\n`);
        if (m.validation) {
          process.stdout.write(`${formatReport('validation, all rows', m.validation.all)}\n`);
          process.stdout.write(`${formatReport('validation, combinations never seen in training', m.validation.novel)}\n`);
          process.stdout.write(`threshold stored in the model (best macro-F1 on validation): ${m.threshold.toPrecision(4)}\n`);
        }
      }),
    );

  model
    .command('score')
    .description('score a file (labels optional) and write id,score')
    .requiredOption('--model <file>', 'model file')
    .requiredOption('--input <file>', 'file to score')
    .requiredOption('--profile <name>', 'CSV profile (e.g. kcs)')
    .requiredOption('--out <file>', 'CSV to write (header id,score)')
    .action(
      action(async (o: { model: string; input: string; profile: string; out: string }) => {
        const m = riskModelFromJson(readFileSync(o.model, 'utf8'), o.model);
        const rows = await readProfileFile(o.input, o.profile);
        warnSkipped(o.input, rows);
        const scores = scoreBatch(m, rows.keys);
        const records = rows.keys.map((k, i) => [k.reference, scores[i]!.toFixed(6)]);
        writeFileSync(o.out, stringify(records, { header: true, columns: ['id', 'score'] }));
        process.stdout.write(`${rows.keys.length} rows scored with model ${m.id} (${m.label}) → ${o.out}\n`);
      }),
    );

  model
    .command('evaluate')
    .description('evaluate a model on a labelled file; writes a precision-recall curve SVG')
    .requiredOption('--model <file>', 'model file')
    .requiredOption('--input <file>', 'labelled file')
    .requiredOption('--profile <name>', 'CSV profile (e.g. kcs)')
    .option('--svg <file>', 'precision-recall curve to write (default: <model>.pr-curve.svg)')
    .action(
      action(async (o: { model: string; input: string; profile: string; svg?: string }) => {
        const m = riskModelFromJson(readFileSync(o.model, 'utf8'), o.model);
        const rows = await readProfileFile(o.input, o.profile);
        warnSkipped(o.input, rows);
        const result = evaluateLabelledFile(m, { keys: rows.keys, outcomes: labelled(rows, o.input) }, `${o.input} (${m.label})`);
        const svgFile = o.svg ?? `${o.model.replace(/\.json$/, '')}.pr-curve.svg`;
        writeFileSync(svgFile, result.svg);
        process.stdout.write(`model ${m.id} (${m.label}, ${m.training.rows} training rows${m.training.refit ? ', refit' : ''})\n`);
        process.stdout.write(`${formatReport('all rows', result.all)}\n`);
        process.stdout.write(`${formatReport('combinations never seen in training', result.novel)}\n`);
        process.stdout.write(`precision-recall curve written to ${svgFile}\n`);
      }),
    );
}
