// The pharmacy: prescriptions waiting to be dispensed, the medicine stock of the hospital, and what needs attention.
import { useSession } from '../../app/session';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { DispenseQueue } from './DispenseQueue';
import { PharmacyTabs, PHARMACY_TABS, type PharmacyTab } from './pharmacy-ui';
import { StockAlerts } from './StockAlerts';
import { StockList } from './StockList';

const DESCRIPTIONS: Record<PharmacyTab, string> = {
  queue: 'Prescriptions still to dispense, oldest first. Stock is taken first expiry first out; expired batches are never handed out.',
  stock: 'Medicines of this hospital with the units on the shelf (expired batches not counted) and their reorder levels.',
  alerts: 'Medicines at or below their reorder level, and batches expiring within 90 days or already expired.',
};

export function PharmacyPage({ tab }: { tab?: string }) {
  const { hospital, hasRole, can } = useSession();
  const queue = can('prescriptions.list');
  // The pharmacist's own main screen is the queue; everyone else starts on the stock.
  const fallback: PharmacyTab = queue && hasRole('pharmacist') ? 'queue' : 'stock';
  const requested = PHARMACY_TABS.find((t) => t === tab);
  const active: PharmacyTab = requested && (requested !== 'queue' || queue) ? requested : fallback;
  if (!hospital) return <EmptyPage title="No hospital" description="Choose the hospital this desk works for." />;
  return (
    <>
      <PageHeader title="Pharmacy" description={`${hospital.name}: ${DESCRIPTIONS[active]}`} />
      <PharmacyTabs active={active} queue={queue} />
      {active === 'queue' && <DispenseQueue key={hospital.id} hospitalId={hospital.id} timeZone={hospital.timeZone} />}
      {active === 'stock' && <StockList key={hospital.id} hospital={hospital} />}
      {active === 'alerts' && <StockAlerts key={hospital.id} hospitalId={hospital.id} />}
    </>
  );
}
