// Admitting a patient to a free or reserved bed: the patient (the one the bed is reserved for, to begin with), the
// attending doctor, the reason and the expected discharge.
import { useEffect } from 'react';
import { Select, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { contract } from '@shared/contract';
import type { PatientSummary } from '@shared/contract/patients';
import { countryInfo } from '@shared/domain/countries';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { useHospital } from '../../app/session';
import { DateField } from '../../components/DateField';
import { useForm } from '../../components/form';
import { ModalForm } from '../../components/ModalButtons';
import { PatientPicker } from '../../components/PatientPicker';
import { doctorLabel, useDoctors } from '../staff';
import { bedName, type BedPlace } from './wards-data';

export function AdmitForm({ place, hospitalId, onDone }: { place: BedPlace; hospitalId: number; onDone: () => void }) {
  const hospital = useHospital(hospitalId);
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const doctors = useDoctors(hospitalId);
  const reservation = place.bed.reservation;
  const form = useForm({ patient: null as PatientSummary | null, attendingDoctorId: null as string | null, reason: '', expectedDischarge: '' }, { aliases: { patientId: 'patient' } });
  const reserved = useChannelQuery('patients.get', { id: reservation?.patientId ?? 0 }, { enabled: !!reservation, staleTime: 60_000 });
  useEffect(() => {
    if (reserved.data) form.set('patient', reserved.data);
  }, [reserved.data]);

  const admit = useMutation({
    mutationFn: (input: { patientId: number; bedId: number; attendingDoctorId: number; reason: string; expectedDischarge: string | null; bookingId?: number }) => api.admissions.admit(input),
    onSuccess: (s) => {
      notifications.show({ color: 'teal', title: 'Admitted', message: `${s.patientName} is in ${bedName(s.roomNumber, s.bedLabel)}, under ${s.attendingDoctorName}.` });
      onDone();
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    const v = form.values;
    const input = {
      patientId: v.patient?.id,
      bedId: place.bed.id,
      attendingDoctorId: v.attendingDoctorId ? Number(v.attendingDoctorId) : undefined,
      reason: v.reason,
      expectedDischarge: v.expectedDischarge || null,
      // Admitting the patient the bed was reserved for ends that reservation.
      bookingId: reservation && v.patient?.id === reservation.patientId ? reservation.bookingId : undefined,
    };
    // A picker left empty says which choice is missing, in the desk's words (under the schema's paths, so they win).
    const missing = { ...(v.patient ? {} : { patientId: 'Find the patient first.' }), ...(v.attendingDoctorId ? {} : { attendingDoctorId: 'Choose the attending doctor.' }) };
    const parsed = form.check(contract['admissions.admit'].input, input, missing);
    if (parsed) admit.mutate(parsed);
  };

  return (
    <ModalForm form={form} onSubmit={submit} label="Admit patient" failTitle="Not admitted" onCancel={onDone} cancelLabel="Back" submitLabel="Admit" loading={admit.isPending}>
      <Title order={5}>Admit to {bedName(place.room.number, place.bed.label)}</Title>
      <PatientPicker value={form.values.patient} onChange={(p) => form.set('patient', p)} error={form.errors.patient} />
      <Select
        label="Attending doctor"
        placeholder="Choose a doctor"
        data={(doctors.data ?? []).map((d) => ({ value: String(d.id), label: doctorLabel(d) }))}
        value={form.values.attendingDoctorId}
        onChange={(v) => form.set('attendingDoctorId', v)}
        error={form.errors.attendingDoctorId}
        searchable
        required
        nothingFoundMessage={doctors.isPending ? 'Loading…' : 'No doctor'}
        comboboxProps={{ withinPortal: true }}
        // Focused for its error after a failed submit, the list stays closed so the error stays readable.
        openOnFocus={false}
      />
      <Textarea label="Reason for admission" required autosize minRows={2} maxLength={500} placeholder="e.g. Community-acquired pneumonia" {...form.text('reason')} />
      <DateField label="Expected discharge" value={form.values.expectedDischarge} onChange={(d) => form.set('expectedDischarge', d)} order={order} error={form.errors.expectedDischarge} w={220} />
    </ModalForm>
  );
}
