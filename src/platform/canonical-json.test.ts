import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, contentHash } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys and drops white space', () => {
    assert.equal(canonicalJson({ b: 1, a: [2, { d: 1, c: 'x' }] }), '{"a":[2,{"c":"x","d":1}],"b":1}');
  });
  it('serialises numbers in shortest form, as RFC 8785 requires', () => {
    assert.equal(canonicalJson([1e21, 0.1, -0, 100]), '[1e+21,0.1,0,100]');
  });
  it('sorts keys by UTF-16 code units', () => {
    assert.equal(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, a: 4 }), '{"\\r":2,"a":4,"\u20ac":1,"\ud83d\ude00":3}');
  });
  it('refuses non-finite numbers', () => {
    assert.throws(() => canonicalJson({ x: Number.NaN }));
  });
  it('gives equal hashes for equal content in any key order', () => {
    assert.equal(contentHash({ x: 1, y: [1, 2] }), contentHash({ y: [1, 2], x: 1 }));
    assert.notEqual(contentHash({ x: 1 }), contentHash({ x: 2 }));
  });
});
