import { anyCase, charClasses, looksRandom, secretText } from './secret-checks';
import type { SecretDetector } from './secret-scan.types';

/** Cloud and infrastructure credentials: AWS, Google, Azure, DigitalOcean, Heroku, Vault, Databricks. */

const ASSIGN = String.raw`["']?\s{0,5}(?:=>|:=|[:=](?!=)|\s)\s{0,5}["']?`;
const random = (match: RegExpExecArray): boolean => looksRandom(secretText(match));
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const CLOUD_PROVIDER_DETECTORS: readonly SecretDetector[] = [
  {
    kind: 'aws_access_key_id',
    description: 'AWS access key id (AKIA long-term, ASIA temporary, ABIA/ACCA/A3T variants)',
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/,
    // AWS's documentation key ends in EXAMPLE; real ids are random and never do.
    validate: (m) => !m[0].includes('EXAMPLE') && looksRandom(m[0].slice(4)),
  },
  {
    kind: 'aws_secret_access_key',
    description: 'AWS secret access key: 40 base64 characters assigned to an aws*/secret_access_key name',
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])(?:${anyCase('aws')}[A-Za-z0-9_.-]{0,30}|${anyCase('secret')}[_.-]?(?:${anyCase('access')}[_.-]?)?${anyCase('key')})` +
        String.raw`${ASSIGN}(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
    ),
    prefilter: /aws|secret/i,
    validate: (m) => {
      const value = secretText(m);
      const classes = charClasses(value);
      return !value.includes('EXAMPLE') && classes.upper > 0 && classes.lower > 0 && classes.digit > 0 && looksRandom(value, 4);
    },
    keyContext: true,
  },
  {
    kind: 'google_api_key',
    description: 'Google API key (AIza + 35 characters)',
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/,
    validate: random,
  },
  {
    kind: 'google_oauth_client_secret',
    description: 'Google OAuth client secret (GOCSPX-)',
    pattern: /(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/,
    validate: random,
  },
  {
    kind: 'gcp_service_account',
    description: 'private_key of a GCP service-account JSON file',
    pattern:
      /"private_key"\s{0,5}:\s{0,5}"(?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----(?:\\[nr]|[A-Za-z0-9+/=]){64,8000}-----END (?:RSA )?PRIVATE KEY-----(?:\\n)?)(?=")/,
  },
  {
    kind: 'azure_storage_key',
    description: 'Azure storage account key (AccountKey=, 88 base64 characters)',
    pattern: /(?<![A-Za-z0-9])AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/,
    validate: random,
  },
  {
    kind: 'azure_connection_string',
    description: 'Azure Service Bus / Event Hubs / IoT connection string SharedAccessKey',
    pattern: /(?<![A-Za-z0-9])SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)/,
    validate: random,
  },
  {
    kind: 'azure_sas_token',
    description: 'Azure shared access signature: sig= in a URL that also carries sv=',
    pattern: /[?&]sig=(?<secret>(?:[A-Za-z0-9+/]|%2[BbFf]){30,120}(?:=|%3[Dd]){0,2})/,
    validate: (m) => m.input.slice(Math.max(0, m.index - 1000), m.index).includes('sv=') && random(m),
  },
  {
    kind: 'azure_ad_client_secret',
    description: 'Microsoft Entra (Azure AD) application client secret (…8Q~…)',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/,
    validate: random,
  },
  {
    kind: 'digitalocean_token',
    description: 'DigitalOcean personal, OAuth or refresh token (dop_v1_, doo_v1_, dor_v1_)',
    pattern: /(?<![A-Za-z0-9_])do[por]_v1_[a-f0-9]{64}(?![A-Za-z0-9])/,
    validate: random,
  },
  {
    kind: 'heroku_api_key',
    description: 'Heroku API key: HRKU- token, or a UUID assigned to a heroku* name',
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])(?:HRKU-[A-Za-z0-9_-]{40,80}(?![A-Za-z0-9_-])|${anyCase('heroku')}[A-Za-z0-9_.-]{0,30}${ASSIGN}(?<secret>${UUID})(?![A-Za-z0-9-]))`,
    ),
    validate: random,
    keyContext: true,
  },
  {
    kind: 'vault_token',
    description: 'HashiCorp Vault service, batch or recovery token (hvs., hvb., hvr.)',
    pattern: /(?<![A-Za-z0-9_.-])hv[sbr]\.[A-Za-z0-9_-]{24,250}(?![A-Za-z0-9_-])/,
    validate: (m) => {
      const classes = charClasses(m[0].slice(4));
      return classes.upper > 0 && classes.lower > 0 && classes.digit > 0 && random(m);
    },
  },
  {
    kind: 'databricks_token',
    description: 'Databricks personal access token (dapi + 32 hex)',
    pattern: /(?<![A-Za-z0-9])dapi[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9])/,
    validate: random,
  },
];
