import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { Public } from '../../../common/auth/public.decorator';
import { renderDashboardPage } from './dashboard.page';
import { DASHBOARD_SCRIPT } from './dashboard.script';

/** Scripts only from this origin; the page's data is fetched with the user's own token. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * `GET /dashboard`: a browser page over the analytics API. The HTML and its scripts are public
 * (they hold no data); every number on it comes from `/api/v1/analytics/*`, which is not.
 * Chart.js is served from node_modules, never from a CDN.
 */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  private readonly page: string;
  private chartJs: Buffer | null = null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.page = renderDashboardPage(config.site.name);
  }

  @Get()
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', CSP)
  @Header('x-content-type-options', 'nosniff')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'The usage dashboard (HTML); its data needs a token with analytics:read, entered on the page' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page' })
  html(): string {
    return this.page;
  }

  @Get('assets/chart.umd.js')
  @Public()
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=86400')
  @Header('x-content-type-options', 'nosniff')
  @ApiOperation({ summary: 'Chart.js (UMD build), served from node_modules' })
  @ApiProduces('text/javascript')
  @ApiOkResponse({ description: 'JavaScript' })
  chart(): Buffer {
    this.chartJs ??= readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'));
    return this.chartJs;
  }

  @Get('assets/dashboard.js')
  @Public()
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'no-cache')
  @Header('x-content-type-options', 'nosniff')
  @ApiOperation({ summary: "The dashboard's script" })
  @ApiProduces('text/javascript')
  @ApiOkResponse({ description: 'JavaScript' })
  script(): string {
    return DASHBOARD_SCRIPT;
  }
}
