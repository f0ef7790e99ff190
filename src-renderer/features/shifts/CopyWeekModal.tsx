// Copying a week's shifts onto the week shown (the previous week, or any week used as a template): each copied shift is
// checked like a new one, and the refusals say who, when and why.
import { useState } from 'react';
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle, IconCircleCheck, IconCopy } from '@tabler/icons-react';
import { contract, type Output } from '@shared/contract';
import type { Rota } from '@shared/contract/shifts';
import { api } from '../../api/client';
import { DateField } from '../../components/DateField';
import { useForm } from '../../components/form';
import { formatDate } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { addDays, dayLabel, isIsoDate, weekStart } from '../../components/calendar';

export function CopyWeekModal({ opened, rota, order, onClose }: { opened: boolean; rota: Rota; order: 'DMY' | 'MDY'; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Copy a week into the week of {formatDate(rota.weekStart)}</Text>} size="xl">
      {opened && <CopyWeekForm rota={rota} order={order} onClose={onClose} />}
    </Modal>
  );
}

function CopyWeekForm({ rota, order, onClose }: { rota: Rota; order: 'DMY' | 'MDY'; onClose: () => void }) {
  const previous = addDays(rota.weekStart, -7);
  const form = useForm({ fromWeekStart: previous });
  const [result, setResult] = useState<Output<'shifts.copyWeek'> | null>(null);
  const copy = useMutation({
    mutationFn: (input: { departmentId: number; fromWeekStart: string; toWeekStart: string }) => api.shifts.copyWeek(input),
    onSuccess: setResult,
    onError: (e) => form.fail(e),
  });
  const from = isIsoDate(form.values.fromWeekStart) ? weekStart(form.values.fromWeekStart) : form.values.fromWeekStart;
  const submit = () => {
    const input = { departmentId: rota.department.id, fromWeekStart: from, toWeekStart: rota.weekStart };
    if (form.check(contract['shifts.copyWeek'].input, input)) copy.mutate(input);
  };

  if (result) return <CopyResult result={result} onClose={onClose} />;
  return (
    <ModalForm form={form} onSubmit={submit} gap="md" failTitle="Nothing was copied" onCancel={onClose} submitLabel="Copy shifts" submitIcon={<IconCopy size={16} />} loading={copy.isPending}>
      <Text size="sm">
        The shifts of <b>{rota.department.name}</b> in the chosen week are planned again on the same weekdays of the week of {formatDate(rota.weekStart)}. Each one is checked
        like a new assignment (overlaps, rest, weekly hours, leave); shifts already there stay.
      </Text>
      <Group align="flex-end" gap="sm">
        <DateField
          label="Copy from the week of"
          description="Any day of that week"
          value={form.values.fromWeekStart}
          onChange={(d) => form.set('fromWeekStart', d)}
          order={order}
          error={form.errors.fromWeekStart ?? form.errors.toWeekStart}
          w={220}
        />
        <Button variant="subtle" onClick={() => form.set('fromWeekStart', previous)} disabled={form.values.fromWeekStart === previous}>
          Previous week
        </Button>
      </Group>
      {isIsoDate(from) && (
        <Text size="sm" c="dimmed">
          {dayLabel(from)} – {dayLabel(addDays(from, 6))} → {dayLabel(rota.weekStart)} – {dayLabel(addDays(rota.weekStart, 6))}
        </Text>
      )}
    </ModalForm>
  );
}

function CopyResult({ result, onClose }: { result: Output<'shifts.copyWeek'>; onClose: () => void }) {
  const n = result.created.length;
  return (
    <Stack gap="md">
      <Alert color={n ? 'teal' : 'gray'} variant="light" icon={<IconCircleCheck size={18} />} title={`${n} ${n === 1 ? 'shift' : 'shifts'} copied`}>
        {result.refused.length ? `${result.refused.length} could not be planned:` : 'Every shift of that week was planned.'}
      </Alert>
      {result.refused.length > 0 && (
        <Table.ScrollContainer minWidth={560} mah={360}>
          <Table verticalSpacing={6} aria-label="Shifts not copied">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Day</Table.Th>
                <Table.Th>Shift</Table.Th>
                <Table.Th>Why not</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.refused.map((r, i) => (
                <Table.Tr key={i}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.staffName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dayLabel(r.date)}</Table.Td>
                  <Table.Td>{r.shiftCode}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <IconAlertTriangle size={14} color="var(--mantine-color-red-7)" style={{ flex: 'none', marginTop: 3 }} />
                      <Text size="sm">{r.reason}</Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose} data-autofocus>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
