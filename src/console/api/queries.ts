import { queryOptions, useQuery } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import { useApi } from './api-context';
import type { ApiClient } from './create-api-client';
import type { Account, Campaign, Catalog, Connection, Me, Page, Session } from './types';

/** The one query layer: every read of the console goes through these keys. */
export const keys = {
  me: ['me'] as const,
  campaigns: ['campaigns'] as const,
  campaign: (id: string) => ['campaigns', id] as const,
  catalog: (id: string) => ['campaigns', id, 'catalog'] as const,
  coverage: (id: string) => ['campaigns', id, 'coverage'] as const,
  sessions: (campaignId: string) => ['sessions', campaignId] as const,
  session: (id: string) => ['session', id] as const,
  accounts: ['accounts'] as const,
  targets: ['targets'] as const,
  users: ['users'] as const,
  tokens: ['tokens'] as const,
  board: ['board'] as const,
  audit: ['audit'] as const,
};

export function useCampaigns(): UseQueryResult<Campaign[]> {
  const api = useApi();
  return useQuery({ queryKey: keys.campaigns, queryFn: async () => (await api.get<Page<Campaign>>('/v1/campaigns')).items });
}

/** One campaign: for useCampaign and for starting the fetch before the page's chunk is there (route-preload.ts). */
export const campaignQuery = (api: ApiClient, id: string) =>
  queryOptions({ queryKey: keys.campaign(id), queryFn: () => api.get<Campaign>(`/v1/campaigns/${encodeURIComponent(id)}`) });

export function useCampaign(id: string): UseQueryResult<Campaign> {
  return useQuery(campaignQuery(useApi(), id));
}

export function useCatalog(id: string | null): UseQueryResult<Catalog> {
  const api = useApi();
  return useQuery({
    queryKey: keys.catalog(id ?? ''),
    enabled: id !== null,
    queryFn: () => api.get<Catalog>(`/v1/campaigns/${encodeURIComponent(id ?? '')}/catalog`),
  });
}

/** Every session of a campaign, page by page (the API's cursor). */
export const campaignSessionsQuery = (api: ApiClient, campaignId: string) =>
  queryOptions({
    queryKey: keys.sessions(campaignId),
    queryFn: async () => {
      const out: Session[] = [];
      let cursor: string | null | undefined = null;
      do {
        const q = new URLSearchParams({ campaignId, limit: '500', ...(cursor ? { cursor } : {}) });
        const page: Page<Session> = await api.get<Page<Session>>(`/v1/sessions?${q.toString()}`);
        out.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
  });

export function useCampaignSessions(campaignId: string): UseQueryResult<Session[]> {
  return useQuery(campaignSessionsQuery(useApi(), campaignId));
}

export function useSession(id: string): UseQueryResult<Session> {
  const api = useApi();
  return useQuery({ queryKey: keys.session(id), enabled: id !== '', queryFn: () => api.get<Session>(`/v1/sessions/${encodeURIComponent(id)}`) });
}

/** The accounts a session may target: the admin list, or the target choices other roles may read. */
export function useTargets(me: Me): UseQueryResult<Account[]> {
  const api = useApi();
  return useQuery({
    queryKey: me.role === 'admin' ? keys.accounts : keys.targets,
    queryFn: async () => (await api.get<Page<Account>>(me.role === 'admin' ? '/v1/accounts' : '/v1/targets')).items,
  });
}

/** A connection flow after the consent: its candidates (api.md "Connecting accounts"). */
export function useConnection(id: string): UseQueryResult<Connection> {
  const api = useApi();
  return useQuery({ queryKey: ['connection', id], queryFn: () => api.get<Connection>(`/v1/connections/${encodeURIComponent(id)}`) });
}
