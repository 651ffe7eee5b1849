// A small seeded PRNG (mulberry32) so demo traffic is the same for the same seed.
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** Log-normal around a median, for prices and masses. */
  around(median: number, spread: number): number;
}

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick<T>(items: readonly T[]): T {
      const v = items[Math.floor(next() * items.length)];
      if (v === undefined) throw new Error('pick from an empty list');
      return v;
    },
    chance: (p) => next() < p,
    around: (median, spread) => {
      // Box-Muller normal, then exp for a log-normal
      const u = Math.max(next(), 1e-12);
      const v = next();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      return median * Math.exp(z * spread);
    },
  };
}
