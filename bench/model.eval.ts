// Model evaluation on the KCS validation split: for fraud and critical, 5 seeds each, the
// model trained on the training split (validation used for early stopping and the threshold,
// as `tandem model train --valid` does) and scored on validation. Reports means ± std for all
// rows and for rows whose goods/countries/tax/mass combination never occurs in training.
// The last stdout line is a JSON summary.
import { readProfileFile, trainRiskModel, type EvaluationReport, type Outcome, type RiskLabel } from '../src/model/index.js';

const DATA = process.env.KCS_DIR ?? '/work/shared/data/kcs';
const SEEDS = (process.env.SEEDS ?? '1,2,3,4,5').split(',').map(Number);
const LABELS: RiskLabel[] = process.env.LABELS ? (process.env.LABELS.split(',').filter((l): l is RiskLabel => l === 'fraud' || l === 'critical')) : ['fraud', 'critical'];

const labelled = (o: Array<Outcome | undefined>): Outcome[] => o.map((x) => x ?? { fraud: false, critical: false });
const train = await readProfileFile(`${DATA}/kcs_train.csv`, 'kcs');
const valid = await readProfileFile(`${DATA}/kcs_valid.csv`, 'kcs');

type Row = { rocAuc: number; prAuc: number; p5: number; p10: number; r5: number; mf1: number };
const ROW_KEYS: Array<keyof Row> = ['rocAuc', 'prAuc', 'p5', 'p10', 'r5', 'mf1'];
const pick = (r: EvaluationReport): Row => ({
  rocAuc: r.rocAuc,
  prAuc: r.prAuc,
  p5: r.top.find((t) => t.percent === 5)?.precision ?? Number.NaN,
  p10: r.top.find((t) => t.percent === 10)?.precision ?? Number.NaN,
  r5: r.top.find((t) => t.percent === 5)?.recall ?? Number.NaN,
  mf1: r.macroF1,
});
const stat = (xs: number[]) => {
  const m = xs.reduce((s, v) => s + v, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, xs.length - 1));
  return { mean: Number(m.toFixed(4)), std: Number(sd.toFixed(4)) };
};

const summary: Record<string, Record<string, Record<string, { mean: number; std: number }>>> = {};
for (const label of LABELS) {
  const all: Row[] = [];
  const novel: Row[] = [];
  let novelRows = 0;
  for (const seed of SEEDS) {
    const t0 = performance.now();
    const m = trainRiskModel({ label, train: { keys: train.keys, outcomes: labelled(train.outcomes) }, valid: { keys: valid.keys, outcomes: labelled(valid.outcomes) }, seed });
    const v = m.validation;
    if (!v) throw new Error('no validation report');
    all.push(pick(v.all));
    novel.push(pick(v.novel));
    novelRows = v.novel.rows;
    console.log(
      `${label} seed ${seed}: all ROC ${v.all.rocAuc.toFixed(4)} PR ${v.all.prAuc.toFixed(4)} P@5 ${pick(v.all).p5.toFixed(4)} P@10 ${pick(v.all).p10.toFixed(4)} | novel (${v.novel.rows}) ROC ${v.novel.rocAuc.toFixed(4)} PR ${v.novel.prAuc.toFixed(4)} P@5 ${pick(v.novel).p5.toFixed(4)} P@10 ${pick(v.novel).p10.toFixed(4)} | rounds ${m.training.rounds}/${m.training.novelRounds ?? 0} ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
  }
  const agg = (rows: Row[]) => Object.fromEntries(ROW_KEYS.map((k) => [k, stat(rows.map((r) => r[k]))]));
  summary[label] = { all: agg(all), [`novel_${novelRows}_rows`]: agg(novel) };
  for (const [subset, s] of Object.entries(summary[label]!)) {
    console.log(`${label} ${subset} (${SEEDS.length} seeds): ${Object.entries(s).map(([k, v]) => `${k} ${v.mean.toFixed(4)}±${v.std.toFixed(4)}`).join('  ')}`);
  }
}
console.log(JSON.stringify({ eval: 'model', split: 'valid', seeds: SEEDS, ...summary }));
