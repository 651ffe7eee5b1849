// Hit statistics of every listed profile. The list route carries no statistics, so they are
// fetched per profile (a few dozen small calls, cached and shared with the dashboards).
import { useMemo } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client.js';
import type { paths } from '../api/schema.gen.js';

export type ProfileSummary = paths['/api/v1/profiles']['get']['responses'][200]['content']['application/json']['items'][number];
export type ProfileStats = paths['/api/v1/profiles/{id}/stats']['get']['responses'][200]['content']['application/json'];

export function useProfilesWithStats() {
  const list = useQuery({ queryKey: ['profiles'], queryFn: () => unwrap(api.GET('/api/v1/profiles', { params: { query: {} } })) });
  const items = list.data?.items ?? [];
  const stats = useQueries({
    queries: items.map((p) => ({
      queryKey: ['profile-stats', p.id],
      queryFn: () => unwrap(api.GET('/api/v1/profiles/{id}/stats', { params: { path: { id: p.id } } })),
    })),
  });
  const byId = new Map<string, ProfileStats>();
  for (const s of stats) if (s.data) byId.set(s.data.profileId, s.data);
  return { list, items, stats: byId };
}

/** Threat category of each profile by id (the list route's), for factors that name a profile. */
export function useProfileThreats(): Map<string, string> {
  const list = useQuery({ queryKey: ['profiles'], queryFn: () => unwrap(api.GET('/api/v1/profiles', { params: { query: {} } })) });
  return useMemo(() => new Map((list.data?.items ?? []).map((p) => [p.id, p.threat])), [list.data]);
}
