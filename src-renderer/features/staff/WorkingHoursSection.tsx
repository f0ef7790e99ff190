// A doctor's weekly working hours, per hospital and period, with the editor that sets hours for a new period.
import { useState } from 'react';
import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconCalendarTime, IconClockEdit } from '@tabler/icons-react';
import type { StaffMember } from '@shared/contract/staff';
import { clockMinutes, WEEKDAY_LABELS, WEEKDAYS } from '@shared/domain/scheduling';
import { useChannelQuery } from '../../api/queries';
import { useHospital, useSession } from '../../app/session';
import { FormSection } from '../../components/FormSection';
import { formatDate, todayIn } from '../../components/format';
import { SectionGate } from '../../components/RecordGate';
import { hoursPeriods, type HoursPeriod } from './schedule';
import { WeeklyHoursEditor } from './WeeklyHoursEditor';

const WHEN: Record<HoursPeriod['when'], { label: string; color: string }> = {
  current: { label: 'Current', color: 'teal' },
  upcoming: { label: 'Upcoming', color: 'blue' },
  ended: { label: 'Ended', color: 'gray' },
};

export function useDoctorSchedule(doctorId: number) {
  return useChannelQuery('doctors.getSchedule', { doctorId });
}

export function WorkingHoursSection({ member, editable }: { member: StaffMember; editable: boolean }) {
  const { hospitals } = useSession();
  const hospital = useHospital(member.hospitalId);
  const schedule = useDoctorSchedule(member.id);
  const [editing, setEditing] = useState(false);
  const today = todayIn(hospital?.timeZone);
  const periods = hoursPeriods(schedule.data?.hours ?? [], today);
  const hospitalName = (id: number) => hospitals.find((h) => h.id === id)?.name ?? `Hospital #${id}`;

  return (
    <FormSection
      title="Working hours"
      description="Weekly hours per hospital, in the hospital's local time. Booking offers slots inside them, minus the exceptions below."
    >
      <SectionGate query={schedule} failed="The working hours could not be loaded" empty={periods.length === 0 && 'No working hours yet: this doctor cannot be booked until hours are set.'}>
        {() => (
          <Stack gap="md">
            {periods.map((p) => (
              <HoursPeriodTable key={`${p.hospitalId}|${p.validFrom}|${p.validTo}`} period={p} hospitalName={hospitalName(p.hospitalId)} />
            ))}
          </Stack>
        )}
      </SectionGate>
      {editable && (
        <Group>
          <Button leftSection={<IconClockEdit size={18} />} onClick={() => setEditing(true)} disabled={!schedule.data}>
            Set weekly hours…
          </Button>
        </Group>
      )}
      {schedule.data && (
        <WeeklyHoursEditor opened={editing} onClose={() => setEditing(false)} member={member} periods={periods} defaultSlotMinutes={schedule.data.doctor.defaultSlotMinutes} />
      )}
    </FormSection>
  );
}

function HoursPeriodTable({ period: p, hospitalName }: { period: HoursPeriod; hospitalName: string }) {
  const range = p.validTo ? `${formatDate(p.validFrom)} – ${formatDate(p.validTo)}` : `from ${formatDate(p.validFrom)}, no end date`;
  const weekly = p.byWeekday.flat().reduce((sum, h) => sum + minutesBetween(h.start, h.end), 0);
  return (
    <Paper withBorder radius="sm" p="sm" bg={p.when === 'ended' ? 'gray.0' : undefined} aria-label={`Hours at ${hospitalName} ${range}`} component="section">
      <Group justify="space-between" mb={6}>
        <Group gap="xs">
          <IconCalendarTime size={16} />
          <Text size="sm" fw={600}>
            {hospitalName}
          </Text>
          <Text size="sm" c="dimmed">
            {range}
          </Text>
        </Group>
        <Group gap="xs">
          <Text size="xs" c="dimmed">
            {formatHours(weekly)} a week
          </Text>
          <Badge size="sm" variant="light" color={WHEN[p.when].color} tt="none">
            {WHEN[p.when].label}
          </Badge>
        </Group>
      </Group>
      <Table verticalSpacing={4} horizontalSpacing="sm" withRowBorders={false}>
        <Table.Tbody>
          {WEEKDAYS.map((d) => (
            <Table.Tr key={d}>
              <Table.Td w={120}>
                <Text size="sm" c={p.byWeekday[d].length ? undefined : 'dimmed'}>
                  {WEEKDAY_LABELS[d]}
                </Text>
              </Table.Td>
              <Table.Td>
                {p.byWeekday[d].length === 0 ? (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                ) : (
                  <Group gap="xs">
                    {p.byWeekday[d].map((h) => (
                      <Badge key={h.id} variant="default" radius="sm" size="lg" tt="none" fw={500}>
                        {h.start}–{h.end}
                        <Text span size="xs" c="dimmed" ml={6}>
                          {h.slotMinutes} min slots
                        </Text>
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

const minutesBetween = (start: string, end: string) => (clockMinutes(end) ?? 0) - (clockMinutes(start) ?? 0);

const formatHours = (minutes: number) => (minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes / 60} h`);
