import { ApiProperty } from '@nestjs/swagger';
import { MANIFEST_VERSION } from '../manifest.types';

export class ManifestAgentDto {
  @ApiProperty({ example: 'helper' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'A2A endpoint', example: 'https://gateway.example/api/v1/agents/helper' }) url: string;
}

export class ManifestSkillDto {
  @ApiProperty({ example: 'summarise' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the instructions' }) sha256: string;
  @ApiProperty({ description: 'Markdown instructions' }) instructions: string;
}

export class ManifestMcpServerDto {
  @ApiProperty({ example: 'files' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 'https://gateway.example/api/v1/mcp/files/mcp' }) url: string;
  @ApiProperty({ enum: ['streamable-http'] }) transport: 'streamable-http';
}

export class ManifestDto {
  @ApiProperty({ enum: [MANIFEST_VERSION] }) version: typeof MANIFEST_VERSION;
  @ApiProperty({ description: 'The gateway public URL' }) issuer: string;
  @ApiProperty({ description: 'The user id the manifest was issued to' }) subject: string;
  @ApiProperty() role: string;
  @ApiProperty({ format: 'date-time' }) issued_at: string;
  @ApiProperty({ format: 'date-time', description: '24 hours after issued_at' }) expires_at: string;
  @ApiProperty({ type: [ManifestAgentDto] }) agents: ManifestAgentDto[];
  @ApiProperty({ type: [ManifestSkillDto] }) skills: ManifestSkillDto[];
  @ApiProperty({ type: [ManifestMcpServerDto], description: 'The managed MCP allowlist: servers the caller\'s role may use' }) mcp_servers: ManifestMcpServerDto[];
}

export class SignedManifestDto {
  @ApiProperty({ type: ManifestDto }) manifest: ManifestDto;
  @ApiProperty({ description: 'base64url Ed25519 signature over the RFC 8785 canonical JSON of manifest' }) signature: string;
  @ApiProperty({ description: 'First 16 hex digits of the SHA-256 of the public key (SPKI DER)' }) key_id: string;
}

export class ManifestPublicKeyDto {
  @ApiProperty() key_id: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm: 'Ed25519';
  @ApiProperty({ description: 'SPKI PEM (-----BEGIN PUBLIC KEY-----)' }) public_key_pem: string;
}
