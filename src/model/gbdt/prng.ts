// Deterministic pseudo-random numbers for training (row and feature subsampling, fold
// assignment). Math.random cannot be seeded; the same seed must give the same model.

/** mulberry32: tiny, fast, and good enough for sampling decisions (not for cryptography). */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of 0..n-1, then the first k, sorted (keeps memory access ordered). */
export function sampleIndices(n: number, k: number, random: () => number): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const take = Math.min(k, n);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (n - i));
    const tmp = all[i]!;
    all[i] = all[j]!;
    all[j] = tmp;
  }
  return all.slice(0, take).sort();
}

/** Each of 0..n-1 kept with probability `rate`, in order: one pass, no shuffle buffer. */
export function bernoulliSample(n: number, rate: number, random: () => number): Int32Array {
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (random() < rate) out[k++] = i;
  return out.subarray(0, k);
}
