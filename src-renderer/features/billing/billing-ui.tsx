// Small pieces every billing screen shares: the area's tabs, the status badge, tax rates typed as percents.
import { Badge, Tabs } from '@mantine/core';
import { INVOICE_STATUS_LABELS, type InvoiceStatus } from '@shared/domain/billing';
import { navigate } from '../../app/router';
import { useMayOpen } from '../../app/session';

const STATUS_COLORS: Record<InvoiceStatus, string> = { draft: 'gray', issued: 'blue', partially_paid: 'yellow', paid: 'teal', void: 'red' };

export function InvoiceStatusBadge({ status, size = 'md' }: { status: InvoiceStatus; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size} data-testid="invoice-status">
      {INVOICE_STATUS_LABELS[status]}
    </Badge>
  );
}

export type BillingTab = 'invoices' | 'catalog' | 'settings';
const TAB_PATHS: Record<BillingTab, string> = { invoices: '/billing', catalog: '/billing/catalog', settings: '/billing/settings' };

/** The billing area's sections, as tabs under the page header: each for those who may open it. */
export function BillingTabs({ active }: { active: BillingTab }) {
  const mayOpen = useMayOpen();
  return (
    <Tabs value={active} onChange={(v) => v && navigate(TAB_PATHS[v as BillingTab])} mb="lg">
      <Tabs.List>
        {mayOpen(TAB_PATHS.invoices) && <Tabs.Tab value="invoices">Invoices</Tabs.Tab>}
        {mayOpen(TAB_PATHS.catalog) && <Tabs.Tab value="catalog">Charge catalog</Tabs.Tab>}
        {mayOpen(TAB_PATHS.settings) && <Tabs.Tab value="settings">Billing settings</Tabs.Tab>}
      </Tabs.List>
    </Tabs>
  );
}

/** "18" or "12.5" (percent) as basis points, by string arithmetic; null when it is not a rate. */
export function percentToBp(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** Basis points as typed back into a percent field: 1800 → "18", 1250 → "12.5". */
export const bpToPercentText = (bp: number) => (bp / 100).toString();
