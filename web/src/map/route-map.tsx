// The route of a consignment on the offline basemap: loading and discharge ports, transit
// points and the line between them. WebGL via MapLibre; the worker script is bundled by Vite
// and handed to MapLibre explicitly, because MapLibre cannot find it inside a bundle.
import { useEffect, useRef } from 'react';
import { Map as MapLibreMap, Marker, setWorkerUrl, LngLatBounds, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import type { Feature } from 'geojson';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { loadCountries } from './offline-basemap.js';
import { PORTS, routeLine } from './port-locations.js';

setWorkerUrl(workerUrl);

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

const STYLE: StyleSpecification = {
  version: 8,
  sources: { countries: { type: 'geojson', data: EMPTY }, route: { type: 'geojson', data: EMPTY } },
  layers: [
    { id: 'sea', type: 'background', paint: { 'background-color': '#dfe9f2' } },
    { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f6f4ef', 'fill-outline-color': '#a9a396' } },
    { id: 'route-line', type: 'line', source: 'route', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#b3261e', 'line-width': 2.5, 'line-dasharray': [2, 1] } },
    { id: 'route-points', type: 'circle', source: 'route', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 5, 'circle-color': '#1d3b5c', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } },
  ],
};

export function RouteMap({ loading, discharge, routing }: { loading?: string | undefined; discharge?: string | undefined; routing: readonly string[] }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const line = routeLine(loading, discharge, routing);
    const map = new MapLibreMap({ container: el.current, style: STYLE, center: line[0] ?? [0, 30], zoom: 1, attributionControl: false, renderWorldCopies: true });
    let cancelled = false;
    const markers: Marker[] = [];
    map.on('load', () => {
      void loadCountries().then((fc) => {
        if (cancelled) return;
        map.getSource<GeoJSONSource>('countries')?.setData(fc);
        // Tests and screenshots wait for this: the outlines are drawn, not just requested.
        map.once('idle', () => el.current?.setAttribute('data-basemap-ready', 'true'));
      });
      const features: Feature[] = line.map((at) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: at } }));
      if (line.length > 1) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } });
      map.getSource<GeoJSONSource>('route')?.setData({ type: 'FeatureCollection', features });
      for (const code of [loading, discharge]) {
        const port = code ? PORTS[code] : undefined;
        if (!port || !code) continue;
        const label = document.createElement('div');
        label.className = 'map-label';
        label.textContent = `${code} · ${port.name}`;
        const at = line.find((p) => p[1] === port.at[1]) ?? port.at;
        markers.push(new Marker({ element: label, anchor: 'bottom', offset: [0, -8] }).setLngLat(at).addTo(map));
      }
      if (line.length > 1) {
        const bounds = line.reduce((b, p) => b.extend(p), new LngLatBounds(line[0], line[0]));
        map.fitBounds(bounds, { padding: 60, maxZoom: 5, duration: 0 });
      }
      el.current?.setAttribute('data-map-ready', 'true');
    });
    return () => {
      cancelled = true;
      markers.forEach((m) => m.remove());
      map.remove();
    };
  }, [loading, discharge, routing]);
  return <div ref={el} className="route-map" data-testid="route-map" />;
}
