// Settings → Hospitals: the chain's sites, adding one, changing one (with its version).
import { useState } from 'react';
import { Button, Code, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconBuildingPlus, IconDownload } from '@tabler/icons-react';
import { HospitalFields, type Hospital } from '@shared/contract/hospitals';
import { COUNTRIES } from '@shared/domain/countries';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { csvFileName, downloadCsv } from '../../components/csv';
import { useForm } from '../../components/form';
import { FormAlert, FormSection } from '../../components/FormSection';
import { ModalButtons } from '../../components/ModalButtons';
import { TableHead } from '../../components/TableHead';
import { emptyHospital, fromHospital, HOSPITAL_ALIASES, toHospitalFields, type HospitalFormValues } from './hospital-form';
import { HospitalForm } from './HospitalForm';

const countryName = (code: string) => COUNTRIES.find((c) => c.code === code)?.name ?? code;

export function HospitalsSection() {
  const { hospitals, session } = useSession();
  const [editing, setEditing] = useState<Hospital | 'new' | null>(null);
  const chainWide = session.user.allHospitals;

  const exportCsv = () =>
    downloadCsv(
      csvFileName('hospitals'),
      ['Code', 'Name', 'Country', 'Region', 'Address', 'Time zone', 'Currency', 'Default tax %', 'Patient ID format'],
      hospitals.map((h) => [h.code, h.name, h.country, h.region, h.address, h.timeZone, h.currency, h.defaultTaxRateBp / 100, h.patientNumberFormat]),
    );

  return (
    <FormSection title="Hospitals" description="The sites of the chain. Each has its own country rules, time zone, currency and patient ID format.">
      <Group justify="flex-end" gap="sm">
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={exportCsv}>
          Export CSV
        </Button>
        {chainWide && (
          <Button leftSection={<IconBuildingPlus size={18} />} onClick={() => setEditing('new')}>
            Add hospital
          </Button>
        )}
      </Group>
      <Table.ScrollContainer minWidth={720}>
        <Table highlightOnHover verticalSpacing="sm" withTableBorder>
          <TableHead columns={['Code', 'Name', 'Country', 'Time zone', 'Currency', 'Tax', 'Patient IDs', '']} />
          <Table.Tbody>
            {hospitals.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td ff="monospace">{h.code}</Table.Td>
                <Table.Td fw={500}>{h.name}</Table.Td>
                <Table.Td>{countryName(h.country)}</Table.Td>
                <Table.Td>{h.timeZone}</Table.Td>
                <Table.Td>{h.currency}</Table.Td>
                <Table.Td>{h.defaultTaxRateBp / 100} %</Table.Td>
                <Table.Td>
                  <Code>{h.patientNumberFormat}</Code>
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" onClick={() => setEditing(h)} aria-label={`Edit ${h.name}`}>
                    Edit
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={<Text fw={600}>{editing === 'new' ? 'Add hospital' : `Edit ${editing?.name ?? ''}`}</Text>} size="xl">
        {editing !== null && <HospitalEditor hospital={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      </Modal>
    </FormSection>
  );
}

function HospitalEditor({ hospital, onClose }: { hospital: Hospital | null; onClose: () => void }) {
  const form = useForm<HospitalFormValues>(() => (hospital ? fromHospital(hospital) : emptyHospital()), { aliases: HOSPITAL_ALIASES });
  const save = useMutation({
    mutationFn: () => {
      const fields = toHospitalFields(form.values);
      return hospital ? api.hospitals.update({ ...fields, id: hospital.id, version: hospital.version }) : api.hospitals.create(fields);
    },
    onSuccess: (h) => {
      notifications.show({ color: 'teal', title: hospital ? 'Hospital saved' : 'Hospital added', message: `${h.name} (${h.code})` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });

  return (
    <form
      {...form.formProps(() => {
        if (form.check(HospitalFields, toHospitalFields(form.values))) save.mutate();
      })}
    >
      <Stack gap="md">
        <HospitalForm form={form} />
        <FormAlert message={form.formError} />
        <ModalButtons onCancel={onClose} submitLabel={hospital ? 'Save hospital' : 'Add hospital'} loading={save.isPending} />
      </Stack>
    </form>
  );
}
