// The Node runtime flags every server under test starts with: ours (as `npm start` and the
// Dockerfile run it) and, for a fair comparison, Portkey and the bare pass-through too.
// A larger young generation halves the scavenges of a request-heavy process (docs/benchmarks.md).
const SERVER_NODE_FLAGS = (process.env.BENCH_SERVER_NODE_FLAGS ?? '--max-semi-space-size=64').split(' ').filter(Boolean);

module.exports = { SERVER_NODE_FLAGS };
