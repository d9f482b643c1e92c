import type { DataSource } from 'typeorm';
import type { Identity } from '../../../common/auth/identity';
import { InProcessRowInserter } from '../../../common/database/row-inserter';
import { AuditTrail } from './audit-trail.service';

const AWS_KEY = 'AKIABW59HPPFC1YW2STI';

/** A PostgreSQL array literal as insertRows writes it: quoted elements, bare ones, NULL in any case. */
function parseArrayLiteral(literal: string): (string | null)[] {
  const out: (string | null)[] = [];
  let i = 1;
  while (i < literal.length - 1) {
    if (literal[i] === ',') i++;
    else if (literal[i] === '"') {
      let text = '';
      for (i++; literal[i] !== '"'; i++) text += literal[i] === '\\' ? literal[++i] : literal[i];
      out.push(text);
      i++;
    } else {
      let bare = '';
      for (; literal[i] !== ',' && i < literal.length - 1; i++) bare += literal[i];
      out.push(bare.toUpperCase() === 'NULL' ? null : bare);
    }
  }
  return out;
}

/** The rows AuditTrail writes, read back from the INSERT it issues (one array per column). */
function capturingDataSource(): { dataSource: DataSource; rows: Record<string, unknown>[] } {
  const rows: Record<string, unknown>[] = [];
  const dataSource = {
    query: async (sql: string, values: unknown[]) => {
      if (sql.includes('FROM pg_attribute')) return ['id', 'trace_id', 'seq', 'point', 'user_id', 'tenant_id', 'session_id', 'principal', 'agent', 'server', 'tool', 'outcome', 'data', 'created_at'].map((name) => ({ name, type: 'text' }));
      const columns = /INSERT INTO \w+ \(([^)]+)\)/.exec(sql)![1]!.split(',');
      const arrays = (values as string[]).map(parseArrayLiteral);
      for (let k = 0; k < arrays[0]!.length; k++) rows.push(Object.fromEntries(columns.map((c, j) => [c, arrays[j]![k]])));
      return [];
    },
  } as unknown as DataSource;
  return { dataSource, rows };
}

const identity: Identity = { principal: 'user', userId: '00000000-0000-4000-8000-000000000001', tenantId: '00000000-0000-4000-8000-000000000000', role: 'developer', scopes: null, sessionId: 'sess-1', clientId: null, credentialId: null, credential: 'pat' };

describe('AuditTrail', () => {
  it('scans what callers supply (agent name, denial reasons, rewritten input) even on the fast path for its own data', async () => {
    const { dataSource, rows } = capturingDataSource();
    const audit = new AuditTrail(new InProcessRowInserter(dataSource));
    const subject = { traceId: 'trace-1', identity, agent: `agent-${AWS_KEY}`, server: 'files', tool: 'read' };
    audit.recordDecision(subject, { decision: 'allow', policy_version: 'v1' }, 'mcp');
    audit.recordDecision(subject, { decision: 'deny', stage: 'scope', code: 'TOOL_NOT_ALLOWED', reason: `tool ${AWS_KEY} is not allowed`, policy_version: 'v1' }, 'mcp');
    audit.recordDecision(subject, { decision: 'allow', policy_version: 'v1', tool_input: { key: AWS_KEY } } as never, 'mcp');
    await audit.flush(Date.now() + 5000);
    const data = rows.map((r) => String(r.data));
    expect(rows.map((r) => r.point)).toEqual(['identity', 'agent_context', 'permissions', 'identity', 'agent_context', 'permissions', 'identity', 'agent_context', 'permissions']);
    expect(data.join('\n')).not.toContain(AWS_KEY);
    expect(data.filter((d) => d.includes('[REDACTED:aws_access_key_id]'))).toHaveLength(5);
    expect(JSON.parse(data[0]!)).toEqual({ principal: 'user', user_id: identity.userId, role: 'developer', credential: 'pat', client_id: null, actor_user_id: null });
  });

  it('scans a caller-chosen session id (the hook input, x-session-id) and keeps the agent context otherwise as given', async () => {
    const { dataSource, rows } = capturingDataSource();
    const audit = new AuditTrail(new InProcessRowInserter(dataSource));
    audit.recordDecision({ traceId: 'trace-2', identity: { ...identity, sessionId: `s ${AWS_KEY}` }, agent: null, server: null, tool: 'Bash' }, { decision: 'allow', policy_version: 'v1' }, 'claude-code-hook');
    audit.recordDecision({ traceId: 'trace-3', identity, agent: 'claude-code', server: null, tool: 'Bash' }, { decision: 'allow', policy_version: 'v1' }, 'evaluate');
    await audit.flush(Date.now() + 5000);
    const contexts = rows.filter((r) => r.point === 'agent_context').map((r) => JSON.parse(String(r.data)));
    expect(contexts).toEqual([
      { agent: null, call_source: 'claude-code-hook', session_id: 's [REDACTED:aws_access_key_id]' },
      { agent: 'claude-code', call_source: 'evaluate', session_id: 'sess-1' },
    ]);
  });
});
