// One staff member: employment, contact and, for a doctor, practice, weekly hours and absences; read-only once archived.
import { useState } from 'react';
import { Alert, Badge, Button, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArchive, IconEdit, IconPlayerPlay, IconPlaneDeparture } from '@tabler/icons-react';
import type { StaffMember } from '@shared/contract/staff';
import { STAFF_ROLE_LABELS } from '@shared/domain/scheduling';
import { useChannelQuery } from '../../api/queries';
import { href } from '../../app/router';
import { useHospital, useSession } from '../../app/session';
import { Detail, DetailSection, RecordSummary } from '../../components/Detail';
import { displayPhone, formatDate, formatMoney, personName } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { RecordGate } from '../../components/RecordGate';
import { PaySection } from '../payroll';
import { ExceptionsSection } from './ExceptionsSection';
import { StaffModal } from './StaffModal';
import { STATUS_COLORS, STATUS_LABELS, useStaffStatusChange } from './staff-status';
import { TerminateModal } from './TerminateModal';
import { WorkingHoursSection } from './WorkingHoursSection';

export function StaffMemberPage({ id }: { id: number }) {
  const { can } = useSession();
  const record = useChannelQuery('staff.get', { id });

  return (
    <RecordGate record={record} notFound="Staff member not found" failed="The staff record could not be loaded">
      {(m) => <StaffRecord member={m} keeps={can('staff.update', m.hospitalId) && m.status !== 'terminated'} />}
    </RecordGate>
  );
}

function StaffRecord({ member: m, keeps }: { member: StaffMember; keeps: boolean }) {
  const { can } = useSession();
  return (
    <>
      <StaffHeader member={m} keeps={keeps} />
      <Stack gap="lg">
        {m.status === 'terminated' && (
          <Alert color="gray" icon={<IconArchive size={18} />} title={`Former staff: employment ended ${formatDate(m.terminatedOn)}`}>
            <Text size="sm">Reason: {m.terminationReason}</Text>
            <Text size="sm" c="dimmed">
              This record is kept in the staff archive and cannot be changed.
            </Text>
          </Alert>
        )}
        <StaffDetails member={m} />
        {can('payroll.getStructure', m.hospitalId) && <PaySection staffId={m.id} hospitalId={m.hospitalId} editable={m.status !== 'terminated'} />}
        {m.doctor && (
          <>
            <WorkingHoursSection member={m} editable={keeps} />
            <ExceptionsSection member={m} editable={keeps} />
          </>
        )}
      </Stack>
    </>
  );
}

function StaffHeader({ member: m, keeps }: { member: StaffMember; keeps: boolean }) {
  const [editing, setEditing] = useState(false);
  const [terminating, setTerminating] = useState(false);
  const status = useStaffStatusChange();
  const onLeave = m.status === 'on_leave';
  return (
    <>
      <PageHeader
        back={{ label: 'Staff', href: href('/staff') }}
        title={m.doctor ? `Dr ${personName(m)}` : personName(m)}
        description={
          <RecordSummary number={m.employeeNumber}>
            <span>
              {STAFF_ROLE_LABELS[m.staffRole]}
              {m.doctor ? ` · ${m.doctor.specialization}` : ''}
              {m.departmentName && m.departmentName !== m.doctor?.specialization ? ` · ${m.departmentName}` : ''}
            </span>
            <Badge variant="dot" color={STATUS_COLORS[m.status]} tt="none">
              {STATUS_LABELS[m.status]}
            </Badge>
          </RecordSummary>
        }
        actions={
          keeps && (
            <>
              <Button
                variant="default"
                leftSection={onLeave ? <IconPlayerPlay size={18} /> : <IconPlaneDeparture size={18} />}
                loading={status.isPending}
                onClick={() => status.mutate({ member: m, status: onLeave ? 'active' : 'on_leave' })}
              >
                {onLeave ? 'Back from leave' : 'Mark on leave'}
              </Button>
              <Button variant="default" color="red" leftSection={<IconArchive size={18} />} onClick={() => setTerminating(true)}>
                Terminate…
              </Button>
              <Button leftSection={<IconEdit size={18} />} onClick={() => setEditing(true)}>
                Edit
              </Button>
            </>
          )
        }
      />
      <StaffModal opened={editing} member={m} onClose={() => setEditing(false)} />
      <TerminateModal member={terminating ? m : null} onClose={() => setTerminating(false)} />
    </>
  );
}

function StaffDetails({ member: m }: { member: StaffMember }) {
  const hospital = useHospital(m.hospitalId);
  return (
    <SimpleGrid cols={{ base: 1, md: m.doctor ? 3 : 2 }} spacing="lg">
      <DetailSection title="Employment" cols={2}>
        <Detail label="Role">{STAFF_ROLE_LABELS[m.staffRole]}</Detail>
        <Detail label="Department">{m.departmentName}</Detail>
        <Detail label="Hospital">{hospital?.name}</Detail>
        <Detail label="Hire date">{formatDate(m.hireDate)}</Detail>
        <Detail label="Contracted hours">{`${m.contractedHours} h / week`}</Detail>
        <Detail label="Status">{STATUS_LABELS[m.status]}</Detail>
        {m.status === 'terminated' && (
          <>
            <Detail label="Terminated on">{formatDate(m.terminatedOn)}</Detail>
            <Detail label="Reason">{m.terminationReason}</Detail>
          </>
        )}
      </DetailSection>
      <DetailSection title="Contact" cols={1}>
        <Detail label="Phone">{displayPhone(m.phone)}</Detail>
        <Detail label="E-mail">{m.email}</Detail>
        <Detail label="Sign-in account">{m.userId ? 'Linked' : 'None'}</Detail>
      </DetailSection>
      {m.doctor && (
        <DetailSection title="Practice" cols={2}>
          <Detail label="Specialization">{m.doctor.specialization}</Detail>
          <Detail label="Licence number">{m.doctor.licenceNumber}</Detail>
          <Detail label="Consultation fee">{formatMoney(m.doctor.consultationFee, m.doctor.currency)}</Detail>
          <Detail label="Default slot">{`${m.doctor.defaultSlotMinutes} min`}</Detail>
        </DetailSection>
      )}
    </SimpleGrid>
  );
}
