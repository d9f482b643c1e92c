// A /v1/messages body shaped like a Claude Code turn (~100 KB): a long system prompt, 25 tool
// definitions with JSON schemas, and a history of tool calls whose results carry file contents.
// Deterministic, plain words and code (nothing the secret scanner or the blocklist refuses).
const WORDS = 'the function returns a value when called with an argument that is not null so the caller checks the result before using it in the next step of the build and test cycle for this module'.split(' ');
const CODE = ['const result = await client.fetch(url, { method: "GET" });', 'if (!result.ok) throw new Error(`request failed: ${result.status}`);', 'export function parseConfig(text: string): Config {', '  return JSON.parse(text) as Config;', '}', 'for (const item of items) total += item.price * item.quantity;', 'describe("parser", () => { it("reads the header", () => expect(read()).toBe(1)); });'];

function words(n, seed) {
  let out = '';
  for (let i = 0; i < n; i++) out += `${WORDS[(seed * 31 + i * 7) % WORDS.length]} `;
  return out.trim();
}

function code(lines, seed) {
  return Array.from({ length: lines }, (_, i) => CODE[(seed + i) % CODE.length]).join('\n');
}

function claudeCodeBody({ stream }) {
  const tools = Array.from({ length: 25 }, (_, i) => ({
    name: `tool_${i}`,
    description: words(60, i),
    input_schema: { type: 'object', properties: { path: { type: 'string', description: words(12, i + 1) }, content: { type: 'string', description: words(12, i + 2) }, options: { type: 'object', properties: { recursive: { type: 'boolean' }, limit: { type: 'integer' } } } }, required: ['path'] },
  }));
  const messages = [{ role: 'user', content: words(80, 3) }];
  for (let turn = 0; turn < 24; turn++) {
    const id = `toolu_bench_${String(turn).padStart(4, '0')}`;
    messages.push({ role: 'assistant', content: [{ type: 'text', text: words(30, turn) }, { type: 'tool_use', id, name: `tool_${turn % 25}`, input: { path: `src/module_${turn}/index.ts` } }] });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: code(40, turn) }] });
  }
  messages.push({ role: 'user', content: words(40, 99) });
  return JSON.stringify({ model: 'claude-bench', max_tokens: 4096, stream, system: [{ type: 'text', text: words(2000, 5) }], tools, messages });
}

module.exports = { claudeCodeBody };
