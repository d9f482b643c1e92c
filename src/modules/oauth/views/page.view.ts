import { randomBytes } from 'node:crypto';

/** A server-rendered page: its HTML and the headers that lock it down. */
export interface RenderedPage {
  status: number;
  html: string;
  headers: Record<string, string>;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f5f5f4;color:#1c1917;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;border:1px solid #e7e5e4;border-radius:12px;padding:2rem;max-width:28rem;width:100%;box-shadow:0 1px 3px rgba(0,0,0,.06)}
h1{font-size:1.25rem;margin:0 0 1rem}p{line-height:1.5}ul{padding-left:1.2rem}code{background:#f5f5f4;padding:0 .25rem;border-radius:4px}
button{font:inherit;padding:.6rem 1.2rem;border-radius:8px;border:1px solid #1c1917;background:#1c1917;color:#fff;cursor:pointer;margin-right:.5rem}
button.secondary{background:#fff;color:#1c1917}#status{min-height:1.5rem;color:#b91c1c}`;

/**
 * The page frame: no external assets, inline style and script allowed only by nonce, no
 * framing, forms only to this origin (plus, for consent, the client's redirect target).
 */
export function renderPage(options: { status?: number; title: string; body: string; script?: string; formTargets?: string[] }): RenderedPage {
  const nonce = randomBytes(16).toString('base64');
  const formAction = ["'self'", ...(options.formTargets ?? [])].join(' ');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  const script = options.script ? `<script nonce="${nonce}">${options.script}</script>` : '';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(options.title)}</title><style nonce="${nonce}">${STYLE}</style></head><body><main>${options.body}</main>${script}</body></html>`;
  return {
    status: options.status ?? 200,
    html,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    },
  };
}

export function errorPage(message: string, status = 400): RenderedPage {
  return renderPage({ status, title: 'Authorization error', body: `<h1>Authorization error</h1><p>${escapeHtml(message)}</p><p>The application that sent you here is misconfigured; you can close this page.</p>` });
}
