// Everybody's own salary slips (finalized runs only), newest first: open one to read it and print it.
import { useState } from 'react';
import { Center, EmptyState, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { IconReceiptOff } from '@tabler/icons-react';
import { useChannelQuery } from '../../api/queries';
import { FormAlert } from '../../components/FormSection';
import { formatDate, formatMoney } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { monthLabel } from './payroll-ui';
import { PrintSlipButton, SlipBody } from './SlipView';

export function MySlipsPage() {
  const mine = useChannelQuery('payroll.mySlips', {});
  const [openId, setOpenId] = useState<number | null>(null);
  if (mine.error) return <FormAlert title="Your slips could not be loaded" message={mine.error.message} />;
  if (!mine.data)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  const slips = mine.data;
  const open = slips.find((s) => s.id === openId) ?? slips[0];
  return (
    <>
      <PageHeader title="My slips" description={open ? `${open.name} · ${open.employeeNumber}: your salary slips once payroll is finalized.` : 'Your salary slips once payroll is finalized.'} />
      {slips.length === 0 || !open ? (
        <Paper withBorder radius="md">
          <EmptyState py={48} icon={<IconReceiptOff size={28} />} title="No salary slips yet" description="Your slips appear here once HR finalizes a payroll run you are paid in." />
        </Paper>
      ) : (
        <Stack gap="lg">
          <Paper withBorder radius="md">
            <Table highlightOnHover verticalSpacing="xs" aria-label="My salary slips">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Month</Table.Th>
                  <Table.Th>Paid on</Table.Th>
                  <Table.Th ta="right">Gross</Table.Th>
                  <Table.Th ta="right">Net pay</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {slips.map((s) => (
                  <Table.Tr
                    key={s.id}
                    aria-label={`${monthLabel(s.month)} ${formatMoney(s.net, s.currency)}`}
                    onClick={() => setOpenId(s.id)}
                    style={{ cursor: 'pointer' }}
                    bg={s.id === open.id ? 'var(--mantine-color-teal-0)' : undefined}
                  >
                    <Table.Td fw={500}>{monthLabel(s.month)}</Table.Td>
                    <Table.Td>{formatDate(s.paidOn)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(s.gross, s.currency)}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {formatMoney(s.net, s.currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Group justify="space-between">
            <Text fw={600} size="lg">
              Salary slip {monthLabel(open.month)}
            </Text>
            <PrintSlipButton slip={open} own />
          </Group>
          <SlipBody slip={open} />
        </Stack>
      )}
    </>
  );
}
