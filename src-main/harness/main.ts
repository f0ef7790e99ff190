// `npm run harness`: the app's handler table on 127.0.0.1 without Electron, for browser tests and automation.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { envDatabaseTarget } from '../db/data-source';
import { handlerTable } from '../ipc/handler-table';
import { createDispatch } from '../ipc/pipeline';
import { startChangeFeed } from '../ipc/change-feed';
import { startAuditWatch } from '../ipc/audit-watch';
import { createRuntime, memoryProfiles } from '../ipc/runtime';
import { createHarnessServer } from './server';

async function main(): Promise<void> {
  // HMS_EMBEDDED_DIR: the connection screen offers "Only this computer" with its private server's data there.
  const runtime = createRuntime({ envTarget: envDatabaseTarget(), profiles: memoryProfiles(), embeddedDir: process.env.HMS_EMBEDDED_DIR || undefined });
  startChangeFeed(runtime);
  startAuditWatch(runtime);
  const token = process.env.HMS_HARNESS_TOKEN || randomBytes(24).toString('base64url');
  const rendererDir = join(__dirname, '../renderer');
  const server = createHarnessServer({
    dispatch: createDispatch(runtime, handlerTable),
    events: runtime.events,
    token,
    rendererDir: existsSync(rendererDir) ? rendererDir : null,
  });
  const port = Number(process.env.HMS_HARNESS_PORT ?? 0);
  server.listen(port, '127.0.0.1', () => {
    const { port: actual } = server.address() as AddressInfo;
    process.stdout.write(`harness listening on http://127.0.0.1:${actual} token=${token}\n`);
  });
  const stop = async () => {
    server.close();
    server.closeAllConnections();
    await runtime.db.close();
    await runtime.embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error('harness failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
