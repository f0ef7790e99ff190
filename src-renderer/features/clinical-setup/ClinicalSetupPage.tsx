// Clinical setup (administrators): the hospital's test catalog with reference ranges, and the ICD-10 code list.
import { Tabs } from '@mantine/core';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { IcdImport } from './IcdImport';
import { TestCatalog } from './TestCatalog';

type SetupTab = 'tests' | 'icd10';

export function ClinicalSetupPage({ tab }: { tab?: string }) {
  const { hospital } = useSession();
  const active: SetupTab = tab === 'icd10' ? 'icd10' : 'tests';
  if (!hospital) return <EmptyPage title="No hospital" description="Choose the hospital this desk works for." />;
  return (
    <>
      <PageHeader
        title="Clinical setup"
        description={
          active === 'tests'
            ? `The tests doctors order at ${hospital.name}: units, reference ranges by sex and age, and the catalog item they are billed as.`
            : 'The ICD-10 codes doctors search when they record a diagnosis (shared by every hospital of the installation).'
        }
      />
      <Tabs value={active} onChange={(v) => v && navigate(`/clinical-setup?tab=${v}`)} mb="lg">
        <Tabs.List>
          <Tabs.Tab value="tests">Test catalog</Tabs.Tab>
          <Tabs.Tab value="icd10">ICD-10 codes</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {active === 'tests' ? <TestCatalog key={hospital.id} hospitalId={hospital.id} /> : <IcdImport />}
    </>
  );
}
