// Reference vocabulary for name analysis: company legal forms, generic company words across
// languages, person honorifics and name particles. Everything is written in the folded form the
// normaliser produces (ASCII, lower case, apostrophes removed, other punctuation as spaces), so
// transliterated Cyrillic ("obshchestvo s ogranichennoy otvetstvennostyu") matches too.

/** Legal-form phrases mapped to a generic class, so that LLC ≈ OOO ≈ "limited liability company". */
const LEGAL_FORMS: Record<string, string[]> = {
  llc: [
    'llc', 'l l c', 'limited liability company', 'limited liability co', 'ooo', 'o o o', 'too', 'tov', 't o v',
    'obshchestvo s ogranichennoy otvetstvennostyu', 'obshchestvo s ogranichennoi otvetstvennostiu',
    'obschestvo s ogranichennoy otvetstvennostyu', 'tovaristvo z obmezhenoyu vidpovidalnistyu',
    'tovarystvo z obmezhenoiu vidpovidalnistiu', 'gmbh', 'g m b h', 'gesellschaft mit beschrankter haftung',
    'sarl', 's a r l', 'srl', 's r l', 'sp z o o', 'spzoo', 'sro', 's r o', 'limitada', 'ltda', 'eurl',
    'sociedad de responsabilidad limitada', 'societe a responsabilite limitee', 'mchj', 'fz llc', 'fzllc',
    'youxiangongsi', 'you xian gong si', 'sherkat ba masouliat mahdoud',
  ],
  jsc: [
    'jsc', 'j s c', 'joint stock company', 'ao', 'a o', 'zao', 'z a o', 'oao', 'o a o', 'pao', 'p a o',
    'ojsc', 'cjsc', 'pjsc', 'aktsionernoe obshchestvo', 'aktsionernoye obshchestvo',
    'publichnoe aktsionernoe obshchestvo', 'zakrytoe aktsionernoe obshchestvo', 'otkrytoe aktsionernoe obshchestvo',
    'open joint stock company', 'closed joint stock company', 'public joint stock company', 'ag', 'a g',
    'aktiengesellschaft', 'sa', 's a', 'sociedad anonima', 'societe anonyme', 'spa', 's p a', 'societa per azioni',
    'nv', 'n v', 'as', 'a s', 'ab', 'oyj', 'kk', 'kabushiki kaisha', 'zhushihuishe', 'pt', 'tbk', 'sak', 'pjs',
    'sherkat sahami khass', 'sherkat sahami aam', 'psc', 'qsc', 'qpsc', 'saog', 'saoc',
  ],
  ltd: ['ltd', 'l t d', 'limited', 'pty ltd', 'pvt ltd', 'private limited', 'bhd', 'sdn bhd', 'pte ltd', 'pte', 'bv', 'b v', 'besloten vennootschap'],
  inc: ['inc', 'incorporated', 'corp', 'corporation', 'korporatsiya', 'corporacion'],
  plc: ['plc', 'p l c', 'public limited company'],
  co: ['co', 'company', 'compania', 'cia', 'compagnie', 'cie', 'kompaniya', 'kompaniia', 'sherkat', 'shirkat', 'gongsi', 'firma', 'firm'],
  llp: ['llp', 'lp', 'limited partnership', 'limited liability partnership', 'kg', 'gmbh co kg', 'ohg', 'snc'],
  fze: ['fze', 'fzco', 'fzc', 'fz co', 'free zone establishment', 'free zone company'],
};

/** Generic company words in several languages, mapped to one symbol and weighted down. */
const ORG_SYMBOLS: Record<string, string[]> = {
  bank: ['bank', 'banco', 'banque', 'banka', 'bankasi', 'bonk'],
  national: ['national', 'nacional', 'nationale', 'nazionale', 'natsionalnyi', 'natsionalny', 'melli', 'milli'],
  trading: ['trading', 'trade', 'traders', 'commercial', 'comercial', 'commerce', 'comercio', 'ticaret', 'tejarat', 'torgovyi', 'torgovy', 'bazargani'],
  international: ['international', 'internacional', 'internationale', 'intl', 'mezhdunarodnyi', 'beynolmelal', 'uluslararasi'],
  group: ['group', 'grupo', 'groupe', 'gruppa', 'grup', 'grp'],
  holding: ['holding', 'holdings', 'kholding'],
  industry: ['industry', 'industries', 'industrial', 'industria', 'industrias', 'industrie', 'sanaye', 'sanayi', 'promyshlennyi'],
  shipping: ['shipping', 'maritime', 'marine', 'navigation', 'navegacion', 'kashtiranie', 'denizcilik'],
  services: ['services', 'service', 'servicios', 'srvces', 'svcs', 'uslugi', 'khadamat'],
  technology: ['technology', 'technologies', 'tech', 'tekhnologii', 'tecnologia', 'fanavari'],
  import: ['import', 'importers', 'importacion', 'export', 'exporters', 'exportacion', 'impex'],
  enterprise: ['enterprise', 'enterprises', 'empresa', 'entreprise', 'predpriyatie'],
  engineering: ['engineering', 'ingenieria', 'muhandisi', 'mohandesi'],
  investment: ['investment', 'investments', 'inversiones', 'investitsii', 'sarmayeh', 'sarmayeh gozari'],
  development: ['development', 'desarrollo', 'razvitie', 'tose'],
  general: ['general', 'generale', 'generales'],
  petroleum: ['petroleum', 'oil', 'petrol', 'petroleo', 'neft', 'naft', 'neftegaz'],
};

/** Titles and honorifics that say nothing about who a person is. */
export const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'dame', 'sheikh', 'shaykh', 'sheik', 'shaikh', 'haji', 'hajji',
  'alhaj', 'alhajj', 'mullah', 'mulla', 'maulavi', 'mawlawi', 'maulvi', 'mawlavi', 'maulana', 'qari', 'imam',
  'gen', 'general', 'col', 'colonel', 'maj', 'major', 'capt', 'captain', 'lt', 'brig', 'brigadier', 'admiral',
  'mme', 'mlle', 'monsieur', 'madame', 'herr', 'frau', 'senor', 'senora', 'don', 'dona', 'hon', 'rev',
]);

/** Particles inside names (Arabic article, patronymic links, nobiliary particles): kept, weighted down. */
export const PARTICLES = new Set([
  'al', 'el', 'ul', 'ur', 'ud', 'ad', 'ar', 'as', 'at', 'an', 'bin', 'ben', 'ibn', 'bint', 'binti', 'bte', 'ould',
  'de', 'da', 'do', 'dos', 'das', 'del', 'della', 'di', 'du', 'der', 'den', 'van', 'von', 'la', 'le', 'les', 'y',
  'the', 'of', 'for', 'and',
]);

/** Prefixes on vessel names (M/V, MT…), dropped before matching. */
export const VESSEL_PREFIXES = new Set(['mv', 'm v', 'mt', 'm t', 'ms', 'm s', 'ss', 'fv', 'sv', 'mts', 'mst', 'mtv']);

export interface PhraseRule {
  tokens: string[];
  symbol: string;
  kind: 'legal' | 'org';
}

function buildRules(table: Record<string, string[]>, kind: PhraseRule['kind']): PhraseRule[] {
  const rules: PhraseRule[] = [];
  for (const [symbol, phrases] of Object.entries(table)) {
    for (const p of phrases) rules.push({ tokens: p.split(' '), symbol, kind });
  }
  return rules;
}

/** Phrase rules, longest first so that "limited liability company" wins over "company". */
export const PHRASE_RULES: PhraseRule[] = [...buildRules(LEGAL_FORMS, 'legal'), ...buildRules(ORG_SYMBOLS, 'org')].sort(
  (a, b) => b.tokens.length - a.tokens.length,
);

/** First token → rules starting with it, for a quick scan. */
export const PHRASE_INDEX: Map<string, PhraseRule[]> = (() => {
  const m = new Map<string, PhraseRule[]>();
  for (const r of PHRASE_RULES) {
    const first = r.tokens[0] ?? '';
    const list = m.get(first) ?? [];
    list.push(r);
    m.set(first, list);
  }
  return m;
})();
