/**
 * Browser-side helpers shared by the login and enrolment pages: WebAuthn options arrive as JSON
 * with base64url strings and leave as JSON again (the RegistrationResponseJSON /
 * AuthenticationResponseJSON shapes @simplewebauthn/server reads).
 */
export const WEBAUTHN_HELPERS = `
const b64u = {
  toBuf(s){const p=s.replace(/-/g,'+').replace(/_/g,'/');const b=atob(p+'==='.slice((p.length+3)%4));return Uint8Array.from(b,c=>c.charCodeAt(0)).buffer;},
  fromBuf(buf){let s='';for(const b of new Uint8Array(buf))s+=String.fromCharCode(b);return btoa(s).replace(/\\+/g,'-').replace(/\\//g,'_').replace(/=+$/,'');}
};
async function postJson(url, body){
  const res = await fetch(url,{method:'POST',headers:{'content-type':'application/json'},credentials:'same-origin',body:JSON.stringify(body)});
  const json = await res.json().catch(()=>({}));
  if(!res.ok) throw new Error(Array.isArray(json.message)?json.message.join('; '):(json.message||('HTTP '+res.status)));
  return json;
}
function say(text){document.getElementById('status').textContent=text;}
function credentialJson(c){
  const r=c.response;const out={id:c.id,rawId:b64u.fromBuf(c.rawId),type:c.type,clientExtensionResults:c.getClientExtensionResults(),response:{clientDataJSON:b64u.fromBuf(r.clientDataJSON)}};
  if(c.authenticatorAttachment)out.authenticatorAttachment=c.authenticatorAttachment;
  if(r.attestationObject){out.response.attestationObject=b64u.fromBuf(r.attestationObject);if(r.getTransports)out.response.transports=r.getTransports();}
  if(r.authenticatorData){out.response.authenticatorData=b64u.fromBuf(r.authenticatorData);out.response.signature=b64u.fromBuf(r.signature);if(r.userHandle)out.response.userHandle=b64u.fromBuf(r.userHandle);}
  return out;
}
`;
