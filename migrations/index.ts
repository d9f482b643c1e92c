import { CreateSystemSettings1764000000000 } from './1764000000000-CreateSystemSettings';
import { CreateIdentity1764000000100 } from './1764000000100-CreateIdentity';
import { CreateAiRequests1764000000200 } from './1764000000200-CreateAiRequests';
import { CreateGovernance1764000000300 } from './1764000000300-CreateGovernance';
import { CreateOauth1764000000400 } from './1764000000400-CreateOauth';
import { AddAnalyticsIndexes1764000000500 } from './1764000000500-AddAnalyticsIndexes';
import { CreateContentDocuments1764000000600 } from './1764000000600-CreateContentDocuments';
import { CreateAgentTasks1764000000700 } from './1764000000700-CreateAgentTasks';

/** The core's migrations, oldest first. Extensions' migrations run after these. */
export const CORE_MIGRATIONS = [CreateSystemSettings1764000000000, CreateIdentity1764000000100, CreateAiRequests1764000000200, CreateGovernance1764000000300, CreateOauth1764000000400, AddAnalyticsIndexes1764000000500, CreateContentDocuments1764000000600, CreateAgentTasks1764000000700];
