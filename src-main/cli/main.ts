// Command-line entry: `db:migrate` and `seed` run through the same data source as the app.
import 'reflect-metadata';
import { parseDatabaseUrl, createDataSource } from '../db/data-source';
import { ensureDatabase, migrate } from '../db/database';
import { ENTITIES } from '../features/entities';
import { SEED_USAGE } from '../seed/seed-cli';

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'seed' && (args.includes('--help') || args.includes('-h'))) {
    console.log(SEED_USAGE);
    return;
  }
  const url = process.env.HMS_DATABASE_URL;
  if (!url) throw new Error('Set HMS_DATABASE_URL, e.g. mysql://root@127.0.0.1:3306/hospital');
  const target = parseDatabaseUrl(url);
  switch (command) {
    case 'migrate': {
      const flavor = await ensureDatabase(target);
      const ds = await createDataSource(target, ENTITIES, 2, flavor).initialize();
      try {
        const ran = await migrate(ds);
        console.log(ran.length ? `applied: ${ran.join(', ')}` : 'schema is up to date');
      } finally {
        await ds.destroy();
      }
      return;
    }
    case 'seed': {
      const { runSeedCli } = await import('../seed/seed-cli');
      await runSeedCli(target, args);
      return;
    }
    default:
      throw new Error(`Unknown command "${command ?? ''}". Use: migrate | seed`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
