// Which channels a read replica may answer (declared in the contract), and the replicas named by the environment.
import { describe, expect, it } from 'vitest';
import { contract } from '@shared/contract';
import { createDataSource, envDatabaseTarget } from '../../src-main/db/data-source';

describe('channels a replica answers', () => {
  it('are reads only: reports, the dashboard, the occupancy board and timeline, patient search, the audit list', () => {
    const onReplica = Object.entries(contract)
      .filter(([, c]) => c.replica)
      .map(([name]) => name)
      .sort();
    expect(onReplica).toEqual([
      'audit.list',
      'dashboard.get',
      'occupancy.board',
      'occupancy.timeline',
      'patients.search',
      'reports.appointmentsByDepartment',
      'reports.demographics',
      'reports.departmentPerformance',
      'reports.exportPdf',
      'reports.occupancy',
      'reports.revenue',
      'reports.schedulingTrends',
      'reports.staffHours',
    ]);
    for (const [name, c] of Object.entries(contract)) {
      if (c.replica) expect([name, c.kind, c.auditedRead]).toEqual([name, 'read', false]);
    }
  });
});

describe('HMS_DATABASE_REPLICA_URLS', () => {
  it('lists the replicas beside HMS_DATABASE_URL; a replica without account or database takes the primary’s', () => {
    const t = envDatabaseTarget({ HMS_DATABASE_URL: 'mysql://app:s3cret@db-main:3306/hospital', HMS_DATABASE_REPLICA_URLS: ' mysql://reader:r%40d@db-r1:3307/hospital , mariadb://db-r2 ' });
    expect(t).toEqual({
      host: 'db-main',
      port: 3306,
      user: 'app',
      password: 's3cret',
      database: 'hospital',
      replicas: [
        { host: 'db-r1', port: 3307, user: 'reader', password: 'r@d', database: 'hospital' },
        { host: 'db-r2', port: 3306, user: 'app', password: 's3cret', database: 'hospital' },
      ],
    });
    expect(envDatabaseTarget({ HMS_DATABASE_URL: 'mysql://app@db-main/hospital' })).not.toHaveProperty('replicas');
    expect(envDatabaseTarget({})).toBeNull();
  });

  it('refuses replicas of another database, or without a primary', () => {
    expect(() => envDatabaseTarget({ HMS_DATABASE_URL: 'mysql://app@db-main/hospital', HMS_DATABASE_REPLICA_URLS: 'mysql://app@db-r1/other' })).toThrow('A read replica serves the primary\'s database "hospital", not "other"');
    expect(() => envDatabaseTarget({ HMS_DATABASE_REPLICA_URLS: 'mysql://app@db-r1/hospital' })).toThrow('HMS_DATABASE_REPLICA_URLS needs HMS_DATABASE_URL');
    expect(() => envDatabaseTarget({ HMS_DATABASE_URL: 'mysql://app@db-main/hospital', HMS_DATABASE_REPLICA_URLS: 'db-r1:3306' })).toThrow(/mysql:\/\/ or mariadb:\/\//);
  });

  it('become TypeORM replication: writes and unmarked reads on the primary, replicas with a small pool', () => {
    const ds = createDataSource(envDatabaseTarget({ HMS_DATABASE_URL: 'mysql://app@db-main/hospital', HMS_DATABASE_REPLICA_URLS: 'mysql://reader@db-r1/hospital' })!, [], 10);
    const replication = (ds.options as { replication?: { defaultMode: string; master: { host: string }; slaves: { host: string; poolSize: number }[] } }).replication!;
    expect(replication.defaultMode).toBe('master');
    expect(replication.master.host).toBe('db-main');
    expect(replication.slaves.map((s) => [s.host, s.poolSize])).toEqual([['db-r1', 4]]);
  });
});
