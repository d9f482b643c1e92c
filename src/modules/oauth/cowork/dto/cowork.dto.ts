import { ApiProperty } from '@nestjs/swagger';

export const IDENTITY_HEADERS = ['x-user-id', 'x-session-id', 'x-trace-id', 'x-client-id', 'x-tenant-id', 'x-policy-version', 'x-call-source'] as const;

export class IssuedTokenDto {
  @ApiProperty({ description: 'A short-lived gateway JWT; revoking the PAT kills it at once' }) token: string;
  @ApiProperty({ example: 3600, description: 'Seconds the token stays valid' }) ttl: number;
  @ApiProperty({
    description: 'Identity headers to send with every request',
    type: 'object',
    properties: Object.fromEntries(IDENTITY_HEADERS.map((h) => [h, { type: 'string' }])),
  })
  headers: Record<(typeof IDENTITY_HEADERS)[number], string>;
}

export class CapabilitiesDto {
  @ApiProperty({ type: [String], example: ['pat'] }) modes: string[];
}

export class NotImplementedDto {
  @ApiProperty({ example: 'not_implemented' }) error: string;
  @ApiProperty() message: string;
}
