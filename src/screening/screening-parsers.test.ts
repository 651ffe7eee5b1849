import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOfacDirectory, parseRemarks } from './ofac-parser.js';
import { parseUnXml } from './un-parser.js';
import { parseFtmLines } from './ftm-parser.js';
import { parseLookoutFile } from './lookout-parser.js';
import { AppError } from '../platform/index.js';

const SDN =
  '2676,"AL ZAWAHIRI, Dr. Ayman","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 19 Jun 1951; POB Giza, Egypt; Passport 1084010 (Egypt); nationality Egypt."\r\n' +
  '4243,"EBANO","vessel","CUBA",-0- ,-0- ,"General Cargo","2595","1865","Panama",-0- ,"Vessel Registration Identification IMO 7406784; f.k.a. \'ANA I\'."\r\n\u001a';
const ALT = '2676,1,"aka","AL-ZAWAHIRI, Ayman",-0- \r\n9999,2,"aka","ORPHAN",-0- \r\n\u001a';

function ofacDir(sdn: string, alt?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ofac-'));
  writeFileSync(join(dir, 'sdn.csv'), sdn);
  if (alt !== undefined) writeFileSync(join(dir, 'alt.csv'), alt);
  return dir;
}

describe('OFAC legacy CSV', () => {
  it('reads entries, remarks facts and aliases, strips 0x1A and -0-', () => {
    const list = parseOfacDirectory(ofacDir(SDN, ALT));
    assert.equal(list.entries.length, 2);
    const p = list.entries[0];
    assert.equal(p?.id, 'ofac:2676');
    assert.equal(p?.type, 'person');
    assert.deepEqual(p?.birthDates, ['1951-06-19']);
    assert.deepEqual(p?.countries, ['EG']);
    assert.deepEqual(p?.identifiers, [{ kind: 'passport', value: '1084010', country: 'EG' }]);
    assert.deepEqual(p?.names.map((n) => n.name), ['AL ZAWAHIRI, Dr. Ayman', 'AL-ZAWAHIRI, Ayman']);
    const v = list.entries[1];
    assert.equal(v?.type, 'vessel');
    assert.deepEqual(v?.identifiers, [{ kind: 'imo', value: '7406784' }]);
    assert.deepEqual(v?.names[1], { name: 'ANA I', strength: 'weak' });
    assert.match(list.warnings.join(' '), /1 alias rows refer to no entry/);
  });

  it('rejects a file with the wrong number of columns, naming the line', () => {
    assert.throws(() => parseOfacDirectory(ofacDir('1,"A","individual"\r\n')), (e: unknown) => e instanceof AppError && /line 1 has 3 columns, expected 12/.test(e.message));
  });

  it('cleans passport numbers out of remark prose', () => {
    const f = parseRemarks('Passport No.: 0310857, (Somalia); Passport L 191609 issued 28 Feb 1996 expires 27 Feb 2001');
    assert.deepEqual(f.identifiers.map((i) => i.value), ['0310857', 'L 191609']);
  });
});

const UN = `<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>
<FIRST_NAME>ERIC</FIRST_NAME><SECOND_NAME>BADEGE</SECOND_NAME><REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>
<NATIONALITY><VALUE>Democratic Republic of the Congo</VALUE></NATIONALITY>
<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>BADEGE</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1971</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>OB0637580</NUMBER></INDIVIDUAL_DOCUMENT>
</INDIVIDUAL></INDIVIDUALS><ENTITIES><ENTITY><DATAID>2</DATAID><FIRST_NAME>ADF</FIRST_NAME><REFERENCE_NUMBER>CDe.001</REFERENCE_NUMBER>
<ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Allied Democratic Forces</ALIAS_NAME></ENTITY_ALIAS></ENTITY></ENTITIES></CONSOLIDATED_LIST>`;

describe('UN consolidated XML', () => {
  it('reads individuals and entities with aliases, dates, documents, nationality', () => {
    const list = parseUnXml(UN);
    assert.equal(list.entries.length, 2);
    const p = list.entries[0];
    assert.equal(p?.id, 'un:CDi.001');
    assert.deepEqual(p?.names, [
      { name: 'ERIC BADEGE', strength: 'primary' },
      { name: 'BADEGE', strength: 'weak' },
    ]);
    assert.deepEqual(p?.birthDates, ['1971']);
    assert.deepEqual(p?.countries, ['CD']);
    assert.deepEqual(p?.identifiers, [{ kind: 'passport', value: 'OB0637580' }]);
    assert.equal(list.entries[1]?.type, 'organization');
  });

  it('reports truncated XML with its line instead of a shorter list', () => {
    assert.throws(() => parseUnXml(UN.slice(0, 400)), (e: unknown) => e instanceof AppError && /truncated file/.test(e.message));
    assert.throws(() => parseUnXml('<CONSOLIDATED_LIST><A></B></CONSOLIDATED_LIST>'), (e: unknown) => e instanceof AppError && /malformed XML at line 1/.test(e.message));
  });
});

describe('FtM and lookouts', () => {
  it('keeps party schemata and skips sanctions and ownerships', () => {
    const text = [
      JSON.stringify({ id: 'P1', schema: 'Person', properties: { name: ['Maria Osetrova'], birthDate: ['1980-01-02'], nationality: ['ru'] } }),
      JSON.stringify({ id: 'S1', schema: 'Sanction', properties: { entity: ['P1'] } }),
    ].join('\n');
    const list = parseFtmLines(text);
    assert.equal(list.entries.length, 1);
    assert.equal(list.entries[0]?.id, 'ftm:P1');
    assert.deepEqual(list.entries[0]?.countries, ['RU']);
    assert.throws(() => parseFtmLines('{"id": 1'), /line 1 is not valid JSON/);
  });

  it('reads lookouts from CSV with owner, reason and expiry, and rejects incomplete ones', () => {
    const ls = parseLookoutFile('id,name,type,owner,reason,expiresAt,aliases\nL1,Acme Export,organization,cbp-nyc,seized ammunition,2030-01-01,Acme Exports;ACME EXP\n');
    assert.equal(ls[0]?.aliases.length, 2);
    assert.throws(() => parseLookoutFile('id,name\nL2,No Owner\n'), /owner/);
  });
});
