// Small pieces the pharmacy screens share: the area's tabs, medicine forms in words, stock and expiry badges.
import { Badge, Tabs, Text } from '@mantine/core';
import { MEDICINE_FORMS, type MedicineForm } from '@shared/domain/clinical';
import { FREQUENCY_LABELS, ROUTE_LABELS } from '@shared/domain/clinical';
import type { Prescription } from '@shared/contract/clinical';
import type { MedicineItem } from '@shared/contract/pharmacy';
import { navigate } from '../../app/router';
import { formatDate } from '../../components/format';

export const FORM_LABELS: Record<MedicineForm, string> = Object.fromEntries(MEDICINE_FORMS.map((f) => [f, f[0]!.toUpperCase() + f.slice(1)])) as Record<MedicineForm, string>;

export type PharmacyTab = 'queue' | 'stock' | 'alerts';
export const PHARMACY_TABS: PharmacyTab[] = ['queue', 'stock', 'alerts'];

/** The pharmacy's sections, as tabs under the page header; `queue` only for those who read prescriptions. */
export function PharmacyTabs({ active, queue }: { active: PharmacyTab; queue: boolean }) {
  return (
    <Tabs value={active} onChange={(v) => v && navigate(`/pharmacy?tab=${v}`)} mb="lg">
      <Tabs.List>
        {queue && <Tabs.Tab value="queue">To dispense</Tabs.Tab>}
        <Tabs.Tab value="stock">Stock</Tabs.Tab>
        <Tabs.Tab value="alerts">Alerts</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}

/** "500 mg by mouth, three times a day for 5 days". */
export function doseLine(p: Pick<Prescription, 'dose' | 'doseUnit' | 'route' | 'frequency' | 'durationDays'>): string {
  const duration = p.durationDays ? ` for ${p.durationDays} ${p.durationDays === 1 ? 'day' : 'days'}` : '';
  return `${p.dose} ${p.doseUnit} · ${ROUTE_LABELS[p.route].toLowerCase()} · ${FREQUENCY_LABELS[p.frequency].toLowerCase()}${duration}`;
}

export function LowBadge({ item }: { item: Pick<MedicineItem, 'low' | 'onHand'> }) {
  if (!item.low) return null;
  return (
    <Badge color={item.onHand === 0 ? 'red' : 'orange'} variant="light" size="sm">
      {item.onHand === 0 ? 'Out of stock' : 'Low'}
    </Badge>
  );
}

/** Whole days from `today` to `date` (both YYYY-MM-DD). */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** An expiry date, red once expired, orange within the warning window. */
export function ExpiryText({ date, expired, today }: { date: string; expired: boolean; today?: string }) {
  const days = today ? daysUntil(date, today) : null;
  const color = expired ? 'red.7' : days !== null && days <= 90 ? 'orange.8' : undefined;
  return (
    <Text size="sm" c={color} fw={expired ? 600 : undefined} span>
      {formatDate(date)}
      {expired ? ' · expired' : days !== null && days <= 90 ? ` · ${days} ${days === 1 ? 'day' : 'days'}` : ''}
    </Text>
  );
}
