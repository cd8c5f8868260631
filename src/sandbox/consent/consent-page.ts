import type { Platform } from '../../domain/platform';

const PLATFORM_TITLE: Record<Platform, string> = {
  facebook: 'Facebook',
  tiktok: 'TikTok',
  youtube: 'Google',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The consent screen: which app asks, for which scopes, and two buttons. Both submit the same
 * authorize URL again with `sandbox_decision`, which the route turns into the platform's redirect.
 */
export function renderConsentPage(platform: Platform, path: string, query: Record<string, string>, appName: string, scopes: string[]): string {
  const hidden = Object.entries(query)
    .filter(([key]) => key !== 'sandbox_decision')
    .map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const items = scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  const title = PLATFORM_TITLE[platform];
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title} (sandbox): allow ${escapeHtml(appName)}?</title></head>
<body>
  <main>
    <h1>${title} sandbox</h1>
    <p><strong>${escapeHtml(appName)}</strong> wants to use your ${title} account.</p>
    <p>It asks for:</p>
    <ul>${items}</ul>
    <form method="get" action="${escapeHtml(path)}">
      ${hidden}
      <button type="submit" name="sandbox_decision" value="allow">Allow</button>
      <button type="submit" name="sandbox_decision" value="deny">Deny</button>
    </form>
  </main>
</body>
</html>`;
}
