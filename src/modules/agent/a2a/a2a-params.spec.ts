import { isTaskId, messageParams, taskIdParams } from './a2a-params';
import { JsonRpcError } from './jsonrpc-errors';

const message = (extra: Record<string, unknown> = {}) => ({ message: { kind: 'message', messageId: 'm1', role: 'user', parts: [{ kind: 'text', text: 'hi' }], ...extra } });

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (err) {
    return err instanceof JsonRpcError ? err.code : 'not a JsonRpcError';
  }
}

describe('A2A params', () => {
  it('isTaskId accepts the uuids the server issues and nothing a uuid column would refuse', () => {
    expect(isTaskId('3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b')).toBe(true);
    expect(isTaskId('3F2B8C1E-9A4D-4E6F-8B7A-1C2D3E4F5A6B')).toBe(true);
    for (const bad of ['-'.repeat(36), '3f2b8c1e9a4d4e6f8b7a1c2d3e4f5a6b', 'm1', '', '\u{10ffff}'.repeat(6), 42, null, undefined]) expect(isTaskId(bad)).toBe(false);
  });

  it('taskIdParams refuses an id that is not a uuid (36 dashes used to pass)', () => {
    expect(codeOf(() => taskIdParams({ id: '-'.repeat(36) }))).toBe('INVALID_PARAMS');
    expect(taskIdParams({ id: '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b', historyLength: 2 })).toEqual({ id: '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b', historyLength: 2 });
  });

  it('messageParams keeps a client taskId for the service to resolve, and refuses a non-string or an overlong one', () => {
    expect(messageParams(message({ taskId: 'anything' })).message.taskId).toBe('anything');
    expect(codeOf(() => messageParams(message({ taskId: 7 })))).toBe('INVALID_PARAMS');
    expect(codeOf(() => messageParams(message({ taskId: 'x'.repeat(129) })))).toBe('INVALID_PARAMS');
  });
});
