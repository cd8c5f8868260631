import { Navigate } from 'react-router';
import { useCampaigns } from '../api/queries';
import { useText } from '../i18n/use-text';
import { pickCampaign } from '../lib/current-campaign';

/** `/console`: opens the current campaign's page (the calendar), or says there is none yet. */
export function CampaignHome({ page }: { page: 'calendar' }) {
  const { t } = useText();
  const campaigns = useCampaigns();
  if (campaigns.isPending) return <p role="status">{t('loading')}</p>;
  if (campaigns.error) return <p role="alert">{t('failed', { message: campaigns.error.message })}</p>;
  const campaign = pickCampaign(campaigns.data, undefined, window.sessionStorage);
  if (!campaign) return <p>{t('noCampaign')}</p>;
  return <Navigate to={`/campaigns/${encodeURIComponent(campaign.id)}/${page}`} replace />;
}
