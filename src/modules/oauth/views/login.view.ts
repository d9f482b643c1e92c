import { escapeHtml, type RenderedPage, renderPage } from './page.view';
import { WEBAUTHN_HELPERS } from './webauthn-script.view';

/** The passkey login page; after a login the browser goes back to `returnTo` (the authorize URL). */
export function loginPage(options: { siteName: string; clientName: string | null; returnTo: string }): RenderedPage {
  const who = options.clientName ? `<p>to continue to <strong>${escapeHtml(options.clientName)}</strong></p>` : '';
  const script = `${WEBAUTHN_HELPERS}
const returnTo = ${JSON.stringify(options.returnTo).replace(/</g, '\\u003c')};
document.getElementById('login').addEventListener('click', async () => {
  say('');
  try {
    const options = await postJson('/api/v1/oauth/passkeys/authentication/options', {});
    options.challenge = b64u.toBuf(options.challenge);
    options.allowCredentials = (options.allowCredentials||[]).map(c => ({...c, id: b64u.toBuf(c.id)}));
    const credential = await navigator.credentials.get({publicKey: options});
    const done = await postJson('/api/v1/oauth/passkeys/authentication/verify', {credential: credentialJson(credential), return_to: returnTo});
    say('Signed in.');
    if (done.redirect) location.assign(done.redirect);
  } catch (e) { say('Sign-in failed: ' + e.message); }
});`;
  return renderPage({
    title: `Sign in · ${options.siteName}`,
    body: `<h1>Sign in to ${escapeHtml(options.siteName)}</h1>${who}<p>Use the passkey you enrolled for this gateway.</p><button id="login" type="button">Sign in with a passkey</button><p id="status" role="status"></p>`,
    script,
  });
}
