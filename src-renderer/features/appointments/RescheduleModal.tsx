// Moving a booked appointment to another free slot, of the same doctor or another one of the department.
import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconArrowRight } from '@tabler/icons-react';
import type { AppointmentView, SlotOffer } from '@shared/contract/appointments';
import { countryInfo } from '@shared/domain/countries';
import { api, isApiError } from '../../api/client';
import { refreshShowing } from '../../api/queries';
import { useHospital } from '../../app/session';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormSection';
import { formatTime } from '../../components/format';
import { dateAt, dayLabel, isIsoDate } from '../../components/calendar';
import { doctorLabel, useDoctors } from '../staff';
import { SlotPicker } from './SlotPicker';

export function RescheduleModal({ appointment, timeZone, opened, onClose }: { appointment: AppointmentView; timeZone?: string; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Reschedule appointment</Text>} size="xl">
      {opened && <RescheduleForm appointment={appointment} timeZone={timeZone} onClose={onClose} />}
    </Modal>
  );
}

function RescheduleForm({ appointment: a, timeZone: tzGiven, onClose }: { appointment: AppointmentView; timeZone?: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const hospital = useHospital(a.hospitalId);
  const timeZone = tzGiven ?? hospital?.timeZone ?? 'UTC';
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const doctors = useDoctors(a.hospitalId);
  const [doctorId, setDoctorId] = useState(a.doctorId);
  const [date, setDate] = useState(a.date);
  const [selected, setSelected] = useState<SlotOffer | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The same department's doctors (or every doctor when the appointment has no department).
  const choices = (doctors.data ?? []).filter((d) => d.id === a.doctorId || a.departmentId === null || d.departmentId === a.departmentId);

  const move = useMutation({
    mutationFn: (slot: SlotOffer) => api.appointments.reschedule({ id: a.id, version: a.version, start: slot.start, doctorId: slot.doctorId === a.doctorId ? undefined : slot.doctorId }),
    onSuccess: (moved) => {
      notifications.show({ color: 'teal', title: 'Rescheduled', message: `${moved.patientName} now sees ${moved.doctorName} on ${dayLabel(moved.date)} at ${formatTime(moved.start, timeZone)}.` });
      onClose();
    },
    onError: (e) => {
      setError(e.message);
      if (isApiError(e, 'CONFLICT')) {
        // Someone else took the slot (or changed the appointment): show the slots as they are now.
        setSelected(null);
        void refreshShowing(queryClient, { entity: 'appointment', hospitalIds: [a.hospitalId] });
      }
    },
  });

  return (
    <Stack gap="md">
      <Text size="sm">
        Now: <b>{a.patientName}</b> with {a.doctorName}, {dayLabel(a.date)} at {formatTime(a.start, timeZone)}
      </Text>
      <Group align="flex-end" gap="sm">
        <Select
          label="Doctor"
          data={choices.map((d) => ({ value: String(d.id), label: doctorLabel(d) }))}
          value={String(doctorId)}
          onChange={(v) => {
            if (!v) return;
            setDoctorId(Number(v));
            setSelected(null);
          }}
          allowDeselect={false}
          searchable
          w={340}
        />
        <DateField label="Date" value={date} onChange={(d) => (setDate(d), setSelected(null))} order={order} w={170} />
      </Group>
      {isIsoDate(date) && (
        <SlotPicker
          source={{ kind: 'doctor', doctorId }}
          date={date}
          timeZone={timeZone}
          selected={selected}
          onSelect={(o) => {
            setError(null);
            setSelected(o);
            setDoctorId(o.doctorId);
            setDate(dateAt(o.start, timeZone));
          }}
        />
      )}
      {selected && (
        <Alert color="teal" variant="light" icon={<IconArrowRight size={18} />}>
          New time: {selected.doctorName}, {dayLabel(dateAt(selected.start, timeZone))} at {formatTime(selected.start, timeZone)}
        </Alert>
      )}
      <FormAlert message={error} title="Not rescheduled" />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Close
        </Button>
        <Button disabled={!selected} loading={move.isPending} onClick={() => selected && move.mutate(selected)}>
          Move appointment
        </Button>
      </Group>
    </Stack>
  );
}
