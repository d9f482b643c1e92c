import { anyCase, charClasses, looksRandom, secretText } from './secret-checks';
import type { SecretDetector } from './secret-scan.types';

/** Code hosts, package registries, AI providers and developer SaaS tokens. */

const random = (match: RegExpExecArray): boolean => looksRandom(secretText(match));
const mixedCase = (text: string): boolean => {
  const classes = charClasses(text);
  return classes.upper > 0 && classes.lower > 0;
};

export const DEVELOPER_PLATFORM_DETECTORS: readonly SecretDetector[] = [
  {
    kind: 'github_token',
    description: 'GitHub classic PAT, OAuth, user-to-server, server-to-server or refresh token (ghp_, gho_, ghu_, ghs_, ghr_)',
    pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])/,
    validate: random,
  },
  {
    kind: 'github_fine_grained_pat',
    description: 'GitHub fine-grained personal access token (github_pat_)',
    pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9])/,
    validate: random,
  },
  {
    kind: 'gitlab_token',
    description: 'GitLab personal, deploy, runner, pipeline-trigger and other tokens (glpat-, gldt-, glrt-, glptt-…)',
    pattern: /(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|cbt|soat|ffct|ptt|agent|oas)-[A-Za-z0-9_.-]{20,80}(?![A-Za-z0-9_.-])/,
    validate: random,
  },
  {
    kind: 'npm_token',
    description: 'npm access token (npm_ + 36 characters)',
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/,
    validate: random,
  },
  {
    kind: 'pypi_token',
    description: 'PyPI / TestPyPI API token (pypi-AgE… macaroon)',
    pattern: /(?<![A-Za-z0-9_-])pypi-AgE[A-Za-z0-9_-]{50,400}(?![A-Za-z0-9_-])/,
    validate: random,
  },
  {
    kind: 'huggingface_token',
    description: 'Hugging Face user or organization token (hf_, api_org_)',
    pattern: /(?<![A-Za-z0-9_])(?:hf_|api_org_)[A-Za-z]{34}(?![A-Za-z0-9])/,
    validate: (m) => mixedCase(m[0].slice(m[0].indexOf('_') + 1)) && random(m),
  },
  {
    kind: 'linear_api_key',
    description: 'Linear API key or OAuth token (lin_api_, lin_oauth_)',
    pattern: /(?<![A-Za-z0-9_])(?:lin_api_[A-Za-z0-9]{40}|lin_oauth_[a-f0-9]{64})(?![A-Za-z0-9])/,
    validate: random,
  },
  {
    kind: 'postman_api_key',
    description: 'Postman API key (PMAK-)',
    pattern: /(?<![A-Za-z0-9])PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9])/,
    validate: random,
  },
  {
    kind: 'grafana_token',
    description: 'Grafana service-account or Grafana Cloud token (glsa_, glc_)',
    pattern: /(?<![A-Za-z0-9_])(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9+/=_])/,
    validate: random,
  },
  {
    kind: 'anthropic_api_key',
    description: 'Anthropic API or admin key (sk-ant-…)',
    pattern: /(?<![A-Za-z0-9_-])sk-ant-[a-z]{2,8}\d{2}-[A-Za-z0-9_-]{32,150}(?![A-Za-z0-9_-])/,
    validate: random,
  },
  {
    kind: 'openai_api_key',
    description: 'OpenAI API key: legacy sk-, project sk-proj-, service account sk-svcacct-, admin sk-admin-',
    pattern: /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:(?:proj|svcacct|admin)-)?(?<body>[A-Za-z0-9_-]{20,250})(?![A-Za-z0-9_-])/,
    // The mix of cases and digits is what separates a key from hyphenated prose ("sk-learn-…").
    validate: (m) => {
      const body = m.groups?.body ?? '';
      return mixedCase(body) && charClasses(body).digit > 0 && looksRandom(body, 3.5);
    },
  },
  {
    kind: 'datadog_api_key',
    description: 'Datadog API (32 hex) or application (40 hex) key assigned to a dd_/datadog_ api/app key name',
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9])(?:${anyCase('datadog')}|${anyCase('dd')})[_.-]?(?:${anyCase('api')}|${anyCase('app')}(?:${anyCase('lication')})?)[_.-]?${anyCase('key')}` +
        String.raw`["']?\s{0,5}(?:=>|:=|[:=](?!=))\s{0,5}["']?(?<secret>[a-f0-9]{40}|[a-f0-9]{32})(?![A-Za-z0-9])`,
    ),
    validate: random,
    keyContext: true,
  },
  {
    kind: 'age_secret_key',
    description: 'age encryption secret key (AGE-SECRET-KEY-1…)',
    pattern: /(?<![A-Za-z0-9])AGE-SECRET-KEY-1[0-9A-Z]{58}(?![A-Za-z0-9])/,
    validate: random,
  },
];
