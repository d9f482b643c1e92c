import { Client } from 'pg';

/** Drops per-file databases a crashed test file may have left behind. */
export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url || !url.startsWith('postgres')) return;
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'sp_t_%'`);
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  await client.end();
}
