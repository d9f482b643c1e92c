#!/usr/bin/env node
// `npm run bench -- <name> [options]`: runs bench/<name>.js (all benches when no name is given).
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const name = process.argv[2];
const available = readdirSync(__dirname).filter((f) => f.endsWith('.bench.js')).map((f) => f.replace('.bench.js', ''));
if (name && !available.includes(name)) {
  process.stderr.write(`unknown bench '${name}'; available: ${available.join(', ')}\n`);
  process.exit(2);
}
(async () => {
  for (const bench of name ? [name] : available) {
    process.stdout.write(`\n### bench ${bench}\n`);
    await require(join(__dirname, `${bench}.bench.js`)).run(process.argv.slice(3));
  }
})().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
