import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentIdentity } from '../../common/auth/current-identity.decorator';
import type { Identity } from '../../common/auth/identity';
import { Public } from '../../common/auth/public.decorator';
import { ManifestPublicKeyDto, SignedManifestDto } from './dto/manifest.dto';
import { ManifestService } from './manifest.service';

/** The signed manifest `systemprompt-cowork sync` installs, and the key that verifies it. */
@ApiTags('bridge')
@Controller('v1/bridge')
export class BridgeController {
  constructor(private readonly manifests: ManifestService) {}

  @Get('manifest')
  @Header('cache-control', 'no-store')
  @ApiSecurity('bearer')
  @ApiSecurity('x-api-key')
  @ApiOperation({ summary: "The caller's agents, skills and managed MCP allowlist, signed (Ed25519 over RFC 8785 canonical JSON)" })
  @ApiOkResponse({ type: SignedManifestDto })
  @ApiUnauthorizedResponse({ description: 'No valid credential (Anthropic error shape)' })
  manifest(@CurrentIdentity() identity: Identity): Promise<SignedManifestDto> {
    return this.manifests.manifestFor(identity);
  }

  @Get('pubkey')
  @Public()
  @ApiOperation({ summary: 'The Ed25519 public key that verifies manifests' })
  @ApiOkResponse({ type: ManifestPublicKeyDto })
  pubkey(): Promise<ManifestPublicKeyDto> {
    return this.manifests.publicKey();
  }
}
