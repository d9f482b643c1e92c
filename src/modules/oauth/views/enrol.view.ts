import { escapeHtml, type RenderedPage, renderPage } from './page.view';
import { WEBAUTHN_HELPERS } from './webauthn-script.view';

/** The one-time enrolment page: the token travels in the URL fragment, so it never reaches a log. */
export function enrolPage(siteName: string): RenderedPage {
  const script = `${WEBAUTHN_HELPERS}
const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
document.getElementById('enrol').addEventListener('click', async () => {
  say('');
  try {
    const options = await postJson('/api/v1/oauth/passkeys/registration/options', {token});
    options.challenge = b64u.toBuf(options.challenge);
    options.user.id = b64u.toBuf(options.user.id);
    options.excludeCredentials = (options.excludeCredentials||[]).map(c => ({...c, id: b64u.toBuf(c.id)}));
    const credential = await navigator.credentials.create({publicKey: options});
    await postJson('/api/v1/oauth/passkeys/registration/verify', {token, credential: credentialJson(credential)});
    history.replaceState(null, '', location.pathname);
    say('Passkey saved. You can now sign in with it.');
  } catch (e) { say('Enrolment failed: ' + e.message); }
});`;
  return renderPage({
    title: `Create a passkey · ${siteName}`,
    body: `<h1>Create a passkey for ${escapeHtml(siteName)}</h1><p>This link works once. Your device will ask you to confirm.</p><button id="enrol" type="button">Create passkey</button><p id="status" role="status"></p>`,
    script,
  });
}
