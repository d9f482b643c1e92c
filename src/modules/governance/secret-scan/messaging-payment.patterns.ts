import { looksRandom, secretText } from './secret-checks';
import type { SecretDetector } from './secret-scan.types';

/** Chat, e-mail, commerce and payment platforms. */

const random = (match: RegExpExecArray): boolean => looksRandom(secretText(match));

export const MESSAGING_PAYMENT_DETECTORS: readonly SecretDetector[] = [
  {
    kind: 'slack_token',
    description: 'Slack bot, user, app, workspace or refresh token (xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-, xapp-)',
    pattern: /(?<![A-Za-z0-9])(?:xox[abposr]-\d{1,15}-[A-Za-z0-9-]{8,200}|xapp-\d-[A-Z0-9]{9,12}-\d{10,16}-[a-f0-9]{64})(?![A-Za-z0-9-])/,
    validate: random,
  },
  {
    kind: 'slack_webhook',
    description: 'Slack incoming-webhook or workflow URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Z0-9]{6,14}\/[A-Za-z0-9]{16,40}/,
    validate: random,
  },
  {
    kind: 'discord_bot_token',
    description: 'Discord bot token: base64 user id . timestamp . HMAC',
    pattern: /(?<![A-Za-z0-9_-])(?<id>[MNO][A-Za-z0-9_-]{23,25})\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])/,
    // The first segment is the bot's numeric snowflake id in base64.
    validate: (m) => /^\d{17,20}$/.test(Buffer.from(m.groups?.id ?? '', 'base64').toString('latin1')),
  },
  {
    kind: 'discord_webhook',
    description: 'Discord webhook URL',
    pattern: /https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,70}/,
    validate: random,
  },
  {
    kind: 'telegram_bot_token',
    description: 'Telegram bot token (bot id:AA + 33 characters), also inside api.telegram.org/bot<token>/',
    pattern: /(?<![0-9])\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/,
    validate: random,
  },
  {
    kind: 'twilio_key',
    description: 'Twilio API key SID (SK…) or account SID (AC…) + 32 hex',
    pattern: /(?<![A-Za-z0-9])(?:SK|AC)[0-9a-f]{32}(?![A-Za-z0-9])/,
    validate: random,
  },
  {
    kind: 'sendgrid_api_key',
    description: 'SendGrid API key (SG.<22>.<43>)',
    pattern: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/,
    validate: random,
  },
  {
    kind: 'mailgun_api_key',
    description: 'Mailgun private API key (key- + 32 hex, or 32-8-8 hex)',
    pattern: /(?<![A-Za-z0-9_-])(?:key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})(?![A-Za-z0-9-])/,
    validate: random,
  },
  {
    kind: 'mailchimp_api_key',
    description: 'Mailchimp API key (32 hex + -us<datacenter>)',
    pattern: /(?<![A-Za-z0-9])[0-9a-f]{32}-us\d{1,2}(?![A-Za-z0-9])/,
    prefilter: /-us\d/,
    validate: random,
  },
  {
    kind: 'stripe_key',
    description: 'Stripe secret or restricted key, live or test (sk_live_, rk_live_, sk_test_, rk_test_)',
    pattern: /(?<![A-Za-z0-9])[rs]k_(?:live|test)_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])/,
    validate: random,
  },
  {
    kind: 'stripe_webhook_secret',
    description: 'Stripe webhook signing secret (whsec_)',
    pattern: /(?<![A-Za-z0-9])whsec_[A-Za-z0-9+/]{32,64}={0,2}(?![A-Za-z0-9+/=])/,
    validate: random,
  },
  {
    kind: 'square_token',
    description: 'Square access token (EAAA…) or OAuth secret (sq0csp-, sq0atp-)',
    pattern: /(?<![A-Za-z0-9_-])(?:EAAA[A-Za-z0-9_-]{60}|sq0(?:atp|csp|idp)-[A-Za-z0-9_-]{22,43})(?![A-Za-z0-9_-])/,
    validate: random,
  },
  {
    kind: 'shopify_token',
    description: 'Shopify admin, custom-app, private-app or shared secret (shpat_, shpca_, shppa_, shpss_)',
    pattern: /(?<![A-Za-z0-9])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9])/,
    validate: random,
  },
];
