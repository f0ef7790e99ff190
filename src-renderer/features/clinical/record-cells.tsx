// Cells the encounter's tables share: who did something and when, and the button that cancels an order with a reason.
import { Button, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { formatDateTime } from '../../components/format';

/** "Dr Jane Okello" over the local date and time. */
export function ByWhom({ name, at, timeZone }: { name: string; at: string; timeZone: string }) {
  return (
    <>
      <Text size="sm">{name}</Text>
      <Text size="xs" c="dimmed">
        {formatDateTime(at, timeZone)}
      </Text>
    </>
  );
}

/** Opens the reason modal that cancels `what` (a test order, a prescription). */
export function CancelButton({ what, onClick }: { what: string; onClick: () => void }) {
  return (
    <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconX size={12} />} onClick={onClick} aria-label={`Cancel ${what}`}>
      Cancel
    </Button>
  );
}
