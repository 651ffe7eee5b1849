// Reference data for the demo traffic: lanes, traders and goods of the France–US cooperation.
// Every company name here is fictional, except the planted sanctioned entity (from the public
// OFAC SDN list) which the screening context must catch under a variant spelling.

export interface Lane {
  mode: 'sea' | 'air';
  kinds: readonly ('sea_manifest' | 'air_master_waybill' | 'air_house_waybill' | 'express_consignment' | 'postal_parcel' | 'ecommerce_parcel')[];
  loading: string; // UN/LOCODE
  discharge: string;
  routing: readonly string[];
  transitDays: number;
  weight: number;
}

export const LANES: readonly Lane[] = [
  { mode: 'sea', kinds: ['sea_manifest'], loading: 'CNSHA', discharge: 'FRLEH', routing: ['CN', 'SG', 'FR'], transitDays: 32, weight: 14 },
  { mode: 'sea', kinds: ['sea_manifest'], loading: 'CNNGB', discharge: 'FRFOS', routing: ['CN', 'MY', 'FR'], transitDays: 30, weight: 8 },
  { mode: 'sea', kinds: ['sea_manifest'], loading: 'VNSGN', discharge: 'FRLEH', routing: ['VN', 'SG', 'FR'], transitDays: 28, weight: 4 },
  { mode: 'sea', kinds: ['sea_manifest'], loading: 'INNSA', discharge: 'FRFOS', routing: ['IN', 'AE', 'FR'], transitDays: 20, weight: 4 },
  { mode: 'sea', kinds: ['sea_manifest'], loading: 'FRLEH', discharge: 'USEWR', routing: ['FR', 'US'], transitDays: 9, weight: 8 },
  { mode: 'sea', kinds: ['sea_manifest'], loading: 'FRFOS', discharge: 'USEWR', routing: ['FR', 'ES', 'US'], transitDays: 12, weight: 3 },
  { mode: 'sea', kinds: ['sea_manifest'], loading: 'CNSHA', discharge: 'USLAX', routing: ['CN', 'US'], transitDays: 16, weight: 12 },
  { mode: 'sea', kinds: ['sea_manifest'], loading: 'CNYTN', discharge: 'USLGB', routing: ['CN', 'US'], transitDays: 15, weight: 8 },
  { mode: 'sea', kinds: ['sea_manifest'], loading: 'MXZLO', discharge: 'USLAX', routing: ['MX', 'US'], transitDays: 4, weight: 3 },
  { mode: 'sea', kinds: ['sea_manifest'], loading: 'USLAX', discharge: 'PFPPT', routing: ['US', 'PF'], transitDays: 12, weight: 2 },
  { mode: 'sea', kinds: ['sea_manifest'], loading: 'AUSYD', discharge: 'NCNOU', routing: ['AU', 'NC'], transitDays: 5, weight: 2 },
  { mode: 'sea', kinds: ['sea_manifest'], loading: 'CNSHA', discharge: 'NCNOU', routing: ['CN', 'NC'], transitDays: 18, weight: 1 },
  { mode: 'air', kinds: ['air_master_waybill', 'air_house_waybill'], loading: 'USJFK', discharge: 'FRCDG', routing: ['US', 'FR'], transitDays: 1, weight: 6 },
  { mode: 'air', kinds: ['air_master_waybill', 'air_house_waybill'], loading: 'FRCDG', discharge: 'USJFK', routing: ['FR', 'US'], transitDays: 1, weight: 6 },
  { mode: 'air', kinds: ['air_house_waybill', 'express_consignment'], loading: 'CNPVG', discharge: 'FRCDG', routing: ['CN', 'FR'], transitDays: 1, weight: 6 },
  { mode: 'air', kinds: ['express_consignment'], loading: 'HKHKG', discharge: 'USJFK', routing: ['HK', 'US'], transitDays: 1, weight: 5 },
  { mode: 'air', kinds: ['ecommerce_parcel', 'postal_parcel'], loading: 'CNCAN', discharge: 'FRCDG', routing: ['CN', 'FR'], transitDays: 2, weight: 7 },
  { mode: 'air', kinds: ['ecommerce_parcel', 'postal_parcel'], loading: 'CNSZX', discharge: 'USJFK', routing: ['CN', 'US'], transitDays: 2, weight: 7 },
  { mode: 'air', kinds: ['air_house_waybill'], loading: 'USLAX', discharge: 'PFPPT', routing: ['US', 'PF'], transitDays: 1, weight: 1 },
];

export interface Goods {
  hs: string;
  description: string;
  /** typical value per kg in EUR/USD and typical mass of a consignment */
  valuePerKg: number;
  massKg: number;
  origins: readonly string[];
}

export const GOODS: readonly Goods[] = [
  { hs: '847130', description: 'portable computers', valuePerKg: 180, massKg: 800, origins: ['CN', 'VN', 'TW'] },
  { hs: '851712', description: 'mobile phones', valuePerKg: 450, massKg: 300, origins: ['CN', 'VN', 'IN'] },
  { hs: '610910', description: 'cotton T-shirts, knitted', valuePerKg: 14, massKg: 2500, origins: ['CN', 'BD', 'VN', 'IN'] },
  { hs: '620342', description: "men's cotton trousers", valuePerKg: 18, massKg: 2000, origins: ['CN', 'BD', 'PK'] },
  { hs: '640399', description: 'leather footwear', valuePerKg: 30, massKg: 1500, origins: ['CN', 'VN', 'IT'] },
  { hs: '940360', description: 'wooden furniture', valuePerKg: 4, massKg: 6000, origins: ['CN', 'VN', 'MY'] },
  { hs: '870899', description: 'motor vehicle parts', valuePerKg: 12, massKg: 5000, origins: ['CN', 'DE', 'MX', 'FR'] },
  { hs: '220421', description: 'wine of fresh grapes, in bottles', valuePerKg: 9, massKg: 9000, origins: ['FR'] },
  { hs: '330300', description: 'perfumes and toilet waters', valuePerKg: 95, massKg: 700, origins: ['FR'] },
  { hs: '300490', description: 'medicaments, packaged', valuePerKg: 220, massKg: 400, origins: ['FR', 'US', 'IN'] },
  { hs: '880330', description: 'aircraft parts', valuePerKg: 400, massKg: 600, origins: ['FR', 'US'] },
  { hs: '950300', description: 'toys', valuePerKg: 8, massKg: 3000, origins: ['CN'] },
  { hs: '392690', description: 'articles of plastics', valuePerKg: 6, massKg: 4000, origins: ['CN', 'VN'] },
  { hs: '030617', description: 'frozen shrimps and prawns', valuePerKg: 9, massKg: 12000, origins: ['IN', 'VN', 'EC'] },
  { hs: '090121', description: 'roasted coffee', valuePerKg: 12, massKg: 5000, origins: ['BR', 'CO', 'VN'] },
  { hs: '732690', description: 'articles of iron or steel', valuePerKg: 5, massKg: 7000, origins: ['CN', 'IN', 'TR'] },
  { hs: '848180', description: 'taps and valves', valuePerKg: 25, massKg: 1200, origins: ['CN', 'IT', 'DE'] },
  { hs: '852872', description: 'television receivers', valuePerKg: 30, massKg: 3000, origins: ['CN', 'MX'] },
];

/** Low-value goods of e-commerce and express parcels. */
export const PARCEL_GOODS: readonly Goods[] = [
  { hs: '851830', description: 'headphones', valuePerKg: 60, massKg: 0.4, origins: ['CN'] },
  { hs: '610462', description: "women's trousers", valuePerKg: 25, massKg: 0.6, origins: ['CN'] },
  { hs: '950450', description: 'video game console accessories', valuePerKg: 80, massKg: 0.5, origins: ['CN'] },
  { hs: '711719', description: 'imitation jewellery', valuePerKg: 120, massKg: 0.1, origins: ['CN'] },
  { hs: '330499', description: 'beauty preparations', valuePerKg: 45, massKg: 0.3, origins: ['CN', 'KR'] },
  { hs: '420222', description: 'handbags', valuePerKg: 50, massKg: 0.8, origins: ['CN'] },
];

export const SHIPPERS: Record<string, readonly string[]> = {
  CN: ['Shenzhen Brightway Electronics Co., Ltd.', 'Ningbo Oceanic Trading Co., Ltd.', 'Guangzhou Silkroad Apparel Co., Ltd.', 'Yiwu Everbright Commodities Co., Ltd.', 'Shanghai Hengda Machinery Co., Ltd.', 'Xiamen Harbour Furniture Co., Ltd.'],
  VN: ['Saigon Textile Export JSC', 'Mekong Footwear Co., Ltd.', 'Hai Phong Wood Products JSC'],
  IN: ['Mumbai Coastal Exports Pvt. Ltd.', 'Chennai Auto Components Pvt. Ltd.', 'Gujarat Seafood Exports Pvt. Ltd.'],
  FR: ['Domaines Rives de Gironde SAS', 'Parfums de la Seine SA', 'Aéro-Composants Toulouse SAS', 'Laboratoires Vauban SAS', 'Équipements Rhône-Alpes SARL'],
  US: ['Hudson Valley Components Inc.', 'Pacific Rim Logistics LLC', 'Garden State Pharma Inc.', 'Great Lakes Machinery Corp.'],
  HK: ['Kowloon Express Trading Ltd.', 'Victoria Harbour Gadgets Ltd.'],
  MX: ['Manzanillo Agroexportadora S.A. de C.V.', 'Autopartes del Pacífico S.A. de C.V.'],
  AU: ['Sydney Harbour Provisions Pty Ltd'],
  OTHER: ['Global Sourcing Partners Ltd.', 'Transoceanic Supply GmbH'],
};

export const CONSIGNEES: Record<string, readonly string[]> = {
  FR: ['Distribution Normande SAS', 'Grand Sud Import SARL', 'Maison Lefèvre & Fils', 'Hexagone Retail SA', 'Atlantique Électronique SAS', 'Provence Textile Négoce SARL', 'Société Parisienne de Jouets'],
  US: ['Empire State Imports LLC', 'Keystone Retail Group Inc.', 'Sunset Boulevard Trading Co.', 'Liberty Apparel Inc.', 'Bayonne Distribution Center LLC', 'Harbor Freight Partners LLC', 'Midwest Electronics Wholesale Inc.'],
  PF: ['Tahiti Import Distribution SARL', 'Papeete Commerce Général'],
  NC: ['Nouméa Négoce SARL', 'Calédonie Distribution'],
};

export interface SeaCarrier {
  name: string;
  code: string;
  vessels: readonly { name: string; imo: string }[];
}

export const CARRIERS_SEA: readonly SeaCarrier[] = [
  { name: 'CMA CGM', code: 'CMDU', vessels: [{ name: 'CMA CGM JACQUES SAADE', imo: '9839131' }, { name: 'CMA CGM MARCO POLO', imo: '9454436' }] },
  { name: 'Maersk', code: 'MAEU', vessels: [{ name: 'MAERSK ESSEN', imo: '9456771' }, { name: 'EMMA MAERSK', imo: '9321483' }] },
  { name: 'MSC', code: 'MSCU', vessels: [{ name: 'MSC GULSUN', imo: '9839430' }] },
  { name: 'COSCO', code: 'COSU', vessels: [{ name: 'COSCO SHIPPING UNIVERSE', imo: '9795610' }] },
];

export const CARRIERS_AIR = [
  { name: 'Air France Cargo', code: 'AF' },
  { name: 'FedEx Express', code: 'FX' },
  { name: 'DHL Aviation', code: 'D0' },
  { name: 'Delta Cargo', code: 'DL' },
  { name: 'China Eastern Cargo', code: 'MU' },
] as const;
