import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  iso6346CheckDigit,
  isValidContainerNumber,
  isContainerNumberShape,
  isValidImoNumber,
  isHsCode,
  isUnLocode,
  isCountryCode,
  isCurrencyCode,
} from './identifier-validators.js';

describe('ISO 6346 container numbers', () => {
  it('computes the published example check digits', () => {
    // CSQU3054383 is the worked example of the standard.
    assert.equal(iso6346CheckDigit('CSQU305438'), 3);
    assert.equal(isValidContainerNumber('CSQU3054383'), true);
  });
  it('rejects a wrong check digit but keeps the shape', () => {
    assert.equal(isValidContainerNumber('CSQU3054384'), false);
    assert.equal(isContainerNumberShape('CSQU3054384'), true);
  });
  it('rejects bad shapes', () => {
    for (const bad of ['CSQ3054383', 'CSQX3054383', 'csqu3054383', 'CSQU305438', '']) {
      assert.equal(isValidContainerNumber(bad), false, bad);
    }
  });
  it('maps a check value of 10 to digit 0', () => {
    // Find a serial whose sum mod 11 is 10 and confirm the digit is 0, as the standard says.
    let found = false;
    for (let n = 0; n < 2000 && !found; n++) {
      const first10 = `ABCU${String(n).padStart(6, '0')}`;
      let sum = 0;
      const letters: Record<string, number> = { A: 10, B: 12, C: 13, U: 32 };
      for (let i = 0; i < 10; i++) {
        const ch = first10.charAt(i);
        sum += (letters[ch] ?? Number(ch)) * 2 ** i;
      }
      if (sum % 11 === 10) {
        assert.equal(iso6346CheckDigit(first10), 0);
        found = true;
      }
    }
    assert.ok(found);
  });
});

describe('IMO numbers', () => {
  it('accepts valid numbers with or without prefix', () => {
    assert.equal(isValidImoNumber('9074729'), true);
    assert.equal(isValidImoNumber('IMO 9074729'), true);
    assert.equal(isValidImoNumber('IMO9321483'), true);
  });
  it('rejects a wrong check digit or shape', () => {
    assert.equal(isValidImoNumber('9074728'), false);
    assert.equal(isValidImoNumber('907472'), false);
    assert.equal(isValidImoNumber('90747290'), false);
  });
});

describe('shapes and code lists', () => {
  it('checks HS codes of 6, 8 or 10 digits', () => {
    assert.equal(isHsCode('293339'), true);
    assert.equal(isHsCode('29333990'), true);
    assert.equal(isHsCode('2933399000'), true);
    assert.equal(isHsCode('2933'), false);
    assert.equal(isHsCode('2933399'), false);
    assert.equal(isHsCode('29333A'), false);
  });
  it('checks UN/LOCODEs against the country list', () => {
    assert.equal(isUnLocode('FRLEH'), true);
    assert.equal(isUnLocode('PFPPT'), true);
    assert.equal(isUnLocode('USLGB'), true);
    assert.equal(isUnLocode('QQLEH'), false);
    assert.equal(isUnLocode('FRLE1'), false);
    assert.equal(isUnLocode('frleh'), false);
  });
  it('checks ISO country and currency codes', () => {
    assert.equal(isCountryCode('FR'), true);
    assert.equal(isCountryCode('NC'), true);
    assert.equal(isCountryCode('QQ'), false);
    assert.equal(isCountryCode('ZZ'), true, 'ZZ is the user-assigned unknown-country code');
    assert.equal(isCurrencyCode('EUR'), true);
    assert.equal(isCurrencyCode('XPF'), true);
    assert.equal(isCurrencyCode('EURO'), false);
  });
});
