// Running the migrations: one workstation at a time (a named lock), never on a database a newer Hospital Desk upgraded.
import type { DataSource } from 'typeorm';
import { AppError } from '@shared/errors';
import { MIGRATIONS } from './data-source';

/** Runs pending migrations under a server-wide lock (two workstations starting at once), refusing a newer schema. */
export async function migrate(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const [{ got }] = await runner.query(`SELECT GET_LOCK(CONCAT(DATABASE(), '.migrate'), 60) AS got`);
    if (Number(got) !== 1) throw new AppError('DB_UNAVAILABLE', 'Another workstation is upgrading the database; try again in a minute.');
    try {
      const known = new Set(MIGRATIONS.map((m) => m.name));
      const hasTable = await runner.hasTable('migrations');
      if (hasTable) {
        const applied: { name: string }[] = await runner.query('SELECT name FROM migrations');
        const unknown = applied.filter((a) => !known.has(a.name));
        if (unknown.length > 0) {
          throw new AppError(
            'DB_UNAVAILABLE',
            `The database was upgraded by a newer Hospital Desk (schema ${unknown[unknown.length - 1].name}); install the newer version on this workstation.`,
          );
        }
      }
      const ran = await ds.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    } finally {
      await runner.query(`SELECT RELEASE_LOCK(CONCAT(DATABASE(), '.migrate'))`);
    }
  } finally {
    await runner.release();
  }
}
