// Placeholder replaced by the demo-data generator.
import type { DbTarget } from '../db/data-source';
export async function runSeedCli(_target: DbTarget, _args: string[]): Promise<void> {
  throw new Error('seed: under construction');
}
