import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const API_KEY_SCHEME = 'x-api-key';

export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('systemprompt gateway')
    .setDescription('AI governance gateway: LLM routing, tool-call governance, identity, audit.')
    .setVersion(version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Personal access token (sp-live-…) or JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'Token on /v1/* (Anthropic SDK style)' }, API_KEY_SCHEME)
    .addSecurityRequirements('bearer')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at `/docs`, the document at `/docs/openapi.json`. */
export function setupSwagger(app: INestApplication, version: string): void {
  const document = buildOpenApiDocument(app, version);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    swaggerOptions: { persistAuthorization: true },
  });
}
