// Reserving a bed for a patient for a range of nights (the bed is free again on the last day).
import { Group, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { contract } from '@shared/contract';
import type { PatientSummary } from '@shared/contract/patients';
import { countryInfo } from '@shared/domain/countries';
import { api } from '../../api/client';
import { useHospital } from '../../app/session';
import { addDays } from '../../components/calendar';
import { DateField } from '../../components/DateField';
import { useForm } from '../../components/form';
import { formatDate, todayIn } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { PatientPicker } from '../../components/PatientPicker';
import { bedName, type BedPlace } from './wards-data';

export function ReserveBedForm({ place, hospitalId, onDone }: { place: BedPlace; hospitalId: number; onDone: () => void }) {
  const hospital = useHospital(hospitalId);
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const today = todayIn(hospital?.timeZone);
  const form = useForm({ patient: null as PatientSummary | null, from: addDays(today, 1), to: addDays(today, 4), reason: '' }, { aliases: { patientId: 'patient' } });

  const book = useMutation({
    mutationFn: (input: { bedId: number; patientId: number; from: string; to: string; reason: string | null }) => api.beds.book(input),
    onSuccess: (b) => {
      notifications.show({ color: 'teal', title: 'Bed reserved', message: `${bedName(b.roomNumber, b.bedLabel)} for ${b.patientName}, ${formatDate(b.from)} to ${formatDate(b.to)}.` });
      onDone();
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    const v = form.values;
    const input = { bedId: place.bed.id, patientId: v.patient?.id, from: v.from, to: v.to, reason: v.reason };
    const parsed = form.check(contract['beds.book'].input, input, v.patient ? {} : { patient: 'Find the patient first.' });
    if (parsed) book.mutate(parsed);
  };

  return (
    <ModalForm form={form} onSubmit={submit} label="Reserve bed" failTitle="Not reserved" onCancel={onDone} cancelLabel="Back" submitLabel="Reserve" loading={book.isPending}>
      <Title order={5}>Reserve {bedName(place.room.number, place.bed.label)}</Title>
      <PatientPicker value={form.values.patient} onChange={(p) => form.set('patient', p)} error={form.errors.patient} />
      <Group grow>
        <DateField label="First night" required value={form.values.from} onChange={(d) => form.set('from', d)} order={order} error={form.errors.from} />
        <DateField label="Free again on" required value={form.values.to} onChange={(d) => form.set('to', d)} order={order} error={form.errors.to} />
      </Group>
      <Textarea label="Reason" autosize minRows={2} maxLength={500} placeholder="e.g. Elective hip replacement" {...form.text('reason')} />
    </ModalForm>
  );
}
