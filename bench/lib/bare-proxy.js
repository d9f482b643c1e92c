// The physical limit on this machine: Fastify receiving the request and undici forwarding it,
// nothing else (no auth, no parsing beyond Fastify's, no recording).
const Fastify = require('fastify');
const { Agent, request } = require('undici');

const [port, upstream] = [Number(process.argv[2]), process.argv[3]];
const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000 });
const app = Fastify({ logger: false });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
app.post('/v1/messages', async (req, reply) => {
  const res = await request(`${upstream}/v1/messages`, { method: 'POST', body: req.body, headers: { 'content-type': 'application/json', 'x-api-key': 'bench' }, dispatcher: agent });
  reply.code(res.statusCode).header('content-type', res.headers['content-type']);
  return reply.send(res.body);
});
app.listen({ port, host: '127.0.0.1' }).then(() => process.stdout.write('bare proxy ready\n'));
