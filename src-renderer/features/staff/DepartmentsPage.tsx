// The departments of the hospital this desk works for: administrators add, rename and deactivate them; managers look.
import { useState } from 'react';
import { Badge, Button, EmptyState, Modal, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconBuildingHospital, IconPlus } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { Department } from '@shared/contract/staff';
import { api, isApiError } from '../../api/client';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { useForm } from '../../components/form';
import { ModalForm } from '../../components/ModalButtons';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { useDepartments } from './staff-data';

const columns: Column<Department>[] = [
  { key: 'name', header: 'Department', render: (d) => <Text size="sm" fw={500}>{d.name}</Text>, csv: (d) => d.name },
  { key: 'doctors', header: 'Doctors', render: (d) => d.doctorCount, csv: (d) => d.doctorCount, nowrap: true, width: 120 },
  {
    key: 'status',
    header: 'Status',
    render: (d) => (
      <Badge variant="dot" color={d.active ? 'teal' : 'gray'} size="sm" tt="none">
        {d.active ? 'Active' : 'Inactive'}
      </Badge>
    ),
    csv: (d) => (d.active ? 'active' : 'inactive'),
    nowrap: true,
    width: 140,
  },
];

export function DepartmentsPage() {
  const { hospital, can } = useSession();
  const [query, setQuery] = useState('');
  const [includeInactive, setIncludeInactive] = useState(true);
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const canChange = can('departments.update');
  const hospitalId = hospital?.id ?? null;

  const list = useDepartments(hospitalId, { includeInactive: true });
  if (!hospital) return <EmptyPage title="No hospital chosen" description="Choose the hospital this desk works for in the header." />;

  // A hospital has tens of departments, not thousands: the whole list comes at once and is searched here.
  const needle = query.trim().toLocaleLowerCase();
  const rows = (list.data ?? []).filter((d) => (includeInactive || d.active) && d.name.toLocaleLowerCase().includes(needle)).sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));
  const addButton = can('departments.create') && (
    <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
      Add department
    </Button>
  );

  return (
    <>
      <PageHeader title="Departments" description={`Departments of ${hospital.name}. Staff and doctors belong to one; booking can search by it.`} />
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(d) => d.id}
        rowLabel={(d) => `${d.name} ${d.active ? 'active' : 'inactive'}`}
        search={{ label: 'Search departments', placeholder: 'Department name', value: query, onChange: setQuery }}
        filters={<Switch label="Include inactive" checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} mb={8} />}
        actions={addButton}
        onOpen={canChange ? (d) => setEditing(d) : undefined}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        csvName={`departments-${hospital.code}`}
        countLabel={(n) => `${n} ${n === 1 ? 'department' : 'departments'}`}
        empty={
          <EmptyState icon={<IconBuildingHospital size={28} />} title={needle ? 'No department matches' : 'No departments yet'} description={needle ? `Nothing found for “${query.trim()}”.` : 'Add the departments of this hospital.'}>
            {!needle && addButton && <EmptyState.Actions>{addButton}</EmptyState.Actions>}
          </EmptyState>
        }
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={<Text fw={600}>{editing === 'new' ? `New department at ${hospital.name}` : 'Department'}</Text>}
      >
        {editing !== null && <DepartmentForm hospitalId={hospital.id} department={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      </Modal>
    </>
  );
}

function DepartmentForm({ hospitalId, department, onClose }: { hospitalId: number; department: Department | null; onClose: () => void }) {
  const form = useForm({ name: department?.name ?? '', active: department?.active ?? true });
  const saved = (d: Department, verb: string) => {
    notifications.show({ color: 'teal', title: `Department ${verb}`, message: `${d.name} is ${d.active ? 'active' : 'inactive'}.` });
    onClose();
  };
  // The one conflict a department has is its name being taken: said by the name.
  const failed = (e: unknown) => (isApiError(e, 'CONFLICT') ? form.setErrors({ name: e.message }) : form.fail(e));
  const create = useMutation({
    mutationFn: (input: { hospitalId: number; name: string }) => api.departments.create(input),
    onSuccess: (d) => saved(d, 'added'),
    onError: (e) => failed(e),
  });
  const update = useMutation({
    mutationFn: (input: { id: number; name: string; active: boolean }) => api.departments.update(input),
    onSuccess: (d) => saved(d, 'saved'),
    onError: (e) => failed(e),
  });

  const submit = () => {
    if (!department) {
      const input = { hospitalId, name: form.values.name };
      if (form.check(contract['departments.create'].input, input)) create.mutate(input);
      return;
    }
    const input = { id: department.id, ...form.values };
    if (form.check(contract['departments.update'].input, input)) update.mutate(input);
  };

  return (
    <ModalForm form={form} onSubmit={submit} failTitle="The department was not saved" gap="md" onCancel={onClose} submitLabel={department ? 'Save department' : 'Add department'} loading={create.isPending || update.isPending}>
      <TextInput label="Name" required maxLength={80} placeholder="e.g. Paediatrics" {...form.text('name')} data-autofocus />
      {department && (
        <Switch
          label="Active"
          description={
            department.doctorCount > 0
              ? `${department.doctorCount} ${department.doctorCount === 1 ? 'doctor belongs' : 'doctors belong'} here. An inactive department is no longer offered for new staff or bookings.`
              : 'An inactive department is no longer offered for new staff or bookings; its history stays.'
          }
          checked={form.values.active}
          onChange={(e) => form.set('active', e.currentTarget.checked)}
        />
      )}
    </ModalForm>
  );
}
