// The fast path must never disagree with the schema: for any input it either declines (null)
// or gives exactly zod's parse, down to key order (the canonical document and its hash).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateTraffic } from '../app/demo/traffic-generator.js';
import { kcsProfile, KCS_COLUMNS } from '../ingest/index.js';
import { fastParseFiling } from './filing-fast-path.js';
import { filingSchema } from './filing.schema.js';

function check(input: unknown, label: string): 'fast' | 'declined' {
  const fast = fastParseFiling(structuredClone(input));
  const slow = filingSchema.safeParse(structuredClone(input));
  if (fast === null) return 'declined';
  assert.ok(slow.success, `${label}: the fast path accepted what the schema refuses: ${JSON.stringify(input).slice(0, 300)}`);
  assert.equal(JSON.stringify(fast), JSON.stringify(slow.data), `${label}: same document`);
  assert.deepEqual(fast, slow.data, label);
  return 'fast';
}

// A small deterministic generator, so a failure can be replayed.
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slots(value: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i }), slots(v, out)));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key: k });
      slots(v, out);
    }
  }
  return out;
}

const REPLACEMENTS: unknown[] = [
  null,
  '',
  '   ',
  '  padded  ',
  'Cafe\u0301 Société',
  'bad\u0007bell',
  '\uD800lone',
  'x'.repeat(2001),
  -1,
  0,
  1.5,
  1e9,
  Number.NaN,
  true,
  [],
  {},
  'FR',
  'ZZ',
  'EUR',
  '847130',
  '84713',
  'FRLEH',
  '2026-02-30T00:00:00Z',
  '2026-01-01T00:00:00+0200',
  '2026-01-01T10:00:00.123456Z',
  '2026-01-01T10:00Z',
  '2026-01-01',
  'AF006',
  'MSCU4553042',
  '9839430',
  'IMO9839430',
  'sea',
  'consignee',
  'eori',
];

describe('filing validation fast path', () => {
  const traffic = generateTraffic({ seed: 11, baseDate: '2026-11-26', days: 2, perDay: 600 }).map((t) => t.filing);
  const kcsRow = '97061800,2020-01-01,30,B,11,21,11,10,ZZR1LT6,QLRUBN9,0VKY2BR,,440890,BE,BE,0.0,FEU1,G,108.0,372254.4,1,2'.split(',');
  const kcs = kcsProfile.toFiling(Object.fromEntries([...KCS_COLUMNS, 'Fraud', 'Critical Fraud'].map((c, i) => [c, kcsRow[i] ?? ''])));

  it('takes every well-formed filing of the demo traffic and a KCS declaration, as zod parses them', () => {
    for (const [i, f] of [...traffic, kcs].entries()) assert.equal(check(f, `filing ${i}`), 'fast', `filing ${i} should take the fast path`);
  });

  it('never disagrees with the schema on damaged filings', () => {
    const rand = rng(42);
    let fast = 0;
    let declined = 0;
    for (let n = 0; n < 6000; n++) {
      const input: unknown = structuredClone(traffic[Math.floor(rand() * traffic.length)]);
      const edits = 1 + Math.floor(rand() * 2);
      for (let e = 0; e < edits; e++) {
        const all = slots(input);
        const slot = all[Math.floor(rand() * all.length)];
        if (!slot) continue;
        const what = rand();
        if (what < 0.15 && !Array.isArray(slot.parent)) Reflect.deleteProperty(slot.parent, slot.key);
        else if (what < 0.22 && !Array.isArray(slot.parent)) Reflect.set(slot.parent, 'unexpected', 1);
        else if (what < 0.27) Reflect.set(slot.parent, slot.key, undefined);
        else Reflect.set(slot.parent, slot.key, structuredClone(REPLACEMENTS[Math.floor(rand() * REPLACEMENTS.length)]));
      }
      if (check(input, `damaged #${n}`) === 'fast') fast++;
      else declined++;
    }
    // both outcomes occur: the test exercises the agreement, not only the fallback
    assert.ok(fast > 500 && declined > 500, `fast ${fast}, declined ${declined}`);
  });
});
