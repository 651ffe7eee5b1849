// A small synthetic labelled set for tests: importers with a fixed fault propensity, goods
// combinations that repeat, dates spread over a year.
import { createPrng } from '../gbdt/prng.js';
import type { Outcome } from '../features/feature-builder.js';
import type { FilingKeys } from '../features/filing-keys.js';

export function tinyLabelledSet(n: number, seed: number, firstDay = 18262): { keys: FilingKeys[]; outcomes: Outcome[] } {
  const random = createPrng(seed);
  const keys: FilingKeys[] = [];
  const outcomes: Outcome[] = [];
  for (let i = 0; i < n; i++) {
    const imp = Math.floor(random() * 20);
    const hs = ['851712', '610910', '300490', '940360'][Math.floor(random() * 4)]!;
    const mass = [10, 25, 100, 250][Math.floor(random() * 4)]!;
    const fraud = random() < (imp < 5 ? 0.8 : 0.1) || (hs === '300490' && mass === 10);
    keys.push({
      reference: `R${seed}-${i}`,
      day: firstDay + Math.floor((i / n) * 360),
      mode: 'sea',
      office: String(10 + (i % 3)),
      importer: `trader_code:IMP${imp}`,
      declarant: `trader_code:DEC${imp % 4}`,
      seller: random() < 0.2 ? undefined : `trader_code:SEL${Math.floor(random() * 10)}`,
      hs6: hs,
      origin: random() < 0.5 ? 'CN' : 'VN',
      departure: 'CN',
      taxType: 'A',
      taxRate: 8,
      mass,
      value: mass * 120,
    });
    outcomes.push({ fraud, critical: fraud && random() < 0.2 });
  }
  return { keys, outcomes };
}
