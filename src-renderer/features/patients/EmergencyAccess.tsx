// A patient of another hospital of the chain is read anywhere, but changed (or their national ID revealed) only where
// they were registered or seen, or in an emergency the desk states: the reason goes to the audit trail with the access.
import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

export function EmergencyAccess({ message, action, pending, onConfirm }: { message: string; action: string; pending: boolean; onConfirm: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const short = reason.trim().length < 10;
  return (
    <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Patient of another hospital" role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        <TextInput
          label="Emergency: why do you need it?"
          description="Recorded in the audit trail with your name."
          placeholder="e.g. Unconscious patient brought to casualty"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={300}
        />
        <Group justify="flex-end">
          <Button color="orange" disabled={short} loading={pending} onClick={() => onConfirm(reason.trim())}>
            {action}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
