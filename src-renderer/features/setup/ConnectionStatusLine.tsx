// What the workstation knows about its database connection right now.
import { Alert } from '@mantine/core';
import { IconDatabase, IconDatabaseOff } from '@tabler/icons-react';
import type { ConnectionStatus } from '@shared/contract/setup';

export function ConnectionStatusLine({ status }: { status: ConnectionStatus | undefined }) {
  if (!status) return null;
  const here = status.thisComputer?.inUse === true;
  const where = here
    ? `This computer’s private database${status.thisComputer?.dataDir ? ` (${status.thisComputer.dataDir})` : ''}`
    : status.host
      ? `${status.user ?? '?'}@${status.host}:${status.port ?? 3306}/${status.database ?? ''}`
      : null;
  const from = here ? '' : status.source === 'env' ? ' (from HMS_DATABASE_URL)' : status.source === 'profile' ? ' (saved on this workstation)' : '';
  if (status.connected) {
    return (
      <Alert color={status.replicaWarning ? 'yellow' : 'teal'} icon={<IconDatabase size={18} />} title="Connected" role="status">
        {where}
        {from}
        {status.serverVersion ? ` · server ${status.serverVersion}` : ''}
        {/* A read replica left aside: its reads go to the primary (README "Read replicas"). */}
        {status.replicaWarning && <div>{status.replicaWarning}</div>}
      </Alert>
    );
  }
  return (
    <Alert color={status.source === 'none' ? 'blue' : 'red'} icon={<IconDatabaseOff size={18} />} title={status.source === 'none' ? 'No database set up yet' : 'Not connected'} role="status">
      {status.message ?? (status.source === 'none' ? 'Enter where the hospital database is.' : 'The database does not answer.')}
      {where ? ` · ${where}${from}` : ''}
    </Alert>
  );
}
