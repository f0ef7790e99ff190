// The signed-in person's own rota: upcoming shifts over four weeks, and hours this week and this month against the contract.
import { Badge, Center, EmptyState, Group, Loader, Paper, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconCalendarOff } from '@tabler/icons-react';
import type { ShiftAssignment } from '@shared/contract/shifts';
import { hoursText } from '@shared/domain/shifts';
import { useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { FormAlert } from '../../components/FormSection';
import { formatTime, personName, todayIn } from '../../components/format';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { dateAt, dayLabel } from '../../components/calendar';

export function MyShiftsPage() {
  const { hospital } = useSession();
  const mine = useChannelQuery('shifts.mine');
  const timeZone = hospital?.timeZone ?? 'UTC';
  const today = todayIn(timeZone);

  if (mine.error) return <FormAlert title="Your shifts could not be loaded" message={mine.error.message} />;
  if (!mine.data) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  const { staff, upcoming, weekMinutes, monthMinutes, contractedMinutes } = mine.data;
  if (!staff) return <EmptyPage title="No staff record" description="Your sign-in is not linked to a staff record, so there is no rota for you. HR links them on the staff record." />;
  // A month's contract: the weekly hours over the average 4.33 weeks of a month, in whole hours.
  const monthContract = Math.round((contractedMinutes * 52) / 12 / 60) * 60;

  return (
    <>
      <PageHeader title="My shifts" description={`${personName(staff)} · ${staff.employeeNumber} · contracted ${hoursText(contractedMinutes)} a week`} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="lg" maw={760}>
        <HoursCard label="This week" minutes={weekMinutes} contract={contractedMinutes} />
        <HoursCard label="This month" minutes={monthMinutes} contract={monthContract} about />
      </SimpleGrid>
      <Paper withBorder radius="md">
        {upcoming.length === 0 ? (
          <EmptyState py={48} icon={<IconCalendarOff size={28} />} title="No shifts planned" description="Nothing is planned for you in the next four weeks." />
        ) : (
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Upcoming shifts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Day</Table.Th>
                <Table.Th>Shift</Table.Th>
                <Table.Th>Hours</Table.Th>
                <Table.Th>Department</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Length</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {upcoming.map((s) => (
                <ShiftRow key={s.id} shift={s} timeZone={timeZone} today={today} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </>
  );
}

function HoursCard({ label, minutes, contract, about }: { label: string; minutes: number; contract: number; about?: boolean }) {
  const percent = contract ? Math.min(100, (minutes / contract) * 100) : 0;
  const over = contract > 0 && minutes > contract;
  return (
    <Paper withBorder radius="md" p="md" aria-label={`${label}: ${hoursText(minutes)} of ${hoursText(contract)}`}>
      <Stack gap={6}>
        <Text size="sm" c="dimmed" fw={500}>
          {label}
        </Text>
        <Group gap={6} align="baseline">
          <Text fz={28} fw={700} lh={1}>
            {hoursText(minutes)}
          </Text>
          <Text size="sm" c="dimmed">
            of {about ? 'about ' : ''}
            {hoursText(contract)} contracted
          </Text>
        </Group>
        <Progress value={percent} color={over ? 'red' : 'teal'} size="sm" />
        {over && (
          <Text size="xs" c="red.8">
            {hoursText(minutes - contract)} over the contract
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function ShiftRow({ shift: s, timeZone, today }: { shift: ShiftAssignment; timeZone: string; today: string }) {
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" fw={500} span>
          {dayLabel(s.date)}
        </Text>
        {s.date === today && (
          <Badge ml="xs" size="sm" variant="light" color="teal">
            today
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" tt="none" mr="xs">
          {s.shiftCode}
        </Badge>
        {s.shiftName}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {formatTime(s.start, timeZone)}–{formatTime(s.end, timeZone)}
        {/* A shift ending at midnight still ends on its own day. */}
        {dateAt(new Date(Date.parse(s.end) - 1).toISOString(), timeZone) > s.date ? ' (+1)' : ''}
      </Table.Td>
      <Table.Td>{s.departmentName}</Table.Td>
      <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{hoursText(s.minutes)}</Table.Td>
    </Table.Tr>
  );
}
