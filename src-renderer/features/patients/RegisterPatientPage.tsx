// Registering a patient: client checks with PatientFields, the duplicate warning, then patients.register.
import { useState } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { PatientFields, type DuplicateCandidate } from '@shared/contract/patients';
import { api, isApiError } from '../../api/client';
import { channelKey } from '../../api/queries';
import { href, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { useForm } from '../../components/form';
import { FormAlert } from '../../components/FormSection';
import { personName } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { DuplicateModal } from './DuplicateModal';
import { emptyPatient, hospitalRules, toFields, type PatientFormValues } from './patient-form';
import { PatientForm } from './PatientForm';

function duplicatesIn(e: unknown): DuplicateCandidate[] | null {
  if (!isApiError(e, 'CONFLICT')) return null;
  const d = (e.details as { duplicates?: DuplicateCandidate[] } | undefined)?.duplicates;
  return Array.isArray(d) && d.length ? d : null;
}

export function RegisterPatientPage() {
  const { hospitals, hospital: working } = useSession();
  const form = useForm<PatientFormValues>(() => emptyPatient(working?.id ?? null));
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const queryClient = useQueryClient();
  const hospital = hospitals.find((h) => String(h.id) === form.values.hospitalId) ?? working;

  const register = useMutation({
    mutationFn: (acknowledgeDuplicates: boolean) =>
      api.patients.register({ ...toFields(form.values), hospitalId: Number(form.values.hospitalId || hospital?.id), acknowledgeDuplicates }),
    onSuccess: (p) => {
      setDuplicates(null);
      // The record page opens on the answer in hand instead of reading (and auditing a read of) it again.
      queryClient.setQueryData(channelKey('patients.get', { id: p.id }), p);
      notifications.show({ color: 'teal', title: `Registered ${p.patientNumber}`, message: `${personName(p)} is now a patient.` });
      navigate(`/patients/${p.id}`);
    },
    onError: (e) => {
      const dups = duplicatesIn(e);
      if (dups) setDuplicates(dups);
      else {
        setDuplicates(null);
        form.fail(e);
      }
    },
  });

  const probe = useMutation({
    mutationFn: (v: PatientFormValues) =>
      api.patients.findDuplicates({ hospitalId: Number(v.hospitalId || hospital?.id), firstName: v.firstName, lastName: v.lastName, dateOfBirth: v.dateOfBirth, phone: v.phone }),
    onSuccess: (found) => (found.length ? setDuplicates(found) : register.mutate(false)),
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    if (!hospital) return form.setFormError('No hospital is available to register at.');
    const ok = form.check(PatientFields, toFields(form.values), hospitalRules(form.values, hospital));
    if (ok) probe.mutate(form.values);
  };

  return (
    <>
      <PageHeader title="Register patient" description={hospital ? `At ${hospital.name}. Fields marked * are required.` : undefined} back={{ label: 'Patients', href: href('/patients') }} />
      <form
        {...form.formProps(() => {
          submit();
        })}
      >
        <Stack gap="lg">
          <PatientForm form={form} hospitals={hospitals} hospital={hospital} chooseHospital />
          <FormAlert message={form.formError} title="The patient was not registered" />
          <Group justify="flex-end">
            <Button variant="default" component="a" href={href('/patients')}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={probe.isPending || (register.isPending && !duplicates)}>
              Register patient
            </Button>
          </Group>
        </Stack>
      </form>
      <DuplicateModal
        candidates={duplicates}
        registering={register.isPending}
        onClose={() => setDuplicates(null)}
        onOpen={(c) => navigate(`/patients/${c.id}`)}
        onRegisterAnyway={() => register.mutate(true)}
      />
    </>
  );
}
