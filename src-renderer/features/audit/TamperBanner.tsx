// The red line administrators see while this workstation's witness finds the audit trail rewritten, cut or emptied.
import { useEffect, useState } from 'react';
import { Alert, Anchor } from '@mantine/core';
import { IconShieldX } from '@tabler/icons-react';
import type { AuditTamperAlarm } from '@shared/contract/audit';
import { onEvent } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { href } from '../../app/router';
import { useSession } from '../../app/session';

/** `top` keeps the banner under a fixed header while the page scrolls. Render it for administrators only. */
export function TamperBanner({ top = 0 }: { top?: number }) {
  const [pushed, setPushed] = useState<AuditTamperAlarm | null>(null);
  // An alarm raised before this window opened is read from the witness; a new one arrives as an event.
  const { session } = useSession();
  // A locked screen may not ask (the call would be refused); it asks again once unlocked.
  const status = useChannelQuery('audit.witness', undefined, { enabled: !session.locked, refetchInterval: 5 * 60_000, staleTime: 60_000 });
  const { refetch } = status;
  useEffect(
    () =>
      onEvent('audit.tampered', (a) => {
        setPushed(a);
        void refetch();
      }),
    [refetch],
  );
  // The witness's own answer wins once it is read: it also says when the trail holds the entry again.
  const alarm = status.data ? status.data.alarm : pushed;
  if (!alarm) return null;
  return (
    <Alert role="alert" color="red" variant="filled" radius={0} icon={<IconShieldX size={18} />} style={{ position: 'sticky', top, zIndex: 149 }} title="The audit trail was tampered with">
      {alarm.reason} (this workstation had seen entry {alarm.expected.entryId}; the trail now ends at entry {alarm.found.lastId}).{' '}
      <Anchor href={href('/audit')} c="white" underline="always">
        Open the audit trail and verify it
      </Anchor>
    </Alert>
  );
}
