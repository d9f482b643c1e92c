/** A skill of `services/skills/<name>.md`: instructions an agent adds to its system prompt. */
export interface Skill {
  readonly name: string;
  readonly description: string;
  /** The Markdown body after the front matter. */
  readonly instructions: string;
  /** SHA-256 (hex) of `instructions`: lets clients tell whether a skill changed. */
  readonly sha256: string;
  readonly file: string;
}
