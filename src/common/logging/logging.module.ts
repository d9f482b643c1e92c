import type { IncomingMessage } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG, BOOTSTRAP_OPTIONS } from '../../bootstrap/bootstrap.tokens';
import type { SystempromptOptions } from '../../bootstrap/extension.types';
import { GatewayAccessLog } from './gateway-access-log';
import { REDACTED_PATHS } from './redaction';
import { stripQuery } from './strip-query';

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
          genReqId: (req: IncomingMessage) => String(req.headers['x-trace-id'] ?? ''),
          customProps: (req: IncomingMessage) => ({ trace_id: String(req.headers['x-trace-id'] ?? '') }),
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') || req.url === '/metrics' },
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: stripQuery(req.url) }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          transport: pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
        };
        return {
          pinoHttp: pretty ? http : ([http, options.logDestination ?? process.stdout] as never),
          // The library's default route pattern does not match under the Fastify adapter.
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          // The gateway's hot path logs from a hook instead (GatewayAccessLog).
          exclude: [{ path: 'v1/{*path}', method: RequestMethod.ALL }],
        };
      },
    }),
  ],
  providers: [GatewayAccessLog],
})
export class LoggingModule {}

