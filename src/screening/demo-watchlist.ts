// A few real OFAC SDN entries (2024-05 publication, US government work, public domain), so a
// demo node screens something without the full list, and the planted consignee for the demo
// traffic: a listed entity written the way a careless filer would.
import type { ParsedList } from './watchlist-entry.js';

export function demoWatchlistSample(): ParsedList {
  return {
    list: 'ofac',
    warnings: ['demo sample: 5 entries of the OFAC SDN list of 2024-05-03, not the full list'],
    entries: [
      {
        id: 'ofac:9345',
        list: 'ofac',
        type: 'organization',
        names: [
          { name: 'KOREA MINING DEVELOPMENT TRADING CORPORATION', strength: 'primary' },
          { name: 'KOMID', strength: 'weak' },
          { name: 'NORTH KOREAN MINING DEVELOPMENT TRADING CORPORATION', strength: 'alias' },
          { name: 'CHANGGWANG SINYONG CORPORATION', strength: 'alias' },
          { name: 'EXTERNAL TECHNOLOGY GENERAL CORPORATION', strength: 'alias' },
          { name: 'KOREA KUMRYONG TRADING COMPANY', strength: 'alias' },
          { name: 'KOREAN MINING AND INDUSTRIAL DEVELOPMENT CORPORATION', strength: 'alias' },
        ],
        identifiers: [],
        birthDates: [],
        countries: ['KP'],
        programs: ['NPWMD', 'DPRK2'],
      },
      {
        id: 'ofac:25396',
        list: 'ofac',
        type: 'organization',
        names: [
          { name: 'ISLAMIC REPUBLIC OF IRAN SHIPPING LINES', strength: 'primary' },
          { name: 'IRISL', strength: 'alias' },
        ],
        identifiers: [],
        birthDates: [],
        countries: ['IR'],
        programs: ['IRAN', 'NPWMD', 'IFSR', 'IFCA'],
      },
      {
        id: 'ofac:12927',
        list: 'ofac',
        type: 'organization',
        names: [
          { name: 'MAHAN AIR', strength: 'primary' },
          { name: 'MAHAN AIR CO.', strength: 'alias' },
        ],
        identifiers: [],
        birthDates: [],
        countries: ['IR'],
        programs: ['SDGT', 'NPWMD', 'IFSR'],
      },
      {
        id: 'ofac:306',
        list: 'ofac',
        type: 'organization',
        names: [
          { name: 'BANCO NACIONAL DE CUBA', strength: 'primary' },
          { name: 'BNC', strength: 'weak' },
          { name: 'NATIONAL BANK OF CUBA', strength: 'alias' },
        ],
        identifiers: [],
        birthDates: [],
        countries: ['CU'],
        programs: ['CUBA'],
      },
      {
        id: 'ofac:4243',
        list: 'ofac',
        type: 'vessel',
        names: [
          { name: 'EBANO', strength: 'primary' },
          { name: 'ANA I', strength: 'weak' },
          { name: 'SAND SWAN', strength: 'weak' },
        ],
        identifiers: [{ kind: 'imo', value: '7406784' }],
        birthDates: [],
        countries: ['PA'],
        programs: ['CUBA'],
      },
    ],
  };
}

export interface PlantedConsignee {
  /** the name to write on the demo filing */
  name: string;
  country: string;
  /** the list entry it must be caught against */
  entryId: string;
  listedName: string;
}

/**
 * An OFAC-listed entity in a variant spelling (typos, abbreviated legal form), for the demo
 * generator's planted consignee. Screening catches it above the production threshold,
 * with the alignment as explanation.
 */
export function demoPlantedConsignee(): PlantedConsignee {
  return {
    name: 'Korea Minning Developement Trading Corp.',
    country: 'KP',
    entryId: 'ofac:9345',
    listedName: 'KOREA MINING DEVELOPMENT TRADING CORPORATION',
  };
}
