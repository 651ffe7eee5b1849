import { randomBytes, createHash } from 'node:crypto';

/**
 * Time-ordered identifiers (UUIDv7 layout): sortable by creation, unique across processes,
 * and index-friendly on both SQLite and PostgreSQL.
 */
// Random bytes are drawn in blocks: one syscall per 4,096 ids instead of one per id.
let pool = Buffer.alloc(0);
let poolOffset = 0;
function random16(): Buffer {
  if (poolOffset + 16 > pool.length) {
    pool = randomBytes(16 * 4096);
    poolOffset = 0;
  }
  const out = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return out;
}

export function newId(now: number = Date.now()): string {
  const bytes = random16();
  const ms = BigInt(now);
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A deterministic id derived from content: the same input always gives the same id. */
export function contentId(...parts: string[]): string {
  return sha256Hex(parts.join('\u001f')).slice(0, 32);
}
