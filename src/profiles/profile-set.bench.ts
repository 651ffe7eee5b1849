// Throughput of ActiveProfileSet.evaluate at 50, 500 and 5,000 generated profiles.
// Run: node --import tsx src/profiles/profile-set.bench.ts  (last stdout line is JSON)
import { buildProfileSet } from './profile-set.js';
import { generateBenchmarkFilings, generateBenchmarkProfiles } from './benchmark-profiles.js';
import type { HistoryView } from './profile-types.js';

const NOW = new Date('2026-11-26T10:00:00Z');
const history: HistoryView = {
  partyFirstSeenDays: () => 40,
  partyFilingCount: () => 3,
  partyInspectionCount: () => 1,
  partyFindingCount: () => 0,
  medianValuePerKg: () => 30,
};
const filings = generateBenchmarkFilings(5000, 42, NOW);
const result: Record<string, number | string> = { bench: 'profiles' };

for (const n of [50, 500, 5000]) {
  const set = buildProfileSet(generateBenchmarkProfiles(n, 1));
  let hits = 0;
  for (const filing of filings) hits += set.evaluate({ filing, history, now: NOW }).hits.length; // warm-up
  const rounds = 4;
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const filing of filings) {
      const t0 = process.hrtime.bigint();
      set.evaluate({ filing, history, now: NOW });
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  // The machine is shared: CPU time of this process is the fairer measure of one core's rate.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  latencies.sort((a, b) => a - b);
  const perS = Math.round((rounds * filings.length) / seconds);
  const perCpuS = Math.round((rounds * filings.length) / cpuSeconds);
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
  console.log(`${n} profiles: ${perS} evaluations/s wall, ${perCpuS} per CPU-second, p99 ${p99.toFixed(3)} ms, ${(hits / filings.length).toFixed(2)} hits/filing, unindexed ${set.stats.unindexed}`);
  result[`per_s_${n}`] = perS;
  result[`per_cpu_s_${n}`] = perCpuS;
  result[`p99_ms_${n}`] = Number(p99.toFixed(4));
}
console.log(JSON.stringify(result));
