// bench/analytics: seeds 1 000 000 ai_requests into DATABASE_URL (a scratch PostgreSQL database)
// and times every analytics endpoint; see bench/analytics-seed.js and docs/observability.md.
module.exports = require('./analytics-seed');
