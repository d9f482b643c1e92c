// A throwaway database on the local PostgreSQL for a bench run (so rows can be counted).
const { Client } = require('pg');

async function scratchDatabase(base = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test') {
  const name = `sp_bench_${Date.now()}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async query(sql, params) {
      const c = new Client({ connectionString: url.toString() });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows;
      } finally {
        await c.end();
      }
    },
    async drop() {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

module.exports = { scratchDatabase };
