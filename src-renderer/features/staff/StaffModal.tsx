// Adding a staff member, or changing one (with the version it was opened at): person, employment and, for doctors, practice.
import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { Hospital } from '@shared/contract/hospitals';
import type { StaffMember } from '@shared/contract/staff';
import { countryInfo } from '@shared/domain/countries';
import { phoneExample } from '@shared/domain/phone';
import { MAX_SLOT_MINUTES, MIN_SLOT_MINUTES, STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@shared/domain/scheduling';
import { api, isApiError } from '../../api/client';
import { channelKey, refreshShowing } from '../../api/queries';
import { useHospital, useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { useForm, type FormState } from '../../components/form';
import { FormAlert } from '../../components/FormSection';
import { ModalButtons, ModalForm } from '../../components/ModalButtons';
import { currencyDigits, moneyDecimal, parseMoney, personName, todayIn } from '../../components/format';
import { newStaffValues, STAFF_FIELD_ALIASES, staffChanges, staffInput, staffValues, type StaffFormValues } from './staff-form';
import { useDepartments } from './staff-data';

const roleOptions = STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }));

export function StaffModal({ member, opened, onClose }: { member: StaffMember | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>{member ? `Staff record of ${personName(member)}` : 'Add staff member'}</Text>}
      size="xl"
    >
      {opened && (member ? <EditStaffMember member={member} onClose={onClose} /> : <AddStaffMember onClose={onClose} />)}
    </Modal>
  );
}

function AddStaffMember({ onClose }: { onClose: () => void }) {
  const { hospital } = useSession();
  const form = useForm<StaffFormValues>(() => newStaffValues(todayIn(hospital?.timeZone)), { aliases: STAFF_FIELD_ALIASES });

  const create = useMutation({
    mutationFn: (input: Parameters<typeof api.staff.create>[0]) => api.staff.create(input),
    onSuccess: (m) => {
      notifications.show({ color: 'teal', title: 'Staff member added', message: `${personName(m)} (${m.employeeNumber}) is on the staff of ${hospital?.name ?? 'the hospital'}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    if (!hospital) return form.setFormError('Choose the hospital this desk works for first.');
    const { fields, doctor, extra } = staffInput(form.values, hospital);
    const input = { hospitalId: hospital.id, ...fields, doctor };
    if (form.check(contract['staff.create'].input, input, extra)) create.mutate(input);
  };

  return (
    <ModalForm form={form} onSubmit={submit} failTitle="The staff member was not added" gap="md" onCancel={onClose} submitLabel="Add staff member" loading={create.isPending}>
      <StaffFields form={form} hospital={hospital} editing={false} />
    </ModalForm>
  );
}

function EditStaffMember({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const queryClient = useQueryClient();
  const hospital = useHospital(member.hospitalId);
  // The record editing began from; after a conflict the desk may start again from the current one.
  const [base, setBase] = useState(member);
  const [conflict, setConflict] = useState<string | null>(null);
  const form = useForm<StaffFormValues>(() => staffValues(member), { aliases: STAFF_FIELD_ALIASES });

  const update = useMutation({
    mutationFn: (input: Parameters<typeof api.staff.update>[0]) => api.staff.update(input),
    onSuccess: (m) => {
      queryClient.setQueryData(channelKey('staff.get', { id: m.id }), m);
      notifications.show({ color: 'teal', title: 'Staff record saved', message: `Changes to ${personName(m)} (${m.employeeNumber}) were saved.` });
      onClose();
    },
    onError: (e) => {
      if (isApiError(e, 'CONFLICT')) {
        setConflict(e.message);
        void refreshShowing(queryClient, { entity: 'staff', hospitalIds: [] });
      } else form.fail(e);
    },
  });

  const reload = useMutation({
    mutationFn: () => api.staff.get({ id: member.id }),
    onSuccess: (current) => {
      setBase(current);
      setConflict(null);
      form.setValues(staffValues(current));
      queryClient.setQueryData(channelKey('staff.get', { id: current.id }), current);
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    const { changes, extra } = staffChanges(staffValues(base), form.values, hospital);
    if (Object.keys(changes).length === 0 && Object.keys(extra).length === 0) {
      notifications.show({ color: 'gray', message: 'Nothing was changed.' });
      return onClose();
    }
    const input = { id: base.id, version: base.version, ...changes };
    if (form.check(contract['staff.update'].input, input, extra)) update.mutate(input);
  };

  return (
    <form {...form.formProps(submit)}>
      <Stack gap="md">
        {conflict && (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Changed at another desk" role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{conflict}</Text>
              <Button size="xs" variant="white" color="orange" onClick={() => reload.mutate()} loading={reload.isPending}>
                Load the current record (your edits are discarded)
              </Button>
            </Stack>
          </Alert>
        )}
        <StaffFields form={form} hospital={hospital} editing />
        <FormAlert message={form.formError} title="Your changes were not saved" />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Editing version {base.version}
          </Text>
          <ModalButtons onCancel={onClose} submitLabel="Save staff record" loading={update.isPending} />
        </Group>
      </Stack>
    </form>
  );
}

/** Departments of the hospital to choose from: the active ones, and the one already on file even when deactivated. */
function useDepartmentOptions(hospitalId: number | null, current: string) {
  const departments = useDepartments(hospitalId, { includeInactive: true });
  const options = (departments.data ?? [])
    .filter((d) => d.active || String(d.id) === current)
    .map((d) => ({ value: String(d.id), label: d.active ? d.name : `${d.name} (inactive)` }));
  return { options, loading: departments.isPending, error: departments.error };
}

function StaffFields({ form, hospital, editing }: { form: FormState<StaffFormValues>; hospital: Hospital | null; editing: boolean }) {
  const { values: v, errors, set, text } = form;
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const departments = useDepartmentOptions(hospital?.id ?? null, v.departmentId);
  const currency = hospital?.currency ?? 'UGX';

  return (
    <Stack gap="lg">
      <div>
        <Text fw={600} size="sm" mb="xs">
          Person
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput label="First name" required {...text('firstName')} data-autofocus />
          <TextInput label="Last name" required {...text('lastName')} />
          <TextInput
            label="Employee number"
            description={editing ? 'Unique at this hospital' : 'Left empty, the next number is given'}
            {...text('employeeNumber')}
            styles={MONO}
          />
          <TextInput label="Phone" description={`e.g. ${phoneExample(hospital?.country ?? 'UG')}`} {...text('phone')} type="tel" />
          <TextInput label="E-mail" {...text('email')} type="email" />
        </SimpleGrid>
      </div>

      <div>
        <Text fw={600} size="sm" mb="xs">
          Employment
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Select
            label="Role"
            required
            data={roleOptions}
            value={v.staffRole}
            onChange={(r) => r && set('staffRole', r as StaffRole)}
            allowDeselect={false}
            error={errors.staffRole}
          />
          <Select
            label="Department"
            placeholder={departments.loading ? 'Loading…' : departments.options.length ? 'None' : 'No departments yet'}
            data={departments.options}
            value={v.departmentId || null}
            onChange={(d) => set('departmentId', d ?? '')}
            clearable
            searchable
            error={errors.departmentId ?? (departments.error ? `Departments could not be loaded: ${departments.error.message}` : undefined)}
          />
          <DateField label="Hire date" required value={v.hireDate} onChange={(d) => set('hireDate', d)} order={order} error={errors.hireDate} />
          <NumberInput
            label="Contracted hours / week"
            required
            min={0}
            max={80}
            allowDecimal={false}
            allowNegative={false}
            value={v.contractedHours}
            onChange={(n) => set('contractedHours', n === '' ? '' : Number(n))}
            error={errors.contractedHours}
          />
          {editing && (
            <div>
              <Text size="sm" fw={500} mb={4} id="staff-status-label">
                Status
              </Text>
              <SegmentedControl
                aria-labelledby="staff-status-label"
                data={[
                  { value: 'active', label: 'Active' },
                  { value: 'on_leave', label: 'On leave' },
                ]}
                value={v.status}
                onChange={(s) => set('status', s as StaffFormValues['status'])}
              />
            </div>
          )}
        </SimpleGrid>
      </div>

      {v.staffRole === 'doctor' && (
        <div>
          <Text fw={600} size="sm" mb="xs">
            Doctor
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Specialization" required placeholder="e.g. Paediatrics" {...text('specialization')} />
            <TextInput label="Licence number" required {...text('licenceNumber')} styles={MONO} />
            <TextInput
              label="Consultation fee"
              required
              description={currencyHint(currency)}
              leftSection={
                <Text size="xs" c="dimmed" fw={600}>
                  {currency}
                </Text>
              }
              leftSectionWidth={48}
              inputMode="decimal"
              {...text('consultationFee')}
              onBlur={() => {
                const parsed = parseMoney(v.consultationFee, currency);
                if (parsed.ok) set('consultationFee', moneyDecimal(parsed.minor, currency));
              }}
            />
            <NumberInput
              label="Default slot length (minutes)"
              min={MIN_SLOT_MINUTES}
              max={MAX_SLOT_MINUTES}
              step={5}
              allowDecimal={false}
              allowNegative={false}
              value={v.defaultSlotMinutes}
              onChange={(n) => set('defaultSlotMinutes', n === '' ? '' : Number(n))}
              error={errors.defaultSlotMinutes}
            />
          </SimpleGrid>
        </div>
      )}
    </Stack>
  );
}

const currencyHint = (currency: string) => (currencyDigits(currency) === 0 ? `Whole ${currency}, e.g. 50000` : `In ${currency}, e.g. 125.50`);

const MONO = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
