// One encounter (a consultation or a ward round): the patient with their allergies, notes and vitals, diagnoses,
// tests, prescriptions and procedures; completed or signed by the doctor, after which only addenda are added.
import { useState } from 'react';
import { Alert, Badge, Button, Grid, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconCircleCheck, IconSignature, IconUser } from '@tabler/icons-react';
import type { Encounter } from '@shared/contract/clinical';
import { api } from '../../api/client';
import { channelKey } from '../../api/queries';
import { href } from '../../app/router';
import { useHospital, useMayOpen, useSession } from '../../app/session';
import { RecordSummary } from '../../components/Detail';
import { formatDate, formatDateTime } from '../../components/format';
import { ModalButtons } from '../../components/ModalButtons';
import { PageHeader } from '../../components/PageHeader';
import { RecordGate } from '../../components/RecordGate';
import { AddendaSection } from './AddendaSection';
import { useEncounter, useEncounterRights, useKeepEncounter } from './clinical-data';
import { UnsavedProvider, useUnsavedSections } from './encounter-draft';
import { DiagnosesSection } from './DiagnosesSection';
import { NotesSection } from './NotesSection';
import { PrescriptionsSection } from './PrescriptionsSection';
import { ProceduresSection } from './ProceduresSection';
import { TestsSection } from './TestsSection';
import { VitalsSection } from './VitalsSection';

export function EncounterPage({ id }: { id: number }) {
  const encounter = useEncounter(id);
  return (
    <RecordGate record={encounter} notFound="Encounter not found" failed="The encounter could not be loaded">
      {(e) => <EncounterView encounter={e} />}
    </RecordGate>
  );
}

function EncounterView({ encounter: e }: { encounter: Encounter }) {
  const timeZone = useHospital(e.hospitalId)?.timeZone ?? 'UTC';
  const { hasRole } = useSession();
  const ward = e.kind === 'inpatient';
  // Back where this desk came from: the ward, the doctor's own day, or the nurses' results worklist.
  const { unsaved, report } = useUnsavedSections();
  const back = ward ? { label: 'Wards', href: href('/wards') } : hasRole('doctor') ? { label: 'My day', href: href('/my-day') } : { label: 'Results', href: href('/results') };
  return (
    <>
      <PageHeader
        back={back}
        title={e.patientName}
        description={
          <RecordSummary number={e.patientNumber}>
            <span>
              {ward ? `Ward round${e.roundDate ? ` of ${formatDate(e.roundDate)}` : ''}` : 'Consultation'} · {e.doctorName} · started {formatDateTime(e.startedAt, timeZone)}
            </span>
            <StatusBadge encounter={e} timeZone={timeZone} />
          </RecordSummary>
        }
        actions={<EncounterActions encounter={e} unsaved={unsaved} />}
      />
      <UnsavedProvider value={report}>
        <Stack gap="md">
          <AllergyLine allergies={e.allergies} />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <NotesSection encounter={e} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <VitalsSection encounter={e} />
            </Grid.Col>
          </Grid>
          <DiagnosesSection encounter={e} />
          <TestsSection encounter={e} timeZone={timeZone} />
          <PrescriptionsSection encounter={e} timeZone={timeZone} />
          <ProceduresSection encounter={e} timeZone={timeZone} />
          <AddendaSection encounter={e} timeZone={timeZone} />
        </Stack>
      </UnsavedProvider>
    </>
  );
}

function StatusBadge({ encounter: e, timeZone }: { encounter: Encounter; timeZone: string }) {
  if (e.status === 'open') {
    return (
      <Badge color="blue" variant="light" radius="sm" tt="none" data-testid="encounter-status">
        Open
      </Badge>
    );
  }
  return (
    <Group gap={6} component="span">
      <Badge color="teal" variant="light" radius="sm" tt="none" data-testid="encounter-status">
        Signed
      </Badge>
      <Text span size="sm" c="dimmed">
        by {e.signedByName}, {formatDateTime(e.signedAt, timeZone)}
      </Text>
    </Group>
  );
}

/** The allergies in red where the doctor looks first; "none recorded" is said, not left blank. */
function AllergyLine({ allergies }: { allergies: string | null }) {
  if (!allergies) {
    return (
      <Group gap="xs">
        <Badge color="gray" variant="light" radius="sm" tt="none">
          No allergies recorded
        </Badge>
      </Group>
    );
  }
  return (
    <Group gap="xs" role="group" aria-label="Allergies">
      <Badge color="red" variant="filled" radius="sm" tt="none" leftSection={<IconAlertTriangle size={12} />}>
        Allergies
      </Badge>
      <Text size="sm" c="red.8" fw={600}>
        {allergies}
      </Text>
    </Group>
  );
}

/** The patient's record, and the doctor's way to close the encounter: completing the appointment, or signing a round. */
function EncounterActions({ encounter: e, unsaved }: { encounter: Encounter; unsaved: string[] }) {
  const rights = useEncounterRights(e);
  const mayOpen = useMayOpen();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      {mayOpen(`/patients/${e.patientId}`, e.hospitalId) && (
        <Button component="a" href={href(`/patients/${e.patientId}`)} variant="default" leftSection={<IconUser size={16} />}>
          Patient record
        </Button>
      )}
      {rights.clinician && (
        <Button color="teal" leftSection={e.appointmentId ? <IconCircleCheck size={16} /> : <IconSignature size={16} />} onClick={() => setConfirming(true)}>
          {e.appointmentId ? 'Complete appointment' : 'Sign'}
        </Button>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={<Text fw={600}>{e.appointmentId ? 'Complete the appointment' : 'Sign the ward round'}</Text>}>
        {confirming && <SignConfirm encounter={e} unsaved={unsaved} onClose={() => setConfirming(false)} />}
      </Modal>
    </>
  );
}

function SignConfirm({ encounter: e, unsaved, onClose }: { encounter: Encounter; unsaved: string[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const keep = useKeepEncounter();
  const sign = useMutation({
    // Completing the appointment signs its encounter in the same step (and charges the consultation).
    mutationFn: async () => {
      if (e.appointmentId) {
        await api.appointments.complete({ id: e.appointmentId });
        await queryClient.invalidateQueries({ queryKey: channelKey('encounters.get', { id: e.id }) });
      } else keep(await api.encounters.sign({ id: e.id }));
    },
    onSuccess: () => {
      notifications.show({ color: 'teal', title: e.appointmentId ? 'Appointment completed' : 'Ward round signed', message: `The record of ${e.patientName} is signed: corrections from now on are addenda.` });
      onClose();
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Not signed', message: err.message }),
  });
  const missing = [e.diagnoses.length === 0 && 'no diagnosis', !e.complaint && !e.assessment && 'no complaint or assessment'].filter(Boolean);
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        sign.mutate();
      }}
    >
      <Stack gap="md">
        <Text size="sm">Once signed, the notes, vitals, diagnoses, orders and prescriptions of this encounter can no longer be changed; corrections are added as addenda with your name and the time.</Text>
        {missing.length > 0 && (
          <Text size="sm" c="orange.8">
            Note: the record has {missing.join(' and ')}.
          </Text>
        )}
        {unsaved.length > 0 && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Unsaved changes" role="alert">
            Save {unsaved.join(' and ')} first: what is not saved is not part of the signed record and is lost.
          </Alert>
        )}
        <ModalButtons onCancel={onClose} cancelLabel="Back" submitLabel={e.appointmentId ? 'Complete and sign' : 'Sign'} loading={sign.isPending} color="teal" />
      </Stack>
    </form>
  );
}
