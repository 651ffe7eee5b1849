// Random control selection: a small share of green filings is inspected anyway, so finding
// rates can be measured without the bias of risk-based selection. The draw is a hash of a
// seed and the filing id: deterministic (a redelivered or swept assessment draws the same),
// reproducible for an auditor who knows the seed, and unpredictable to a filer who does not.
import { sha256Hex } from '../platform/index.js';

/** A uniform number in [0, 1) for this seed and filing. */
export function controlDraw(seed: string, filingId: string): number {
  const hex = sha256Hex(`${seed}\u001f${filingId}`).slice(0, 13); // 52 bits fit a double exactly
  return parseInt(hex, 16) / 2 ** 52;
}

export function isRandomControl(seed: string, rate: number, filingId: string): boolean {
  return rate > 0 && controlDraw(seed, filingId) < rate;
}
