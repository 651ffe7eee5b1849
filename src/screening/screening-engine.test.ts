import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NameIndex } from './name-index.js';
import { compareNames, screenQuery, PRODUCTION_THRESHOLD } from './screening-engine.js';
import { analyseName, nameProblem } from './name-analyzer.js';
import type { WatchlistEntry } from './watchlist-entry.js';

const entry = (id: string, type: WatchlistEntry['type'], names: string[], extra: Partial<WatchlistEntry> = {}): WatchlistEntry => ({
  id,
  list: id.split(':')[0] ?? 'x',
  type,
  names: names.map((name, i) => ({ name, strength: i === 0 ? 'primary' : 'alias' })),
  identifiers: [],
  birthDates: [],
  countries: [],
  programs: [],
  ...extra,
});

const index = new NameIndex([
  entry('ofac:1', 'person', ['AL-ZAWAHIRI, Ayman Muhammad Rabi'], { birthDates: ['1951-06-19'], countries: ['EG'] }),
  entry('ofac:2', 'organization', ['ROMASHKA LIMITED LIABILITY COMPANY']),
  entry('ofac:3', 'vessel', ['SAND SWAN'], { identifiers: [{ kind: 'imo', value: '7406784' }] }),
  entry('ofac:4', 'person', ['KIM, Jong Un']),
  entry('ofac:5', 'person', ['CHANG MYONG-CHIN']),
  entry('un:6', 'person', ['ABDUL SALAM HANAFI']),
  entry('ofac:7', 'organization', ['GLOBAL TRADING LLC']),
]);

const top = (name: string, extra: object = {}) => screenQuery(index, { name, ...extra }, { top: 3 });

describe('name analysis', () => {
  it('folds scripts, case, punctuation, titles and legal forms', () => {
    assert.deepEqual(analyseName('ООО «Ромашка»', 'org').tokens, ['#llc', 'romashka']);
    assert.deepEqual(analyseName('Romashka Limited Liability Company', 'org').tokens, ['romashka', '#llc']);
    assert.deepEqual(analyseName('Dr. Ayman AL-ZAWAHIRI', 'person').tokens, ['ayman', 'al', 'zawahiri']);
    assert.deepEqual(analyseName('SALEK, Abdulhai', 'person').tokens, ['abdulhai', 'salek']);
  });

  it('names bad input clearly', () => {
    assert.equal(nameProblem('   '), 'name is empty');
    assert.match(nameProblem('x'.repeat(10_000)) ?? '', /longer than 500/);
    assert.equal(nameProblem('a\u0001b'), 'name contains control characters');
    assert.equal(nameProblem('🙂🙂'), 'name has no letters or digits');
    assert.equal(nameProblem('Иван Petrov 🙂'), null);
  });
});

describe('matching', () => {
  it('tolerates reordering, missing middle names, typos and transliteration', () => {
    assert.equal(top('Ayman al Zawahri')[0]?.entryId, 'ofac:1');
    assert.equal(top('Айман аль-Завахири')[0]?.entryId, 'ofac:1');
    assert.equal(top('ООО Ромашка', { type: 'organization' })[0]?.entryId, 'ofac:2');
    assert.ok((top('Romashka LLC')[0]?.score ?? 0) >= PRODUCTION_THRESHOLD);
  });

  it('recovers merged and split tokens', () => {
    assert.equal(top('CHANG MYONGC-HIN')[0]?.entryId, 'ofac:5');
    assert.equal(top('ABDULSALAM HANAFI')[0]?.entryId, 'un:6');
  });

  it('explains which tokens aligned and which features moved the score', () => {
    const h = screenQuery(index, { name: 'Ayman Zawahri', type: 'person', birthDate: '1960' }, { top: 1 })[0];
    assert.ok(h);
    assert.ok(h.explanation.aligned.some((a) => a.query === 'zawahri' && a.listed === 'zawahiri' && a.how === 'fuzzy'));
    assert.ok(h.explanation.features.some((f) => f.feature === 'dob_year_mismatch' && f.delta < 0));
    assert.ok(h.score < h.nameScore);
  });

  it('respects entity types', () => {
    assert.equal(top('Sand Swan', { type: 'person' }).length, 0);
    assert.equal(top('Sand Swan', { type: 'vessel' })[0]?.entryId, 'ofac:3');
  });

  it('ranks an exact valid IMO first whatever the name, and does not auto-match a broken check digit', () => {
    const hits = top('OCEAN STAR', { type: 'vessel', identifiers: [{ kind: 'imo', value: 'IMO 7406784' }] });
    assert.equal(hits[0]?.entryId, 'ofac:3');
    assert.equal(hits[0]?.score, 1);
    assert.equal(hits[0]?.identifierMatch, true);
    const bad = top('OCEAN STAR', { type: 'vessel', identifiers: [{ kind: 'imo', value: '7406785' }] });
    assert.ok(bad.every((h) => !h.identifierMatch && h.score < PRODUCTION_THRESHOLD));
  });

  it('keeps different people and companies apart', () => {
    assert.ok(compareNames(index, 'Deutsche Bank AG', 'Deutsche Bank GmbH', 'organization').score < compareNames(index, 'Deutsche Bank AG', 'Deutsche Bank Aktiengesellschaft', 'organization').score);
    assert.ok((top('Kim Jong Il', { type: 'person' })[0]?.score ?? 0) < PRODUCTION_THRESHOLD);
    assert.ok((top('Global Logistics LLC')[0]?.score ?? 0) < PRODUCTION_THRESHOLD);
  });
});
