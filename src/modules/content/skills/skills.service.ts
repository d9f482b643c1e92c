import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG, BOOTSTRAP_OPTIONS } from '../../../bootstrap/bootstrap.tokens';
import type { SystempromptOptions } from '../../../bootstrap/extension.types';
import { ContentError } from '../content.errors';
import { parseSkillFile } from '../files/skill-file.schema';
import { WatchedFolder } from '../files/watched-folder';
import type { Skill } from './skill.types';

/**
 * The skills of `services/skills/*.md`, read at construction (an invalid file stops the start
 * naming the file and the field) and re-read when the folder changes. The agent runtime
 * attaches them to system prompts; the bridge manifest lists them.
 */
@Injectable()
export class SkillsService implements OnModuleInit, OnModuleDestroy {
  private readonly folder: WatchedFolder<Skill>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(BOOTSTRAP_OPTIONS) private readonly options: SystempromptOptions,
  ) {
    this.folder = new WatchedFolder({
      dir: join(config.paths.services, 'skills'),
      recursive: false,
      parse: parseSkillFile,
      keyOf: (s) => s.name,
      keyField: 'name',
      label: 'skill',
      logger: new Logger('Skills'),
    });
  }

  onModuleInit(): void {
    if (this.options.mode !== 'cli') this.folder.watch();
  }

  onModuleDestroy(): void {
    this.folder.close();
  }

  /** Every skill, by name. */
  list(): Skill[] {
    return this.folder.values().sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): Skill | null {
    return this.folder.get(name) ?? null;
  }

  has(name: string): boolean {
    return this.folder.get(name) !== undefined;
  }

  /** The instructions of a skill (what a system prompt gets), or null when there is none. */
  instructions(name: string): string | null {
    return this.folder.get(name)?.instructions ?? null;
  }

  /** Like `get`, for callers that answer 404 when it is missing. */
  require(name: string): Skill {
    const skill = this.get(name);
    if (!skill) throw new ContentError('SKILL_NOT_FOUND', `Skill '${name}' not found`);
    return skill;
  }
}
