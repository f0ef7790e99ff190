// Marking someone on leave or back at work: one field of the record, saved with the version it was read at.
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StaffMember } from '@shared/contract/staff';
import { api } from '../../api/client';
import { channelKey, refreshShowing } from '../../api/queries';
import { personName } from '../../components/format';

export type WorkingStatus = 'active' | 'on_leave';

export function useStaffStatusChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ member, status }: { member: StaffMember; status: WorkingStatus }) => api.staff.update({ id: member.id, version: member.version, status }),
    onSuccess: (m) => {
      queryClient.setQueryData(channelKey('staff.get', { id: m.id }), m);
      notifications.show({ color: 'teal', title: 'Status changed', message: `${personName(m)} is ${m.status === 'on_leave' ? 'on leave' : 'active'}.` });
    },
    onError: (e) => {
      // Refused (changed at another desk meanwhile?): what is shown is read again.
      void refreshShowing(queryClient, { entity: 'staff', hospitalIds: [] });
      notifications.show({ color: 'red', title: 'The status was not changed', message: e.message });
    },
  });
}

export const STATUS_LABELS: Record<StaffMember['status'], string> = { active: 'Active', on_leave: 'On leave', terminated: 'Terminated' };
export const STATUS_COLORS: Record<StaffMember['status'], string> = { active: 'teal', on_leave: 'yellow', terminated: 'gray' };
