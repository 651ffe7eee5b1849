import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deriveMarking, exceedsMarking, isAtLeastAsStrict, stricterMarking, TLP_LEVELS, PAP_LEVELS, type Marking } from './markings.js';

const all: Marking[] = TLP_LEVELS.flatMap((tlp) => PAP_LEVELS.map((pap) => ({ tlp, pap })));

describe('markings', () => {
  it('takes the stricter marking on each scale', () => {
    assert.deepEqual(stricterMarking({ tlp: 'AMBER+STRICT', pap: 'CLEAR' }, { tlp: 'GREEN', pap: 'RED' }), {
      tlp: 'AMBER+STRICT',
      pap: 'RED',
    });
  });

  it('never derives a marking weaker than any source, whatever the request (exhaustive)', () => {
    for (const a of all) {
      for (const b of all) {
        for (const requested of [undefined, { tlp: 'CLEAR', pap: 'CLEAR' } as const, b]) {
          const d = deriveMarking([{ marking: a }, { marking: b }], requested);
          assert.ok(isAtLeastAsStrict(d.marking, a), `weaker than ${JSON.stringify(a)}`);
          assert.ok(isAtLeastAsStrict(d.marking, b), `weaker than ${JSON.stringify(b)}`);
          if (requested) assert.ok(isAtLeastAsStrict(d.marking, requested));
        }
      }
    }
  });

  it('keeps every handling caveat of the sources', () => {
    const d = deriveMarking([
      { marking: { tlp: 'GREEN', pap: 'GREEN' }, caveats: ['no onward transfer without consent'] },
      { marking: { tlp: 'RED', pap: 'AMBER' }, caveats: ['customs use only'] },
    ]);
    assert.deepEqual(d.marking, { tlp: 'RED', pap: 'AMBER' });
    assert.deepEqual(d.caveats, ['customs use only', 'no onward transfer without consent']);
  });

  it('detects a marking above an agreement maximum', () => {
    assert.equal(exceedsMarking({ tlp: 'RED', pap: 'CLEAR' }, { tlp: 'AMBER', pap: 'RED' }), true);
    assert.equal(exceedsMarking({ tlp: 'AMBER', pap: 'AMBER' }, { tlp: 'AMBER', pap: 'RED' }), false);
  });
});
