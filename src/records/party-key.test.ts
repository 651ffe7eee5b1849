import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { foldName, partyKey } from './party-key.js';

/** The general folding rule, without the ASCII shortcut or the memory. */
function reference(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

describe('party key', () => {
  it('folds every name as the general rule does, ASCII shortcut or not', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const extra = ['é', 'Ü', 'ß', 'ﬁ', '–', 'İ', '東', '٣', '\u0301'];
    for (let n = 0; n < 3000; n++) {
      let name = '';
      const len = 1 + Math.floor(rnd() * 30);
      for (let i = 0; i < len; i++) name += rnd() < 0.9 ? String.fromCharCode(0x20 + Math.floor(rnd() * 95)) : extra[Math.floor(rnd() * extra.length)];
      assert.equal(foldName(name), reference(name), JSON.stringify(name));
      assert.equal(foldName(name), reference(name), 'remembered the same');
    }
  });

  it('prefers a registered identifier, else the folded name and country', () => {
    assert.equal(partyKey({ name: 'Société Générale', country: 'FR', identifiers: [] }), 'name:SOCIETE GENERALE|FR');
    assert.equal(partyKey({ name: 'Acme, Inc.', identifiers: [] }), 'name:ACME INC|');
    assert.equal(partyKey({ name: 'x', identifiers: [{ scheme: 'eori', value: 'fr123' }] }), 'eori:FR123');
  });
});
