// Positions of the ports and airports that appear in the demo traffic, by UN/LOCODE, and of a
// representative transit point per country for the routing line. Shipped with the app because
// the console never fetches map data from outside the node.
export type LngLat = [number, number];

export const PORTS: Readonly<Record<string, { name: string; at: LngLat }>> = {
  AUSYD: { name: 'Sydney', at: [151.2, -33.86] },
  CNCAN: { name: 'Guangzhou', at: [113.26, 23.13] },
  CNNGB: { name: 'Ningbo', at: [121.55, 29.87] },
  CNPVG: { name: 'Shanghai Pudong', at: [121.8, 31.14] },
  CNSHA: { name: 'Shanghai', at: [121.47, 31.23] },
  CNSZX: { name: 'Shenzhen', at: [114.06, 22.54] },
  CNYTN: { name: 'Yantian', at: [114.27, 22.57] },
  FRCDG: { name: 'Paris-CDG', at: [2.55, 49.01] },
  FRFOS: { name: 'Fos-sur-Mer', at: [4.94, 43.44] },
  FRLEH: { name: 'Le Havre', at: [0.11, 49.49] },
  HKHKG: { name: 'Hong Kong', at: [114.17, 22.32] },
  INNSA: { name: 'Nhava Sheva', at: [72.95, 18.95] },
  MXZLO: { name: 'Manzanillo', at: [-104.32, 19.05] },
  NCNOU: { name: 'Nouméa', at: [166.44, -22.27] },
  PFPPT: { name: 'Papeete', at: [-149.57, -17.54] },
  TRIST: { name: 'Istanbul', at: [28.97, 41.01] },
  USEWR: { name: 'Newark', at: [-74.17, 40.69] },
  USJFK: { name: 'New York JFK', at: [-73.78, 40.64] },
  USLAX: { name: 'Los Angeles', at: [-118.27, 33.74] },
  USLGB: { name: 'Long Beach', at: [-118.19, 33.77] },
  VNSGN: { name: 'Ho Chi Minh City', at: [106.7, 10.77] },
};

/** Where a route passes when it transits a country (a main port or hub of that country). */
export const TRANSIT: Readonly<Record<string, LngLat>> = {
  AE: [55.06, 25.0],
  BE: [4.4, 51.23],
  EG: [32.55, 29.95],
  ES: [-5.44, 36.13],
  GB: [1.35, 51.95],
  HK: [114.17, 22.32],
  JP: [139.7, 35.4],
  KR: [129.04, 35.1],
  LK: [79.85, 6.95],
  MA: [-5.5, 35.89],
  MY: [101.39, 2.99],
  NL: [4.1, 51.95],
  PA: [-79.9, 9.0],
  SG: [103.82, 1.26],
  TR: [28.97, 41.01],
  TW: [120.3, 22.6],
};

/**
 * The route as a line: loading port, transit points of the routing countries other than the
 * two ends' countries, discharge port. Longitudes are unwrapped so a trans-Pacific leg takes
 * the short way instead of crossing the whole map.
 */
export function routeLine(loading: string | undefined, discharge: string | undefined, routing: readonly string[]): LngLat[] {
  const from = loading ? PORTS[loading] : undefined;
  const to = discharge ? PORTS[discharge] : undefined;
  const ends = new Set([loading?.slice(0, 2), discharge?.slice(0, 2)]);
  const points: LngLat[] = [];
  if (from) points.push(from.at);
  for (const c of routing) {
    const p = TRANSIT[c];
    if (p && !ends.has(c)) points.push(p);
  }
  if (to) points.push(to.at);
  const out: LngLat[] = [];
  for (const [lng, lat] of points) {
    const prev = out[out.length - 1];
    let x = lng;
    if (prev) {
      while (x - prev[0] > 180) x -= 360;
      while (prev[0] - x > 180) x += 360;
    }
    out.push([x, lat]);
  }
  return out;
}
