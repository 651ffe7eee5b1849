// Check-digit and shape validators for the identifiers that appear on cargo filings.
// A failed check digit is a data-quality signal, not a reason to lose a filing, so these
// return booleans and the caller decides whether to reject or to warn.

const CONTAINER_RE = /^[A-Z]{3}[UJZ]\d{7}$/;

/** ISO 6346 letter values: A=10 and up, skipping multiples of 11 (11, 22, 33). */
function iso6346LetterValue(ch: string): number {
  let value = 10;
  for (let c = 65; c < ch.charCodeAt(0); c++) {
    value++;
    if (value % 11 === 0) value++;
  }
  return value;
}

/** Computes the ISO 6346 check digit of the first ten characters (owner, category, serial). */
export function iso6346CheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10.charAt(i);
    const v = ch >= '0' && ch <= '9' ? Number(ch) : iso6346LetterValue(ch);
    sum += v * 2 ** i;
  }
  return (sum % 11) % 10;
}

export function isContainerNumberShape(value: string): boolean {
  return CONTAINER_RE.test(value);
}

/** True when the container number has the ISO 6346 shape and a correct check digit. */
export function isValidContainerNumber(value: string): boolean {
  if (!CONTAINER_RE.test(value)) return false;
  return iso6346CheckDigit(value.slice(0, 10)) === Number(value.charAt(10));
}

/** IMO ship number: 7 digits, the last is sum(d_i * (7 - i)) mod 10 over the first six. */
export function isValidImoNumber(value: string): boolean {
  const digits = value.replace(/^IMO\s?/i, '');
  if (!/^\d{7}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(digits.charAt(i)) * (7 - i);
  return sum % 10 === Number(digits.charAt(6));
}

export function isImoShape(value: string): boolean {
  return /^(IMO\s?)?\d{7}$/i.test(value);
}

/** HS code: at least the 6-digit international subheading, national extensions up to 10 digits. */
export function isHsCode(value: string): boolean {
  return /^\d{6}(\d{2}){0,2}$/.test(value);
}

/** UN/LOCODE: ISO country code plus three letters or digits 2-9 (no 0/1, to avoid O/I confusion). */
export function isUnLocode(value: string): boolean {
  return /^[A-Z]{2}[A-Z2-9]{3}$/.test(value) && isCountryCode(value.slice(0, 2));
}

// ISO 3166-1 alpha-2, officially assigned codes, plus the user-assigned XK (Kosovo) and ZZ
// (unknown or unspecified country), both common in customs data.
const COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
    'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK ZZ'
  ).split(' '),
);

export function isCountryCode(value: string): boolean {
  return COUNTRIES.has(value);
}

// ISO 4217 active currency codes.
const CURRENCIES = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF ' +
    'CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF ' +
    'GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD ' +
    'LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP ' +
    'PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP ' +
    'TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XCD XCG XOF XPD XPF XPT YER ZAR ZMW ZWG'
  ).split(' '),
);

export function isCurrencyCode(value: string): boolean {
  return CURRENCIES.has(value);
}
