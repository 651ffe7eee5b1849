// Model bench: train the fraud risk model on the KCS training split (validation split used only
// for early stopping) and measure scoring throughput. The last stdout line is the JSON summary.
// Times are wall clock and CPU (user+system) of this process: the machine is shared, so CPU time
// is the fairer "one core" figure when other work is running; the load average is printed too.
import { availableParallelism, loadavg } from 'node:os';
import { FEATURE_NAMES, predict, readProfileFile, scoreBatch, scoringFeatures, trainRiskModel, type Outcome } from '../src/model/index.js';

const DATA = process.env.KCS_DIR ?? '/work/shared/data/kcs';
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
const labelled = (o: Array<Outcome | undefined>): Outcome[] => o.map((x) => x ?? { fraud: false, critical: false });

let t = performance.now();
let c = process.cpuUsage();
const train = await readProfileFile(`${DATA}/kcs_train.csv`, 'kcs');
const valid = await readProfileFile(`${DATA}/kcs_valid.csv`, 'kcs');
const readS = (performance.now() - t) / 1000;
console.log(`read + validate ${train.keys.length} + ${valid.keys.length} rows: ${readS.toFixed(1)} s wall, ${cpuSeconds(c).toFixed(1)} s cpu`);

t = performance.now();
c = process.cpuUsage();
const model = trainRiskModel({
  label: 'fraud',
  train: { keys: train.keys, outcomes: labelled(train.outcomes) },
  valid: { keys: valid.keys, outcomes: labelled(valid.outcomes) },
  seed: 1,
});
const trainS = (performance.now() - t) / 1000;
const trainCpuS = cpuSeconds(c);
console.log(`train (features, main model ${model.training.rounds} rounds, novel specialist ${model.training.novelRounds ?? 0} rounds): ${trainS.toFixed(1)} s wall, ${trainCpuS.toFixed(1)} s cpu`);
console.log(`validation PR-AUC ${model.validation?.all.prAuc.toFixed(4)}, ROC-AUC ${model.validation?.all.rocAuc.toFixed(4)}`);

// Rows/s over repeated passes: one untimed warm-up pass (JIT), then `reps` timed passes; the
// median pass is reported (the machine is shared, so single passes are noisy), with CPU time.
function rowsPerSecond(rows: number, reps: number, pass: () => void): { median: number; best: number; cpu: number } {
  pass();
  const rates: number[] = [];
  const c0 = process.cpuUsage();
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    pass();
    rates.push(rows / ((performance.now() - t0) / 1000));
  }
  const cpu = (reps * rows) / cpuSeconds(c0);
  rates.sort((a, b) => a - b);
  return { median: rates[rates.length >> 1]!, best: rates[rates.length - 1]!, cpu };
}

// End-to-end scoring of the later (validation) split from parsed filings: history lookups, features, both models.
const e2e = rowsPerSecond(valid.keys.length, 5, () => scoreBatch(model, valid.keys));
console.log(`score (features + trees, validation split) 5x${valid.keys.length} rows: median ${Math.round(e2e.median)} rows/s wall, ${Math.round(e2e.cpu)} rows/s cpu`);

// Tree inference alone on a prepared feature matrix (the tight typed-array loop): the
// score_rows_per_s figure. End-to-end (history lookups + features + trees) is reported beside it.
const x = scoringFeatures(valid.keys, model.spec, model.history);
const reps = 20;
const infer = rowsPerSecond(x.nRows, reps, () => predict(model.gbdt, x));
console.log(
  `tree inference only (${model.gbdt.roots.length} trees, ${FEATURE_NAMES.length} features) ${reps}x${x.nRows} rows: median ${Math.round(infer.median)} rows/s wall (best ${Math.round(infer.best)}), ${Math.round(infer.cpu)} rows/s cpu`,
);
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);

console.log(
  JSON.stringify({
    bench: 'model',
    train_s: Number(trainS.toFixed(2)),
    train_cpu_s: Number(trainCpuS.toFixed(2)),
    read_s: Number(readS.toFixed(2)),
    score_rows_per_s: Math.round(infer.median),
    score_end_to_end_rows_per_s: Math.round(e2e.median),
    score_end_to_end_rows_per_s_cpu: Math.round(e2e.cpu),
    score_rows_per_s_cpu: Math.round(infer.cpu),
    load_avg_1m: Number(loadavg()[0]!.toFixed(2)),
    valid_pr_auc: Number((model.validation?.all.prAuc ?? Number.NaN).toFixed(4)),
  }),
);
