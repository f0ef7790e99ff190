// What both invoice screens (the draft being edited, the issued invoice) show alike: the header, the lines, the figures.
import type { ReactNode } from 'react';
import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Invoice, InvoiceLine } from '@shared/contract/billing';
import { CHARGE_CATEGORY_LABELS, ratePercent, type InvoiceAmounts } from '@shared/domain/billing';
import { href } from '../../app/router';
import { useHospital, useMayOpen } from '../../app/session';
import { formatDateTime, formatMoney } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { InvoiceStatusBadge } from './billing-ui';

export function InvoiceHeader({ invoice: inv, actions }: { invoice: Invoice; actions?: ReactNode }) {
  const hospital = useHospital(inv.hospitalId);
  const mayOpen = useMayOpen();
  return (
    <PageHeader
      back={mayOpen(`/billing/patient/${inv.patientId}`, inv.hospitalId) ? { label: `Billing · ${inv.patientName}`, href: href(`/billing/patient/${inv.patientId}`) } : { label: 'Billing', href: href('/billing') }}
      title={
        <Group gap="sm" component="span">
          <span data-testid="invoice-number">{inv.number ?? 'Draft invoice'}</span>
          <InvoiceStatusBadge status={inv.status} size="lg" />
        </Group>
      }
      description={
        <>
          <Text span size="sm" fw={500} c="dark">
            {inv.patientName}
          </Text>{' '}
          · {inv.patientNumber} · {hospital?.name}
          {inv.issuedAt ? ` · issued ${formatDateTime(inv.issuedAt, hospital?.timeZone)}` : ''}
          {inv.archived ? ' · archived' : ''}
        </>
      }
      actions={actions}
    />
  );
}

export interface LinesEditing {
  /** The quantity field of a line. */
  quantity: (line: InvoiceLine) => ReactNode;
  /** The line's tax and total with the quantity as typed. */
  amounts: (line: InvoiceLine) => { tax: number; total: number };
  /** The button that takes the line off the draft. */
  remove: (line: InvoiceLine) => ReactNode;
}

/** The invoice's lines; on a draft the quantities are fields and each line can be removed. */
export function InvoiceLines({ invoice: inv, editing }: { invoice: Invoice; editing?: LinesEditing }) {
  const nowrap = { whiteSpace: 'nowrap' } as const;
  return (
    <InvoiceSection title="Lines">
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Description</Table.Th>
            <Table.Th w={editing ? 110 : undefined} ta={editing ? undefined : 'right'}>
              Qty
            </Table.Th>
            <Table.Th ta="right">Unit price</Table.Th>
            <Table.Th ta="right">Tax</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
            {editing && <Table.Th w={40} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {inv.lines.map((l) => {
            const a = editing ? editing.amounts(l) : l;
            return (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Text size="sm">{l.description}</Text>
                  <Text size="xs" c="dimmed">
                    {CHARGE_CATEGORY_LABELS[l.category]}
                  </Text>
                </Table.Td>
                <Table.Td ta={editing ? undefined : 'right'}>{editing ? editing.quantity(l) : l.quantity}</Table.Td>
                <Table.Td ta="right" style={nowrap}>
                  {formatMoney(l.unitPrice, inv.currency)}
                </Table.Td>
                <Table.Td ta="right" style={nowrap}>
                  {ratePercent(l.taxRateBp)} · {formatMoney(a.tax, inv.currency)}
                </Table.Td>
                <Table.Td ta="right" style={nowrap}>
                  {formatMoney(a.total, inv.currency)}
                </Table.Td>
                {editing && <Table.Td>{editing.remove(l)}</Table.Td>}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </InvoiceSection>
  );
}

/** A line of the figures: label, amount, and whether it is a total (bold). */
export type FigureRow = [string, number] | [string, number, boolean];

/** Subtotal, tax per rate, discount, total and the insurer's and patient's shares, as the figures list them. */
export function amountRows(amounts: Omit<InvoiceAmounts, 'tax'>, currency: string, labels: { discountReason: string | null; insurance: string | null }): FigureRow[] {
  const rows: FigureRow[] = [['Subtotal', amounts.subtotal], ...amounts.taxByRate.map((r): FigureRow => [`Tax ${ratePercent(r.rateBp)} on ${formatMoney(r.net, currency)}`, r.tax])];
  if (amounts.discount) rows.push([`Discount${labels.discountReason ? ` (${labels.discountReason})` : ''}`, -amounts.discount]);
  rows.push(['Total', amounts.total, true]);
  if (labels.insurance) rows.push([labels.insurance, amounts.insuranceShare], ['Patient share', amounts.patientShare]);
  return rows;
}

export function Figures({ title, currency, rows, note }: { title: string; currency: string; rows: FigureRow[]; note?: string }) {
  return (
    <InvoiceSection title={title} label="Figures">
      <Table verticalSpacing={4} withRowBorders={false}>
        <Table.Tbody>
          {rows.map(([label, amount, strong]) => (
            <Table.Tr key={label} aria-label={`${label}: ${formatMoney(amount, currency)}`}>
              <Table.Td>
                <Text size="sm" fw={strong ? 700 : undefined}>
                  {label}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm" fw={strong ? 700 : undefined}>
                  {formatMoney(amount, currency)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </InvoiceSection>
  );
}

/** A framed part of an invoice screen, named for screen readers by its title (or `label` when the title changes). */
export function InvoiceSection({ title, label, children }: { title: string; label?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-label={label ?? title}>
      <Stack gap="sm">
        <Title order={4} fw={600}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
