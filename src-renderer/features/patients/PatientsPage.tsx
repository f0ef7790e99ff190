// The patient list: as-you-type search by name, patient ID, phone or date of birth, paged, exportable.
import { useState } from 'react';
import { Button, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { EmptyState } from '@mantine/core';
import type { PatientSummary } from '@shared/contract/patients';
import { countryInfo } from '@shared/domain/countries';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { href, navigate } from '../../app/router';
import { useMayOpen, useSession } from '../../app/session';
import { DataTable, pagingOf, type Column } from '../../components/DataTable';
import { datePattern, displayPhone, formatDate, personName, SEX_LABELS } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';

const PAGE = 50;

const columns: Column<PatientSummary>[] = [
  { key: 'number', header: 'Patient ID', render: (p) => <Text ff="monospace" size="sm">{p.patientNumber}</Text>, csv: (p) => p.patientNumber, nowrap: true, width: 150 },
  { key: 'name', header: 'Name', render: (p) => <Text size="sm" fw={500}>{personName(p)}</Text>, csv: (p) => personName(p) },
  { key: 'dob', header: 'Date of birth', render: (p) => formatDate(p.dateOfBirth), csv: (p) => p.dateOfBirth, nowrap: true, width: 140 },
  { key: 'sex', header: 'Sex', render: (p) => SEX_LABELS[p.sex], csv: (p) => p.sex, width: 100 },
  { key: 'phone', header: 'Phone', render: (p) => displayPhone(p.phone), csv: (p) => displayPhone(p.phone), nowrap: true, width: 190 },
];

// Kept across visits of the list, so coming back from a record shows the same search.
let lastQuery = '';

export function PatientsPage() {
  const { can, hospital } = useSession();
  const [query, setQueryState] = useState(lastQuery);
  const setQuery = (q: string) => {
    lastQuery = q;
    setQueryState(q);
  };
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const canRegister = can('patients.register');
  const mayOpen = useMayOpen();

  // A typed date is read in the desk's hospital's order (03/14/1990 at a US hospital), as its date fields are.
  const hospitalId = hospital?.id;
  const search = useChannelInfiniteQuery('patients.search', { query: debounced, limit: PAGE, hospitalId }, { keepPrevious: true });
  const rows = pageItems(search.data);

  const register = canRegister && (
    <Button leftSection={<IconUserPlus size={18} />} component="a" href={href('/patients/new')}>
      Register patient
    </Button>
  );

  return (
    <>
      <PageHeader title="Patients" description="Search by name, patient ID, phone number or date of birth." />
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(p) => p.id}
        rowLabel={(p) => `${p.patientNumber} ${personName(p)}`}
        search={{ label: 'Search patients', placeholder: `Name, patient ID, phone or ${datePattern(countryInfo(hospital?.country ?? 'UG').dateOrder)}`, value: query, onChange: setQuery }}
        actions={register}
        onOpen={mayOpen('patient') ? (p) => navigate(`/patients/${p.id}`) : undefined}
        {...pagingOf(search)}
        csvName="patients"
        exportSource={{ channel: 'patients.search', input: { query: debounced, hospitalId } }}
        countLabel={(n) => `${n} ${n === 1 ? 'patient' : 'patients'}`}
        empty={
          debounced ? (
            <EmptyState icon={<IconUsersGroup size={28} />} title="No patient matches" description={`Nobody found for “${debounced}”. Check the spelling, or search by phone or date of birth.`} />
          ) : (
            <EmptyState icon={<IconUsersGroup size={28} />} title="No patients yet" description="Registered patients will be listed here.">
              {register && <EmptyState.Actions>{register}</EmptyState.Actions>}
            </EmptyState>
          )
        }
      />
    </>
  );
}
