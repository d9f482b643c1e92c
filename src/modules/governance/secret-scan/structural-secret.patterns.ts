import { anyCase, decodeJsonSegment, isHighEntropyValue, isPlaceholder, looksRandom, secretText } from './secret-checks';
import type { SecretDetector } from './secret-scan.types';

/**
 * Secrets recognised by structure rather than a vendor prefix: JWTs, PEM private keys, URLs
 * with a password, Authorization headers, and `password = …`-style assignments.
 */

const URL_USERINFO = String.raw`://(?<user>[^\s:@/"'<>]{0,128}):(?<secret>[^\s@/"'<>]{1,256})(?=@[A-Za-z0-9.\[_-])`;
const DATABASE_SCHEMES =
  'postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|cockroachdb|clickhouse|couchdb|neo4j(?:\\+s)?|bolt|cassandra|memcached|nats|kafka|elasticsearch|influxdb';
const OTHER_SCHEMES = 'https?|ftps?|sftp|ssh|git|svn|smtps?|imaps?|ldaps?|wss?';

/** Key names that hold metadata about a secret rather than the secret (`token_url`, `secret_name`). */
const NON_SECRET_KEY_SUFFIX =
  /(?:url|uri|endpoint|type|file|path|dir|name|id|ids|count|limit|ttl|expiry|expires|expiresin|expiresat|length|len|size|header|prefix|format|field|policy|version|label|hint|mode|enabled|required|location|kind|algorithm|alg|method|hash|min|max|timeout|regex|pattern|lifetime|scope|scopes|usage|index|ref|env|var|provider|store|manager|rotation|strength|duration)$/;

const KEYWORD = [
  `${anyCase('passw')}(?:${anyCase('or')})?${anyCase('d')}`,
  anyCase('passphrase'),
  anyCase('pwd'),
  anyCase('secret'),
  anyCase('token'),
  `${anyCase('api')}[_-]?${anyCase('key')}`,
  `${anyCase('access')}[_-]?${anyCase('key')}`,
  `${anyCase('private')}[_-]?${anyCase('key')}`,
  `${anyCase('credential')}s?`,
].join('|');
/** What every KEYWORD match contains, as one case-insensitive search. */
const KEYWORD_PREFILTER = /passw|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential/i;

function credentialUrl(kind: string, description: string, schemes: string): SecretDetector {
  return {
    kind,
    description,
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9+.-])(?:${schemes})(?:\+[a-z0-9]{1,20})?${URL_USERINFO}`),
    prefilter: /:\/\/[^@]{0,400}@/,
    // Documentation writes user:***@, user:<password>@ or user:${DB_PASSWORD}@, and local
    // setups postgres:postgres@: placeholders and well-known defaults, not secrets.
    validate: (m) => !isPlaceholder(secretText(m)) && secretText(m) !== m.groups?.user,
    specificity: 2,
  };
}

export const STRUCTURAL_DETECTORS: readonly SecretDetector[] = [
  {
    kind: 'jwt',
    description: 'JSON Web Token whose header decodes to JSON with an alg',
    pattern: /(?<![A-Za-z0-9_-])(?<header>eyJ[A-Za-z0-9_-]{8,500})\.(?<payload>eyJ[A-Za-z0-9_-]{4,8000})\.[A-Za-z0-9_-]{16,1024}(?![A-Za-z0-9_-])/,
    validate: (m) => {
      const header = decodeJsonSegment(m.groups?.header ?? '');
      return typeof header?.alg === 'string' && decodeJsonSegment(m.groups?.payload ?? '') !== null;
    },
    specificity: 2,
  },
  {
    kind: 'private_key',
    description: 'PEM private key block: PKCS#8, RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP',
    pattern:
      /-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----(?<body>(?:(?!-----)(?:\\[nr]|[A-Za-z0-9+/=\s:,.-])){0,16000})(?:-----END (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----)?/,
    prefilter: /-----BEGIN /,
    // A header followed by "..." is documentation; a key has a real base64 body.
    validate: (m) => {
      const body = (m.groups?.body ?? '').replace(/\\[nr]/g, '').replace(/[^A-Za-z0-9+/]/g, '');
      return body.length >= 40 && looksRandom(body, 4);
    },
    specificity: 2,
  },
  credentialUrl('database_url', 'database / broker URL with an inline password', DATABASE_SCHEMES),
  credentialUrl('url_credentials', 'http(s), ftp, ssh, git… URL with an inline password', OTHER_SCHEMES),
  {
    kind: 'authorization_header',
    description: 'Authorization header with a Bearer, Basic or Token credential',
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9-])(?:[Pp]roxy-)?${anyCase('authorization')}["']?\s{0,5}(?:=>|:=|[:=](?!=))\s{0,5}["']?` +
        String.raw`(?:${anyCase('bearer')}|${anyCase('basic')}|${anyCase('token')})\s{1,5}(?<secret>[A-Za-z0-9._~+/=-]{12,4096})`,
    ),
    prefilter: /authorization/i,
    validate: (m) => !isPlaceholder(secretText(m)) && !/^[A-Za-z]+$/.test(secretText(m)) && looksRandom(secretText(m)),
    specificity: 2,
    keyContext: true,
  },
  {
    kind: 'generic_secret',
    description: 'password / secret / token / api_key / access_key / client_secret … assigned a high-entropy literal',
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9_.-])(?<key>[A-Za-z0-9_.-]{0,40}?(?:${KEYWORD})(?:[_.-][A-Za-z0-9_.-]{0,30}|[A-Z][A-Za-z0-9]{0,30})?)(?![A-Za-z0-9])` +
        String.raw`["'\]]?(?<sep>\s{0,5}(?:=>|:=|[:=](?!=))\s{0,5}|\s{1,5})["'\x60]?(?<secret>[^\s"'\x60,;&<\\]{8,200})`,
    ),
    prefilter: KEYWORD_PREFILTER,
    validate: (m) => {
      const key = m.groups?.key ?? '';
      // `--password hunter2X9` is an assignment; `the token expires…` is prose.
      if (!/[:=]/.test(m.groups?.sep ?? '') && !key.startsWith('-')) return false;
      // Inside a colon-separated name (`arn:aws:secretsmanager:…:secret:prod/db`) it is a name.
      if (m.input[m.index - 1] === ':') return false;
      if (NON_SECRET_KEY_SUFFIX.test(key.toLowerCase().replace(/[^a-z0-9]/g, ''))) return false;
      return isHighEntropyValue(secretText(m));
    },
    specificity: 1,
    keyContext: true,
  },
];
