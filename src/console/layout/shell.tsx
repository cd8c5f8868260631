import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useApi } from '../api/api-context';
import { keys, useCampaigns } from '../api/queries';
import { useText } from '../i18n/use-text';
import type { TextKey } from '../i18n/en';
import { LanguageSwitch } from './language-switch';
import { pickCampaign } from '../lib/current-campaign';
import { canRole, useMe } from '../lib/me-context';

interface NavItem {
  key: TextKey;
  to: string;
  show: boolean;
}

/** The page frame: skip link, navigation (what the role may use), language switch, sign out. */
export function Shell({ children }: { children: ReactNode }) {
  const me = useMe();
  const api = useApi();
  const queries = useQueryClient();
  const { t } = useText();
  const location = useLocation();
  const campaigns = useCampaigns();
  const fromUrl = /^\/campaigns\/([^/]+)/.exec(location.pathname)?.[1];
  const campaign = pickCampaign(campaigns.data ?? [], fromUrl ? decodeURIComponent(fromUrl) : undefined, window.sessionStorage);
  const base = campaign ? `/campaigns/${encodeURIComponent(campaign.id)}` : '';
  const items: NavItem[] = [
    { key: 'calendar', to: campaign ? `${base}/calendar` : '/calendar', show: true },
    { key: 'sessions', to: campaign ? `${base}/sessions` : '/calendar', show: true },
    { key: 'import', to: campaign ? `${base}/import` : '/calendar', show: true },
    { key: 'catalog', to: campaign ? `${base}/catalog` : '/calendar', show: true },
    { key: 'coverage', to: campaign ? `${base}/coverage` : '/calendar', show: true },
    { key: 'accounts', to: '/accounts', show: true },
    { key: 'people', to: '/people', show: canRole(me.role, 'admin') },
    { key: 'board', to: '/board', show: true },
    { key: 'audit', to: '/audit', show: canRole(me.role, 'admin') },
    { key: 'myTokens', to: '/tokens', show: me.user !== null },
  ];
  const signOut = async () => {
    await api.send('POST', '/v1/auth/sign-out').catch(() => undefined);
    api.setCsrfToken(null);
    queries.clear();
    await queries.invalidateQueries({ queryKey: keys.me });
  };
  return (
    <div className="shell">
      <a className="skip" href="#main">{t('skipToContent')}</a>
      <header className="top">
        <span className="brand">{t('appName')}</span>
        <nav aria-label={t('mainNav')}>
          <ul>
            {items.filter((i) => i.show).map((i) => (
              <li key={i.key}>
                <NavLink to={i.to}>{t(i.key)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>{t('signedInAs', { name: me.user?.name ?? me.principal, role: me.role })}</span>
          <LanguageSwitch />
          <button type="button" onClick={() => void signOut()}>{t('signOut')}</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
    </div>
  );
}
