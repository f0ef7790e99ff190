// Ending someone's employment: the date and the reason, confirmed; the record then lives in the staff archive.
import { Alert, Modal, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconArchive } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { StaffMember } from '@shared/contract/staff';
import { countryInfo } from '@shared/domain/countries';
import { api } from '../../api/client';
import { channelKey } from '../../api/queries';
import { useHospital } from '../../app/session';
import { DateField } from '../../components/DateField';
import { useForm } from '../../components/form';
import { ModalForm } from '../../components/ModalButtons';
import { formatDate, personName, todayIn } from '../../components/format';

export function TerminateModal({ member, onClose }: { member: StaffMember | null; onClose: () => void }) {
  return (
    <Modal opened={member !== null} onClose={onClose} title={<Text fw={600}>Terminate employment</Text>} size="md">
      {member && <TerminateForm member={member} onClose={onClose} />}
    </Modal>
  );
}

function TerminateForm({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const queryClient = useQueryClient();
  const hospital = useHospital(member.hospitalId);
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const form = useForm({ terminatedOn: todayIn(hospital?.timeZone), reason: '' });
  const name = personName(member);

  const terminate = useMutation({
    mutationFn: (input: { id: number; version: number; terminatedOn: string; reason: string }) => api.staff.terminate(input),
    onSuccess: (m) => {
      queryClient.setQueryData(channelKey('staff.get', { id: m.id }), m);
      notifications.show({ color: 'teal', title: 'Employment ended', message: `${name} (${m.employeeNumber}) was terminated as of ${formatDate(m.terminatedOn)} and is now in the staff archive.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    const input = { id: member.id, version: member.version, ...form.values };
    if (form.check(contract['staff.terminate'].input, input)) terminate.mutate(input);
  };

  return (
    <ModalForm form={form} onSubmit={submit} failTitle="Nothing was changed" gap="md" onCancel={onClose} cancelLabel="Keep employed" submitLabel={`Terminate ${name}`} color="red" loading={terminate.isPending}>
      <Alert color="red" variant="light" icon={<IconArchive size={18} />}>
        <Text size="sm">
          <b>{name}</b> ({member.employeeNumber}) leaves every active list{member.doctor ? ', and can no longer be booked' : ''}. The record moves to the staff archive,
          stays readable there, and cannot be changed afterwards.
        </Text>
      </Alert>
      <DateField label="Last day of employment" required value={form.values.terminatedOn} onChange={(d) => form.set('terminatedOn', d)} order={order} error={form.errors.terminatedOn} w={220} />
      <Textarea label="Reason" required autosize minRows={2} maxLength={500} placeholder="e.g. Resigned; contract ended" {...form.text('reason')} data-autofocus />
    </ModalForm>
  );
}
