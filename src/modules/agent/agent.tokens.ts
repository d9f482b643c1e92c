/** Skills by name (the content module provides it): the registry validates, the runtime reads. */
export interface SkillLookup {
  has(name: string): boolean;
  instructions(name: string): string | null;
}

export const SKILL_LOOKUP = Symbol('SKILL_LOOKUP');
