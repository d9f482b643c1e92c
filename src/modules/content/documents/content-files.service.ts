import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG, BOOTSTRAP_OPTIONS } from '../../../bootstrap/bootstrap.tokens';
import type { SystempromptOptions } from '../../../bootstrap/extension.types';
import { parseDocumentFile } from '../files/document-file.schema';
import { WatchedFolder } from '../files/watched-folder';
import type { ContentDocument } from './content-document.types';

/**
 * The documents of `services/content/**`: the seed that database rows override. Read at
 * construction (an invalid file stops the start) and re-read when the folder changes.
 */
@Injectable()
export class ContentFilesService implements OnModuleInit, OnModuleDestroy {
  private readonly folder: WatchedFolder<ContentDocument>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(BOOTSTRAP_OPTIONS) private readonly options: SystempromptOptions,
  ) {
    this.folder = new WatchedFolder({
      dir: join(config.paths.services, 'content'),
      recursive: true,
      parse: parseDocumentFile,
      keyOf: (d) => d.slug,
      keyField: 'slug',
      label: 'content',
      logger: new Logger('ContentFiles'),
    });
  }

  onModuleInit(): void {
    if (this.options.mode !== 'cli') this.folder.watch();
  }

  onModuleDestroy(): void {
    this.folder.close();
  }

  list(): ContentDocument[] {
    return this.folder.values();
  }

  get(slug: string): ContentDocument | null {
    return this.folder.get(slug) ?? null;
  }
}
