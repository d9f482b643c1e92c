// A fast mock LLM upstream for benches: Anthropic Messages JSON and SSE, OpenAI chat completions.
const { createServer } = require('node:http');

const message = JSON.stringify({ id: 'msg_bench', type: 'message', role: 'assistant', model: 'claude-bench', content: [{ type: 'text', text: 'Hello from the bench upstream.' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 12, output_tokens: 8 } });
const events = [
  ['message_start', { type: 'message_start', message: { id: 'msg_bench', type: 'message', role: 'assistant', model: 'claude-bench', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } }],
  ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
  ...['Hello ', 'from ', 'the ', 'bench ', 'upstream.'].map((text) => ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }]),
  ['content_block_stop', { type: 'content_block_stop', index: 0 }],
  ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 8 } }],
  ['message_stop', { type: 'message_stop' }],
];
const stream = events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');

function startMockUpstream(port) {
  const server = createServer((req, res) => {
    let size = 0;
    let streaming = false;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (!streaming && chunk.includes('"stream":true')) streaming = true;
    });
    req.on('end', () => {
      if (streaming) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(stream);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(message);
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (require.main === module) startMockUpstream(Number(process.argv[2] || 9911)).then(() => process.stdout.write('mock upstream ready\n'));
module.exports = { startMockUpstream };
