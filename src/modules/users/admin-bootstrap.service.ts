import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG, BOOTSTRAP_OPTIONS } from '../../bootstrap/bootstrap.tokens';
import type { SystempromptOptions } from '../../bootstrap/extension.types';
import { systemIdentity } from '../../common/auth/identity';
import { withAdvisoryLock } from '../../common/database/migration-runner';
import { TokensService } from './tokens.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const ADMIN_BOOTSTRAP_LOCK = 727_274_002;

/**
 * First start: with no admin, create user `admin` whose token is SYSTEMPROMPT_ADMIN_PAT, or a
 * random one printed once and written to `<data>/admin-token` (0600). An advisory lock makes
 * replicas starting together create exactly one admin.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BOOTSTRAP_OPTIONS) private readonly options: SystempromptOptions,
    private readonly dataSource: DataSource,
    private readonly repository: UsersRepository,
    private readonly users: UsersService,
    private readonly tokens: TokensService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.mode === 'cli') return;
    await withAdvisoryLock(this.dataSource, ADMIN_BOOTSTRAP_LOCK, () => this.ensureAdmin());
  }

  private async ensureAdmin(): Promise<void> {
    if ((await this.repository.countByRole('admin')) > 0) return;
    const actor = systemIdentity('admin-bootstrap');
    const admin = await this.users.create(actor, { email: 'admin@localhost', name: 'admin', role: 'admin' }, 'admin-bootstrap');
    const preset = this.config.adminPat ?? undefined;
    const { token } = await this.tokens.issue(actor, admin.id, { name: 'bootstrap', token: preset }, 'admin-bootstrap');
    this.logger.log(`created user admin (${admin.id})`);
    if (preset) return;
    const file = join(this.config.paths.data, 'admin-token');
    mkdirSync(this.config.paths.data, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    // Shown once, on the console only (never through the structured logger).
    process.stderr.write(`\nAdmin personal access token (shown once, also saved to ${file}):\n  ${token}\n\n`);
  }
}
