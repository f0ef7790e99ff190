// The quiet red "Cancel" at the end of a booking's row (a bed reservation, a theatre booking); it opens the reason form.
import { Button } from '@mantine/core';
import { IconX } from '@tabler/icons-react';

export function CancelBookingButton({ onClick }: { onClick: () => void }) {
  return (
    <Button size="compact-sm" variant="subtle" color="red" leftSection={<IconX size={14} />} onClick={onClick}>
      Cancel
    </Button>
  );
}
