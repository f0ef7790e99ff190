// One patient: the record in sections, the masked national ID, and editing with the version check.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconDeviceFloppy, IconEdit, IconEye, IconEyeOff, IconHistory, IconInfoCircle } from '@tabler/icons-react';
import { PatientFields, type Patient } from '@shared/contract/patients';
import { ageOn } from '@shared/domain/dates';
import { api, isApiError } from '../../api/client';
import { channelKey, useChannelQuery } from '../../api/queries';
import { href } from '../../app/router';
import { useHospital, useSession } from '../../app/session';
import { useForm } from '../../components/form';
import { Detail, DetailSection, RecordSummary } from '../../components/Detail';
import { FormAlert, FormSection } from '../../components/FormSection';
import { displayPhone, formatDate, formatDateTime, personName, SEX_LABELS, todayIn } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { RecordGate } from '../../components/RecordGate';
import { TechnicalDetails } from '../../components/TechnicalDetails';
import { PatientAppointments } from '../appointments';
import { PatientBilling } from '../billing';
import { PatientJournal } from '../journal';
import { ConflictPanel } from './ConflictPanel';
import { EmergencyAccess } from './EmergencyAccess';
import { changesFrom, fromPatient, hospitalRules, toFields, type PatientFormValues } from './patient-form';
import { PatientForm } from './PatientForm';

export function PatientPage({ id }: { id: number }) {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const record = useChannelQuery('patients.get', { id }, { staleTime: 60_000 });
  const [editingFrom, setEditingFrom] = useState<Patient | null>(null);

  // Another desk saved this patient: live refresh reads the record again. An edit in progress keeps its own
  // starting point, and a newer version behind it is pointed out before the save.
  const changedElsewhere = editingFrom !== null && (record.data?.version ?? 0) > editingFrom.version;

  return (
    <RecordGate record={record} notFound="Patient not found" failed="The patient could not be loaded">
      {(p) =>
        editingFrom ? (
          <PatientEditor
            origin={editingFrom}
            changedElsewhere={changedElsewhere}
            onCancel={() => setEditingFrom(null)}
            onSaved={(saved) => {
              queryClient.setQueryData(channelKey('patients.get', { id }), saved);
              setEditingFrom(null);
            }}
            onUseCurrent={(current) => {
              queryClient.setQueryData(channelKey('patients.get', { id }), current);
              setEditingFrom(null);
              notifications.show({ color: 'gray', message: `Your edits were discarded; showing the current record of ${current.patientNumber}.` });
            }}
          />
        ) : (
          <PatientView
            patient={p}
            canEdit={can('patients.update')}
            canReveal={can('patients.revealNationalId')}
            canSeeHistory={can('audit.list')}
            onEdit={() => setEditingFrom(p)}
          />
        )
      }
    </RecordGate>
  );
}

function PatientView({ patient: p, canEdit, canReveal, canSeeHistory, onEdit }: { patient: Patient; canEdit: boolean; canReveal: boolean; canSeeHistory: boolean; onEdit: () => void }) {
  const hospital = useHospital(p.hospitalId);
  // The patient's own hospital by name when the desk works there; a patient registered elsewhere in the chain says so.
  const registeredAt = useSession().hospitals.find((h) => h.id === p.hospitalId)?.name ?? 'Another hospital of the chain';
  const [revealed, setRevealed] = useState<string | null>(null);
  // The journal is an audited read: asked for only once its tab is opened.
  const [tab, setTab] = useState<'record' | 'journal'>('record');
  const reveal = useMutation({
    mutationFn: (emergencyReason?: string) => api.patients.revealNationalId({ id: p.id, ...(emergencyReason ? { emergencyReason } : {}) }),
    onSuccess: (r) => setRevealed(r.nationalId ?? ''),
  });
  useEffect(() => setRevealed(null), [p.version]);
  const age = ageOn(p.dateOfBirth, todayIn(hospital?.timeZone));

  return (
    <>
      <PageHeader
        back={{ label: 'Patients', href: href('/patients') }}
        title={personName(p)}
        description={
          <RecordSummary number={p.patientNumber}>
            <span>
              {SEX_LABELS[p.sex]} · {age} {age === 1 ? 'year' : 'years'} · {registeredAt}
            </span>
          </RecordSummary>
        }
        actions={
          <>
            {canSeeHistory && (
              <Button variant="default" leftSection={<IconHistory size={18} />} component="a" href={href(`/audit?entity=patient&entityId=${p.id}`)}>
                History
              </Button>
            )}
            {canEdit && (
              <Button leftSection={<IconEdit size={18} />} onClick={onEdit}>
                Edit
              </Button>
            )}
          </>
        }
      />
      <Tabs value={tab} onChange={(t) => t && setTab(t as 'record' | 'journal')} mb="lg">
        <Tabs.List>
          <Tabs.Tab value="record">Record</Tabs.Tab>
          <Tabs.Tab value="journal">Journal</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === 'journal' ? (
        <PatientJournal patientId={p.id} hospitalId={p.hospitalId} patientLabel={`${personName(p)} (${p.patientNumber})`} />
      ) : (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <DetailSection title="Identity" cols={3}>
              <Detail label="First name">{p.firstName}</Detail>
              <Detail label="Middle name">{p.middleName}</Detail>
              <Detail label="Last name">{p.lastName}</Detail>
              <Detail label="Date of birth">{formatDate(p.dateOfBirth)}</Detail>
              <Detail label="Sex">{SEX_LABELS[p.sex]}</Detail>
              <Detail label="Blood group">{p.bloodGroup === 'unknown' ? 'Unknown' : p.bloodGroup}</Detail>
            </DetailSection>
            <DetailSection title="Contact" cols={2}>
              <Detail label="Phone">{displayPhone(p.phone)}</Detail>
              <Detail label="E-mail">{p.email}</Detail>
              <Detail label="Address" wide>
                {[p.addressLine, p.city, p.region, p.postalCode].filter(Boolean).join(', ')}
              </Detail>
            </DetailSection>
            <FormSection title="Identification">
              <Group justify="space-between" align="flex-end">
                <Detail label="National ID">
                  <Text span ff="monospace" size="sm" data-testid="national-id">
                    {revealed ?? p.nationalIdMasked}
                  </Text>
                </Detail>
                {p.nationalIdMasked && canReveal && (
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={revealed !== null ? <IconEyeOff size={14} /> : <IconEye size={14} />}
                    loading={reveal.isPending}
                    onClick={() => (revealed !== null ? setRevealed(null) : reveal.mutate())}
                  >
                    {revealed !== null ? 'Hide' : 'Reveal'}
                  </Button>
                )}
              </Group>
              {reveal.error &&
                (isApiError(reveal.error, 'FORBIDDEN') ? (
                  <EmergencyAccess message={reveal.error.message} action="Reveal in an emergency" pending={reveal.isPending} onConfirm={(reason) => reveal.mutate(reason)} />
                ) : (
                  <FormAlert message={reveal.error.message} />
                ))}
              {p.nationalIdMasked && canReveal && (
                <Text size="xs" c="dimmed">
                  Revealing the full number is recorded in the audit trail.
                </Text>
              )}
            </FormSection>
            <DetailSection title="Next of kin" cols={3}>
              <Detail label="Name">{p.nextOfKinName}</Detail>
              <Detail label="Relationship">{p.nextOfKinRelationship}</Detail>
              <Detail label="Phone">{displayPhone(p.nextOfKinPhone)}</Detail>
            </DetailSection>
            <DetailSection title="Medical" cols={2}>
              <Detail label="Allergies">{p.allergies}</Detail>
              <Detail label="Chronic conditions">{p.chronicConditions}</Detail>
            </DetailSection>
            <DetailSection title="Insurance" cols={2}>
              <Detail label="Provider">{p.insuranceProvider}</Detail>
              <Detail label="Policy number">{p.insurancePolicyNumber}</Detail>
              <Detail label="Coverage">{p.insuranceCoveragePercent === null ? null : `${p.insuranceCoveragePercent} %`}</Detail>
              <Detail label="Valid until">{formatDate(p.insuranceValidUntil)}</Detail>
            </DetailSection>
          </SimpleGrid>
          <PatientAppointments patientId={p.id} hospitalId={p.hospitalId} />
          <PatientBilling patientId={p.id} />
          <Text size="xs" c="dimmed">
            Registered {formatDateTime(p.createdAt, hospital?.timeZone)} · Last changed {formatDateTime(p.updatedAt, hospital?.timeZone)}
          </Text>
          <TechnicalDetails facts={[['Record ID', p.id], ['Version', p.version]]} />
        </Stack>
      )}
    </>
  );
}

interface SaveArgs {
  version: number;
  changes: Partial<PatientFields>;
  emergencyReason?: string;
}

function PatientEditor({
  origin,
  changedElsewhere,
  onCancel,
  onSaved,
  onUseCurrent,
}: {
  origin: Patient;
  changedElsewhere: boolean;
  onCancel: () => void;
  onSaved: (p: Patient) => void;
  onUseCurrent: (current: Patient) => void;
}) {
  const { hospitals } = useSession();
  const hospital = useHospital(origin.hospitalId);
  const country = hospital?.country ?? 'UG';
  const form = useForm<PatientFormValues>(() => fromPatient(origin));
  const [conflict, setConflict] = useState<{ message: string; current: Patient } | null>(null);
  // The record is another hospital's: saving needs an emergency stated (the message says so).
  const [emergency, setEmergency] = useState<string | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);

  const save = useMutation({
    mutationFn: ({ version, changes, emergencyReason }: SaveArgs) => api.patients.update({ id: origin.id, version, ...changes, ...(emergencyReason ? { emergencyReason } : {}) }),
    onSuccess: (p) => {
      setConflict(null);
      notifications.show({ color: 'teal', title: 'Saved', message: `Changes to ${p.patientNumber} ${personName(p)} were saved.` });
      onSaved(p);
    },
    onError: (e) => {
      const current = isApiError(e, 'CONFLICT') ? (e.details as { current?: Patient } | undefined)?.current : undefined;
      if (isApiError(e, 'FORBIDDEN')) setEmergency(e.message);
      else if (current) {
        setConflict({ message: e.message, current });
        // The panel sits at the top of the form: bring it into view and give it the focus (screen readers read it).
        setTimeout(() => {
          window.scrollTo({ top: 0 });
          conflictRef.current?.focus({ preventScroll: true });
        }, 0);
      } else form.fail(e);
    },
  });

  const submit = () => {
    const ok = form.check(PatientFields, toFields(form.values), hospitalRules(form.values, hospital));
    if (!ok) return;
    const changes = changesFrom(fromPatient(origin), form.values, country);
    if (Object.keys(changes).length === 0) {
      notifications.show({ color: 'gray', message: 'Nothing was changed.' });
      return onCancel();
    }
    // After a conflict the desk decides explicitly; a plain save still carries the version editing began with.
    save.mutate({ version: origin.version, changes });
  };

  return (
    <>
      <PageHeader
        title={`Edit ${personName(origin)}`}
        description={`${origin.patientNumber} · editing version ${origin.version}`}
        back={{ label: 'Patients', href: href('/patients') }}
      />
      <form
        {...form.formProps(() => {
          submit();
        })}
      >
        <Stack gap="lg">
          {emergency && (
            <EmergencyAccess
              message={emergency}
              action="Save in an emergency"
              pending={save.isPending}
              onConfirm={(reason) => save.mutate({ version: origin.version, changes: changesFrom(fromPatient(origin), form.values, country), emergencyReason: reason })}
            />
          )}
          {changedElsewhere && !conflict && (
            <Alert color="yellow" icon={<IconInfoCircle size={18} />}>
              This record has just been changed at another desk. When you save, you will see what differs and can decide.
            </Alert>
          )}
          <div ref={conflictRef} tabIndex={-1} style={{ outline: 'none' }}>
            {conflict && (
              <ConflictPanel
                message={conflict.message}
                origin={origin}
                current={conflict.current}
                mine={form.values}
                country={country}
                applying={save.isPending}
                onUseCurrent={() => onUseCurrent(conflict.current)}
                onApplyAgain={() => {
                  const ok = form.check(PatientFields, toFields(form.values), hospitalRules(form.values, hospital));
                  if (ok) save.mutate({ version: conflict.current.version, changes: changesFrom(fromPatient(origin), form.values, country) });
                }}
              />
            )}
          </div>
          <PatientForm form={form} hospitals={hospitals} hospital={hospital} chooseHospital={false} nationalIdOnFile={origin.nationalIdMasked} />
          <FormAlert message={form.formError} title="Your changes were not saved" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
