/**
 * Built-in blocklist: destructive shell, SQL and git operations, denied for every tool by
 * default. Ids are stable: a profile rule with the same id replaces a rule (narrower `tool`
 * glob, different pattern) and `enabled: false` turns it off.
 *
 * Patterns are regex sources matched against every string in a tool input and against the
 * command-like joined text (see blocklist-matcher.ts). A leading `(?i)` makes one
 * case-insensitive. Every quantifier is bounded so each attempt costs a constant.
 *
 * Decisions on near misses:
 * - A rule matches text, not parsed intent: `DROP TABLE` inside an SQL comment or a string
 *   literal is still denied, because telling comments apart safely needs a parser and a gate
 *   should fail closed. Narrow a rule by tool glob in the profile when that is too strict.
 * - Path-scoped deletes are fine (`rm -rf ./build`, `rm -rf /tmp/x`, `rm -rf ~/cache`); the
 *   root, the home directory and their globs are not.
 * - `shutdown`, `reboot`, `halt`, `poweroff` and `mkfs` are matched in command position (start
 *   of input or line, after `;`, `&&`, `||`, `|`, `(`, `` ` ``, `$(`, optionally behind `sudo`),
 *   so prose such as "schedule a reboot" is allowed.
 */

export interface BlocklistRule {
  readonly id: string;
  /** Glob over the tool name (`*` any run, `?` one character). */
  readonly tool: string;
  /** Regex source; a leading `(?i)` makes it case-insensitive. */
  readonly argument_pattern: string;
  readonly reason: string;
}

const COMMAND_START = String.raw`(?:^|[\n;&|(\x60]|\$\()\s{0,10}(?:sudo\s{1,10}(?:-\S{1,20}\s{1,10}){0,4})?`;
const ARG = String.raw`(?:\s{1,10}[^\s;&|]{1,200})`;
const RECURSIVE = String.raw`\s{1,10}(?:-[A-Za-z]{0,10}[rR][A-Za-z]{0,10}|--recursive)(?=\s|$)`;
const ROOT_TARGET = String.raw`\s{1,10}["']?(?:/|/\*|~|~/|~/\*|\$HOME/?|\$\{HOME\}/?|\$HOME/\*)["']?(?=$|[\s;&|)])`;
const RAW_DISK = String.raw`/dev/(?:sd[a-z]|nvme\d|hd[a-z]|vd[a-z]|xvd[a-z]|mmcblk\d|disk\d)`;
const FORCE = String.raw`\s(?:-[A-Za-z]{0,5}f[A-Za-z]{0,5}|--force(?:-with-lease(?:=\S{0,100})?|-if-includes)?|\+\S{1,100})(?=\s|$)`;

export const DEFAULT_BLOCKLIST_RULES: readonly BlocklistRule[] = [
  {
    id: 'builtin.rm-rf-root',
    tool: '*',
    argument_pattern:
      String.raw`(?i)(?:(?<![\w./-])rm(?:${ARG}){0,6}?(?:${RECURSIVE}(?:${ARG}){0,6}?${ROOT_TARGET}|${ROOT_TARGET}(?:${ARG}){0,6}?${RECURSIVE})` +
      String.raw`|\bcd\s{1,10}/\s{0,10}(?:&&|;)\s{0,10}rm${RECURSIVE}(?:${ARG}){0,6}?\s{1,10}\*)`,
    reason: 'recursive delete of the filesystem root or the home directory',
  },
  {
    id: 'builtin.rm-no-preserve-root',
    tool: '*',
    argument_pattern: String.raw`(?<![\w-])rm\s[^;&|\n]{0,300}--no-preserve-root`,
    reason: 'rm with --no-preserve-root',
  },
  {
    id: 'builtin.mkfs',
    tool: '*',
    argument_pattern: String.raw`${COMMAND_START}mkfs(?:\.[a-z0-9]{1,10})?\s{1,10}\S`,
    reason: 'formats a filesystem',
  },
  {
    id: 'builtin.dd-raw-disk',
    tool: '*',
    argument_pattern: String.raw`(?<![\w-])dd\s[^;&|\n]{0,300}?\bof=${RAW_DISK}`,
    reason: 'dd writing to a raw disk device',
  },
  {
    id: 'builtin.redirect-raw-disk',
    tool: '*',
    argument_pattern: String.raw`>{1,2}\s{0,10}${RAW_DISK}`,
    reason: 'shell redirection onto a raw disk device',
  },
  {
    id: 'builtin.sql-drop',
    tool: '*',
    argument_pattern: String.raw`(?i)\bDROP\s{1,20}(?:DATABASE|TABLE|SCHEMA)\b`,
    reason: 'DROP DATABASE / TABLE / SCHEMA',
  },
  {
    id: 'builtin.sql-truncate',
    tool: '*',
    argument_pattern: String.raw`(?i)\bTRUNCATE\s{1,20}TABLE\b`,
    reason: 'TRUNCATE TABLE',
  },
  {
    id: 'builtin.sql-delete-without-where',
    tool: '*',
    argument_pattern: String.raw`(?i)\bDELETE\s{1,20}FROM\s{1,20}[\w."\x60[\]]{1,128}(?:\s{1,20}(?:AS\s{1,20})?(?!WHERE\b|USING\b|RETURNING\b)[A-Za-z_]\w{0,63})?\s{0,20}(?:;|$|--|\)|RETURNING\b)`,
    reason: 'DELETE FROM without a WHERE clause',
  },
  {
    id: 'builtin.pipe-to-shell',
    tool: '*',
    argument_pattern:
      String.raw`(?<![\w-])(?:curl|wget)\s[^|;&\n]{0,500}\|\s{0,10}(?:sudo\s{1,10}(?:-\S{1,20}\s{1,10}){0,4})?(?:ba|z|k|da|fi)?sh\b` +
      String.raw`|(?<![\w-])(?:ba|z)?sh\s{1,10}(?:-c\s{1,10}["']?\$\(|<\()\s{0,10}(?:curl|wget)\b`,
    reason: 'downloads a script and pipes it into a shell',
  },
  {
    id: 'builtin.chmod-777-root',
    tool: '*',
    argument_pattern: String.raw`(?<![\w-])chmod(?:\s{1,10}-{1,2}[A-Za-z-]{1,20}){0,4}\s{1,10}(?:0?777|a\+rwx|ugo\+rwx)(?:\s{1,10}-{1,2}[A-Za-z-]{1,20}){0,4}\s{1,10}["']?/\*?["']?(?=$|[\s;&|)])`,
    reason: 'makes the whole filesystem world-writable',
  },
  {
    id: 'builtin.fork-bomb',
    tool: '*',
    argument_pattern: String.raw`(?<name>[A-Za-z_:][\w:]{0,30})\s{0,10}\(\s{0,10}\)\s{0,10}\{\s{0,10}\k<name>\s{0,10}\|\s{0,10}\k<name>\s{0,10}&\s{0,10};?\s{0,10}\}\s{0,10};\s{0,10}\k<name>`,
    reason: 'fork bomb',
  },
  {
    id: 'builtin.shutdown',
    tool: '*',
    argument_pattern: String.raw`${COMMAND_START}(?:shutdown|reboot|halt|poweroff|init\s{1,10}[06]|systemctl\s{1,10}(?:poweroff|reboot|halt))\b`,
    reason: 'shuts down or reboots the machine',
  },
  {
    id: 'builtin.git-force-push-main',
    tool: '*',
    argument_pattern:
      String.raw`(?<![\w-])git(?:\s{1,10}\S{1,100}){0,4}?\s{1,10}push(?=[^;&|\n]{0,300}?${FORCE})` +
      String.raw`(?=[^;&|\n]{0,300}?(?:\s\+?|:|refs/heads/)(?:main|master)(?=\s|$|[;&|]))`,
    reason: 'force-push to main or master',
  },
];
