import { compileGlob } from '../../../common/matching/glob-match';
import { collectBlocklistTexts } from './blocklist-input';
import { BlocklistRuleError } from './blocklist.errors';
import { DEFAULT_BLOCKLIST_RULES, type BlocklistRule } from './default-blocklist.rules';

/** A rule as written in a profile; `enabled` defaults to true. */
export interface ProfileBlocklistRule extends BlocklistRule {
  readonly enabled?: boolean;
}

export interface CompiledBlocklistRule extends BlocklistRule {
  readonly enabled: boolean;
  readonly origin: 'builtin' | 'profile';
  readonly regex: RegExp;
}

export interface BlocklistMatch {
  readonly id: string;
  readonly reason: string;
}

export interface CompiledBlocklist {
  /** The first enabled rule (in rule order) whose tool glob and pattern match, or null. */
  match(toolName: string, input: unknown): BlocklistMatch | null;
  /** Every rule after merging, disabled ones included, in evaluation order. */
  readonly rules: readonly CompiledBlocklistRule[];
}

export interface BlocklistOptions {
  /** Budget, in UTF-8 bytes, of text inspected per call; default 1 MiB. */
  maxInputBytes?: number;
}

export const DEFAULT_BLOCKLIST_MAX_INPUT_BYTES = 1024 * 1024;

/** Reported when an input is larger than the budget: what was not read could hide a match. */
export const INPUT_TOO_LARGE_MATCH: BlocklistMatch = {
  id: 'builtin.input-too-large',
  reason: 'tool input is larger than the blocklist inspects',
};

/**
 * Merges the built-in rules with a profile's: a profile rule with a built-in id replaces it in
 * place, `enabled: false` disables it, other profile rules follow the built-ins in profile
 * order. Throws BlocklistRuleError for an invalid pattern or a repeated profile id, so a typo
 * stops startup instead of silently allowing what it meant to block.
 *
 * Profile patterns run as written: the linear-time guarantee of the built-ins (bounded
 * quantifiers only) is the profile author's to keep.
 */
export function compileBlocklist(
  profileRules: readonly ProfileBlocklistRule[] = [],
  options: BlocklistOptions = {},
): CompiledBlocklist {
  const merged = new Map<string, CompiledBlocklistRule>();
  for (const rule of DEFAULT_BLOCKLIST_RULES) merged.set(rule.id, compileRule(rule, 'builtin', true));
  const seen = new Set<string>();
  for (const rule of profileRules) {
    if (seen.has(rule.id)) throw new BlocklistRuleError('DUPLICATE_ID', rule.id, 'the id is used by more than one profile rule');
    seen.add(rule.id);
    merged.set(rule.id, compileRule(rule, 'profile', rule.enabled ?? true));
  }
  const rules = [...merged.values()];
  const active = rules.filter((rule) => rule.enabled).map((rule) => ({ rule, tool: compileGlob(rule.tool) }));
  const maxBytes = options.maxInputBytes ?? DEFAULT_BLOCKLIST_MAX_INPUT_BYTES;

  return {
    rules,
    match(toolName: string, input: unknown): BlocklistMatch | null {
      const applicable = active.filter(({ tool }) => tool(toolName));
      if (applicable.length === 0) return null;
      const { texts, truncated } = collectBlocklistTexts(input, maxBytes);
      for (const { rule } of applicable) {
        if (texts.some((text) => rule.regex.test(text))) return { id: rule.id, reason: rule.reason };
      }
      return truncated ? INPUT_TOO_LARGE_MATCH : null;
    },
  };
}

function compileRule(rule: BlocklistRule, origin: 'builtin' | 'profile', enabled: boolean): CompiledBlocklistRule {
  const insensitive = rule.argument_pattern.startsWith('(?i)');
  const source = insensitive ? rule.argument_pattern.slice(4) : rule.argument_pattern;
  let regex: RegExp;
  try {
    regex = new RegExp(source, insensitive ? 'i' : '');
  } catch (err) {
    throw new BlocklistRuleError('INVALID_PATTERN', rule.id, `argument_pattern is not a valid regular expression (${(err as Error).message})`);
  }
  return { id: rule.id, tool: rule.tool, argument_pattern: rule.argument_pattern, reason: rule.reason, enabled, origin, regex };
}
