import { escapeHtml, type RenderedPage, renderPage } from './page.view';

/** The consent screen of a third-party client: what it asks for, allow or deny (CSRF-protected form). */
export function consentPage(options: {
  siteName: string;
  clientName: string;
  clientId: string;
  userEmail: string;
  scopes: string[];
  params: Record<string, string>;
  csrf: string;
  redirectOrigin: string;
}): RenderedPage {
  const hidden = Object.entries({ ...options.params, csrf: options.csrf })
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const scopes = options.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('');
  const body = `<h1>Allow ${escapeHtml(options.clientName)}?</h1>
<p><strong>${escapeHtml(options.clientName)}</strong> <small>(${escapeHtml(options.clientId)})</small> wants to act as <strong>${escapeHtml(options.userEmail)}</strong> on ${escapeHtml(options.siteName)} with:</p>
<ul>${scopes}</ul>
<p>It will be sent back to <code>${escapeHtml(options.redirectOrigin)}</code>.</p>
<form method="post" action="/api/v1/oauth/authorize">${hidden}<button type="submit" name="decision" value="allow">Allow</button><button class="secondary" type="submit" name="decision" value="deny">Deny</button></form>`;
  return renderPage({ title: `Allow access · ${options.siteName}`, body, formTargets: [options.redirectOrigin] });
}
