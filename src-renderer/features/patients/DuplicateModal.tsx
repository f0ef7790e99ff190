// The duplicate warning before registering: possible matches, open one of them, or register a new patient anyway.
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { DuplicateCandidate } from '@shared/contract/patients';
import { displayPhone, formatDate, personName } from '../../components/format';

export function DuplicateModal({
  candidates,
  onOpen,
  onRegisterAnyway,
  onClose,
  registering,
}: {
  candidates: DuplicateCandidate[] | null;
  onOpen: (c: DuplicateCandidate) => void;
  onRegisterAnyway: () => void;
  onClose: () => void;
  registering: boolean;
}) {
  const list = candidates ?? [];
  return (
    <Modal opened={candidates !== null} onClose={onClose} title={<Text fw={600}>Possible duplicate patient</Text>} size={920}>
      <Stack gap="md">
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
          {list.length === 1 ? 'A patient' : `${list.length} patients`} already registered may be the same person. Open the existing record, or register
          a new patient if this is somebody else.
        </Alert>
        <Table verticalSpacing="sm" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Patient ID</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>Date of birth</Table.Th>
              <Table.Th>Phone</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((c, i) => (
              <Table.Tr key={c.id}>
                <Table.Td ff="monospace">{c.patientNumber}</Table.Td>
                <Table.Td>{personName(c)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(c.dateOfBirth)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{displayPhone(c.phone)}</Table.Td>
                <Table.Td>
                  <Text size="sm" c="orange.9">
                    {c.reason.charAt(0).toUpperCase() + c.reason.slice(1)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" onClick={() => onOpen(c)} data-autofocus={i === 0 || undefined}>
                    Open existing
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Back to the form
          </Button>
          <Button color="orange" onClick={onRegisterAnyway} loading={registering}>
            Register as new patient
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
