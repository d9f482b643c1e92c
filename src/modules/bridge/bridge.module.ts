import { Module } from '@nestjs/common';
import { AgentModule } from '../agent/agent.module';
import { ContentModule } from '../content/content.module';
import { GovernanceModule } from '../governance/governance.module';
import { BridgeController } from './bridge.controller';
import { configuredSigningKeyProvider } from './keys/configured-signing-key.provider';
import { SigningKeyCipherService } from './keys/signing-key-cipher.service';
import { SigningKeyRepository } from './keys/signing-key.repository';
import { SigningKeyService } from './keys/signing-key.service';
import { ManifestService } from './manifest.service';

/**
 * The signed manifest for desktop clients. Agents come from AGENT_DIRECTORY when the agent
 * module exports it; skills from the content module; the MCP allowlist from governance.
 */
@Module({
  imports: [AgentModule, ContentModule, GovernanceModule],
  controllers: [BridgeController],
  providers: [configuredSigningKeyProvider, SigningKeyCipherService, SigningKeyRepository, SigningKeyService, ManifestService],
})
export class BridgeModule {}
