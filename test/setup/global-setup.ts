import { Client } from 'pg';

/** When the suite runs against PostgreSQL, fail early and clearly if it does not answer. */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url || !url.startsWith('postgres')) return;
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
}
