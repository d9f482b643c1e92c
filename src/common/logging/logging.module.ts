import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG, BOOTSTRAP_OPTIONS } from '../../bootstrap/bootstrap.tokens';
import type { SystempromptOptions } from '../../bootstrap/extension.types';
import { AccessLog } from './access-log';
import { REDACTED_PATHS } from './redaction';
import { stripQuery } from './strip-query';
import { traceIdOfCurrentRequest } from './trace-id-mixin';

/** Structured JSON logs (pino) with the trace id on every line and credentials redacted. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG, BOOTSTRAP_OPTIONS],
      useFactory: (config: AppConfig, options: SystempromptOptions) => {
        const pretty = config.runtime.log_format === 'pretty' && !options.logDestination;
        const http: Options = {
          level: config.runtime.log_level,
          redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
          // Every line written inside a request carries its trace id (the request context).
          mixin: traceIdOfCurrentRequest,
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: stripQuery(req.url) }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          transport: pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
        };
        return {
          pinoHttp: pretty ? http : ([http, options.logDestination ?? process.stdout] as never),
          // No pino-http middleware on any route: the access line comes from a hook (AccessLog).
          forRoutes: [],
        };
      },
    }),
  ],
  providers: [AccessLog],
})
export class LoggingModule {}
