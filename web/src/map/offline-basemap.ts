// The offline basemap: country outlines from world-atlas (Natural Earth 1:110m, public domain,
// packaged under ISC), decoded from TopoJSON in the browser. Loaded once per session from the
// console's own files, never from a tile server.
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection } from 'geojson';
import countriesUrl from 'world-atlas/countries-110m.json?url';

function isTopology(x: unknown): x is Topology<{ countries: GeometryCollection }> {
  if (typeof x !== 'object' || x === null || !('type' in x) || x.type !== 'Topology' || !('objects' in x)) return false;
  const objects = x.objects;
  return typeof objects === 'object' && objects !== null && 'countries' in objects;
}

let cached: Promise<FeatureCollection> | null = null;

export function loadCountries(): Promise<FeatureCollection> {
  cached ??= fetch(countriesUrl)
    .then((r) => r.json())
    .then((topo: unknown) => {
      if (!isTopology(topo)) throw new Error('the basemap file is not a TopoJSON topology with countries');
      return feature(topo, topo.objects.countries);
    });
  return cached;
}
