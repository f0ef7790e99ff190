// Booking the way the desk thinks: a patient found by search → department or specialization → doctor (or the first free
// one) → day → a free slot → reason → Book. A slot taken meanwhile is said so, and the slots are shown afresh.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Grid, Group, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconCalendarCheck, IconCircleCheck } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { AppointmentView, SlotOffer } from '@shared/contract/appointments';
import type { PatientSummary } from '@shared/contract/patients';
import { countryInfo } from '@shared/domain/countries';
import { api, isApiError } from '../../api/client';
import { refreshShowing, useChannelQuery } from '../../api/queries';
import { href } from '../../app/router';
import { useMayOpen, useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { DateStepper } from '../../components/DateStepper';
import { issuesToFields } from '../../components/form';
import { FormAlert, FormSection } from '../../components/FormSection';
import { formatTime, personName, todayIn } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { PatientPicker } from '../../components/PatientPicker';
import { addDays, dateAt, dayLabel, isIsoDate } from '../../components/calendar';
import { doctorLabel, useDepartments, useDoctors } from '../staff';
import { SlotPicker, type SlotSource } from './SlotPicker';

const FIRST_FREE = 'first';
type FindBy = 'department' | 'specialization';

export function BookingPage({ patientId }: { patientId?: number }) {
  const queryClient = useQueryClient();
  const { hospital } = useSession();
  const mayOpen = useMayOpen();
  const hospitalId = hospital?.id ?? null;
  const timeZone = hospital?.timeZone ?? 'UTC';
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;

  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [findBy, setFindBy] = useState<FindBy>('department');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [specialization, setSpecialization] = useState<string | null>(null);
  const [doctor, setDoctor] = useState<string | null>(null);
  const [date, setDate] = useState(() => todayIn(timeZone));
  const [selected, setSelected] = useState<SlotOffer | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [booked, setBooked] = useState<AppointmentView | null>(null);
  const bookedRef = useRef<HTMLDivElement>(null);

  const given = useChannelQuery('patients.get', { id: patientId ?? 0 }, { enabled: patientId !== undefined, staleTime: 60_000 });
  useEffect(() => {
    if (given.data) setPatient(given.data);
  }, [given.data]);

  const departments = useDepartments(hospitalId);
  const doctors = useDoctors(hospitalId);
  const specializations = useMemo(() => [...new Set((doctors.data ?? []).map((d) => d.specialization))].sort(), [doctors.data]);
  const doctorChoices = (doctors.data ?? []).filter((d) =>
    findBy === 'department' ? !departmentId || d.departmentId === Number(departmentId) : !specialization || d.specialization === specialization,
  );
  const group = findBy === 'department' ? departmentId : specialization;

  const source: SlotSource | null =
    doctor && doctor !== FIRST_FREE
      ? { kind: 'doctor', doctorId: Number(doctor) }
      : doctor === FIRST_FREE && hospitalId && group
        ? findBy === 'department'
          ? { kind: 'department', hospitalId, departmentId: Number(group) }
          : { kind: 'specialization', hospitalId, specialization: group }
        : null;

  /** A new doctor, department or day: the slot chosen before and what went wrong with it no longer apply. */
  const clearChoice = () => {
    setSelected(null);
    setFailure(null);
  };
  const changeDate = (d: string) => {
    setDate(d);
    clearChoice();
  };
  const choose = (o: SlotOffer) => {
    setSelected(o);
    setFailure(null);
    setBooked(null);
    setErrors((e) => ({ ...e, start: '' }));
    // An offer on another day or of another doctor: the screen follows it, so the choice is seen where it is.
    setDate(dateAt(o.start, timeZone));
    if (doctor !== FIRST_FREE && doctor !== String(o.doctorId)) {
      setDoctor(String(o.doctorId));
      const d = doctors.data?.find((x) => x.id === o.doctorId);
      if (d && findBy === 'department' && d.departmentId !== null && departmentId && d.departmentId !== Number(departmentId)) setDepartmentId(String(d.departmentId));
    }
  };

  const book = useMutation({
    mutationFn: (input: { patientId: number; doctorId: number; start: string; reason: string }) => api.appointments.book(input),
    onSuccess: (a) => {
      setBooked(a);
      setSelected(null);
      setReason('');
      notifications.show({ color: 'teal', title: 'Booked', message: `${a.patientName} with ${a.doctorName}, ${dayLabel(a.date)} at ${formatTime(a.start, timeZone)}.` });
      setTimeout(() => bookedRef.current?.focus(), 0);
    },
    onError: (e) => {
      setFailure(e.message);
      if (isApiError(e, 'VALIDATION')) setErrors(e.fields ?? {});
      if (isApiError(e, 'CONFLICT') && selected) {
        // The slot went to another desk a moment ago: the grid is asked again, so it is no longer offered.
        setSelected(null);
        void refreshShowing(queryClient, { entity: 'appointment', hospitalIds: hospitalId ? [hospitalId] : [] });
      }
    },
  });

  const submit = () => {
    setFailure(null);
    const input = { patientId: patient?.id, doctorId: selected?.doctorId, start: selected?.start, reason };
    const parsed = contract['appointments.book'].input.safeParse(input);
    const fields = parsed.success ? {} : issuesToFields(parsed.error);
    if (!patient) fields.patientId = 'Find the patient first.';
    if (!selected) fields.start = 'Choose a free slot.';
    setErrors(fields);
    if (Object.keys(fields).length || !parsed.success) return;
    book.mutate(parsed.data as { patientId: number; doctorId: number; start: string; reason: string });
  };

  return (
    <>
      <PageHeader
        title="Book appointment"
        description="Find the patient, choose a department or specialization, a doctor (or the first free one), the day and a free slot."
        back={patient && mayOpen(`/patients/${patient.id}`) ? { label: personName(patient), href: href(`/patients/${patient.id}`) } : mayOpen('/appointments') ? { label: 'Hospital schedule', href: href('/appointments') } : undefined}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <FormSection title="Patient">
              <PatientPicker value={patient} onChange={(p) => (setPatient(p), setBooked(null))} error={errors.patientId} />
            </FormSection>
            <FormSection title="Doctor">
              <SegmentedControl
                fullWidth
                value={findBy}
                onChange={(v) => {
                  setFindBy(v as FindBy);
                  setDoctor(null);
                  clearChoice();
                }}
                data={[
                  { value: 'department', label: 'By department' },
                  { value: 'specialization', label: 'By specialization' },
                ]}
              />
              {findBy === 'department' ? (
                <Select
                  label="Department"
                  placeholder="Choose a department"
                  data={(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))}
                  value={departmentId}
                  onChange={(v) => {
                    setDepartmentId(v);
                    setDoctor(v ? FIRST_FREE : null);
                    clearChoice();
                  }}
                  searchable
                  clearable
                />
              ) : (
                <Select
                  label="Specialization"
                  placeholder="Choose a specialization"
                  data={specializations}
                  value={specialization}
                  onChange={(v) => {
                    setSpecialization(v);
                    setDoctor(v ? FIRST_FREE : null);
                    clearChoice();
                  }}
                  searchable
                  clearable
                />
              )}
              <Select
                label="Doctor"
                placeholder={group ? 'First free doctor or a named one' : 'Choose a doctor'}
                data={[...(group ? [{ value: FIRST_FREE, label: 'First free doctor' }] : []), ...doctorChoices.map((d) => ({ value: String(d.id), label: doctorLabel(d) }))]}
                value={doctor}
                onChange={(v) => {
                  setDoctor(v);
                  clearChoice();
                }}
                searchable
                nothingFoundMessage={doctors.isPending ? 'Loading…' : 'No doctor'}
              />
            </FormSection>
            <FormSection title="Day">
              <DateStepper unit="day" gap="xs" onStep={(d) => isIsoDate(date) && changeDate(addDays(date, d))}>
                <div style={{ flex: 1 }}>
                  <DateField label="Date" value={date} onChange={changeDate} order={order} />
                </div>
              </DateStepper>
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {isIsoDate(date) ? dayLabel(date) : ''}
                  {date === todayIn(timeZone) ? ' (today)' : ''}
                </Text>
                {date !== todayIn(timeZone) && (
                  <Button size="compact-sm" variant="subtle" onClick={() => changeDate(todayIn(timeZone))}>
                    Back to today
                  </Button>
                )}
              </Group>
            </FormSection>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            {booked && (
              <div ref={bookedRef} tabIndex={-1} style={{ outline: 'none' }}>
                <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Appointment booked" role="status">
                  <Stack gap="xs">
                    <Text size="sm">
                      {booked.patientName} ({booked.patientNumber}) with {booked.doctorName}, {dayLabel(booked.date)} at {formatTime(booked.start, timeZone)}
                      {booked.departmentName ? ` · ${booked.departmentName}` : ''}.
                    </Text>
                    <Group gap="xs">
                      {mayOpen(`/patients/${booked.patientId}`) && (
                        <Button size="xs" variant="white" component="a" href={href(`/patients/${booked.patientId}`)}>
                          Open patient
                        </Button>
                      )}
                      {mayOpen(`/appointments?date=${booked.date}`) && (
                        <Button size="xs" variant="white" component="a" href={href(`/appointments?date=${booked.date}`)}>
                          Hospital schedule
                        </Button>
                      )}
                    </Group>
                  </Stack>
                </Alert>
              </div>
            )}
            <FormSection title="Free slots" description={source ? undefined : 'Choose a doctor, or a department or specialization and “First free doctor”.'}>
              {source && isIsoDate(date) && <SlotPicker source={source} date={date} timeZone={timeZone} selected={selected} onSelect={choose} />}
              {errors.start && (
                <Text size="sm" c="red" role="alert">
                  {errors.start}
                </Text>
              )}
            </FormSection>
            <FormSection title="Booking">
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  submit();
                }}
              >
                <Stack gap="md">
                  <Text size="sm" data-testid="booking-summary">
                    {selected ? (
                      <>
                        <b>{patient ? personName(patient) : 'No patient chosen'}</b> with <b>{selected.doctorName}</b>, {dayLabel(dateAt(selected.start, timeZone))} at{' '}
                        <b>{formatTime(selected.start, timeZone)}</b>
                      </>
                    ) : (
                      <Text span c="dimmed" size="sm">
                        No slot chosen yet.
                      </Text>
                    )}
                  </Text>
                  <Textarea label="Reason for the visit" placeholder="e.g. Follow-up of blood pressure" autosize minRows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
                  <FormAlert message={failure} title="Not booked" />
                  <Group justify="flex-end">
                    <Button type="submit" leftSection={<IconCalendarCheck size={18} />} loading={book.isPending}>
                      Book
                    </Button>
                  </Group>
                </Stack>
              </form>
            </FormSection>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
