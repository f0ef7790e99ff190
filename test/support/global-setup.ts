// Finds the MariaDB every test file makes its own database in: HMS_TEST_DATABASE_URL, else 127.0.0.1:3306 as root,
// else a throwaway mariadbd, else one line saying what to install.
import type { TestProject } from 'vitest/node';
import { canConnect, startThrowawayMariadb, type ThrowawayServer } from './mariadb';

declare module 'vitest' {
  export interface ProvidedContext {
    mariadbUrl: string;
  }
}

let throwaway: ThrowawayServer | null = null;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let url = process.env.HMS_TEST_DATABASE_URL?.replace(/\/[^/]*$/, '') ?? null;
  if (url && !(await canConnect(url))) throw new Error(`HMS_TEST_DATABASE_URL (${url}) is not reachable.`);
  if (!url && (await canConnect('mysql://root@127.0.0.1:3306'))) url = 'mysql://root@127.0.0.1:3306';
  if (!url) {
    try {
      throwaway = await startThrowawayMariadb();
      url = throwaway.url;
    } catch {
      throw new Error('No MariaDB for the tests: set HMS_TEST_DATABASE_URL, run one on 127.0.0.1:3306 (root, no password), or install mariadb-server (apt-get install mariadb-server).');
    }
  }
  project.provide('mariadbUrl', url);
  return async () => {
    await throwaway?.destroy();
  };
}
