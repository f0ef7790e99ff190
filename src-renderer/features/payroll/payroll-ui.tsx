// Small pieces every payroll screen shares: the area's tabs, the run status badge, months to choose from, rates typed
// as percents, and the department bars of a run.
import { Badge, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import type { RunStatus } from '@shared/contract/payroll';
import { navigate } from '../../app/router';
import { useMayOpen } from '../../app/session';
import { formatMoney } from '../../components/format';

export function RunStatusBadge({ status, size = 'md' }: { status: RunStatus; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={status === 'finalized' ? 'teal' : 'gray'} variant="light" size={size} data-testid="run-status">
      {status === 'finalized' ? 'Finalized' : 'Draft'}
    </Badge>
  );
}

export type PayrollTab = 'runs' | 'one-offs' | 'settings';
const TAB_PATHS: Record<PayrollTab, string> = { runs: '/payroll', 'one-offs': '/payroll/one-offs', settings: '/payroll/settings' };

/** The payroll area's sections, as tabs under the page header: each for those who may open it (HR: one-offs and settings). */
export function PayrollTabs({ active }: { active: PayrollTab }) {
  const mayOpen = useMayOpen();
  return (
    <Tabs value={active} onChange={(v) => v && navigate(TAB_PATHS[v as PayrollTab])} mb="lg">
      <Tabs.List>
        <Tabs.Tab value="runs">Runs</Tabs.Tab>
        {mayOpen(TAB_PATHS['one-offs']) && <Tabs.Tab value="one-offs">One-off deductions</Tabs.Tab>}
        {mayOpen(TAB_PATHS.settings) && <Tabs.Tab value="settings">Deductions and holidays</Tabs.Tab>}
      </Tabs.List>
    </Tabs>
  );
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-03" as "March 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${MONTH_NAMES[(m ?? 1) - 1]} ${y}`;
}

/** The month of a calendar date ('YYYY-MM-DD' → 'YYYY-MM'), and months around it to choose from, newest first. */
export function monthChoices(today: string, back = 24, ahead = 1): { value: string; label: string }[] {
  const [y, m] = today.split('-').map(Number);
  const out: { value: string; label: string }[] = [];
  for (let i = -ahead; i <= back; i++) {
    const total = y! * 12 + (m! - 1) - i;
    const v = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
    out.push({ value: v, label: monthLabel(v) });
  }
  return out;
}

/** The month before the one of `today` (the month a run is usually started for). */
export function lastMonth(today: string): string {
  return monthChoices(today, 1, 0)[1]!.value;
}

/** "18" or "12.5" (percent) as basis points, by string arithmetic; null when it is not a rate. */
export function percentToBp(text: string, max = 10_000): number | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= max ? bp : null;
}

/** Basis points as typed back into a percent field: 1800 → "18", 1250 → "12.5". */
export const bpToPercentText = (bp: number) => (bp / 100).toString();

/** A run's totals by department as horizontal bars (net and employer cost), scaled to the largest employer cost. */
export function DepartmentBars({ rows, currency }: { rows: { department: string | null; net: number; employerCost: number; gross: number }[]; currency: string }) {
  const max = Math.max(1, ...rows.map((r) => Math.max(r.employerCost, r.gross)));
  return (
    <Stack gap="sm" role="img" aria-label="Employer cost and net pay by department">
      {rows.map((r) => (
        <div key={r.department ?? '—'}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" fw={500} truncate>
              {r.department ?? 'No department'}
            </Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatMoney(r.employerCost, currency)}
            </Text>
          </Group>
          <div style={{ position: 'relative', height: 18, background: 'var(--mantine-color-gray-1)', borderRadius: 4 }}>
            <div style={{ position: 'absolute', inset: 0, width: `${(r.employerCost / max) * 100}%`, background: 'var(--mantine-color-teal-2)', borderRadius: 4 }} />
            <div style={{ position: 'absolute', top: 4, bottom: 4, left: 0, width: `${(r.net / max) * 100}%`, background: 'var(--mantine-color-teal-7)', borderRadius: 3 }} />
          </div>
        </div>
      ))}
      <Group gap="md">
        <Legend color="var(--mantine-color-teal-7)" label="Net pay" />
        <Legend color="var(--mantine-color-teal-2)" label="Employer cost" />
      </Group>
    </Stack>
  );
}

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <Group gap={6}>
      <div style={{ width: 12, height: 12, background: color, borderRadius: 2 }} />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}

/** A framed figure: a label and an amount. */
export function FigureCard({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md" radius="md" aria-label={`${label}: ${value}`}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase">
        {label}
      </Text>
      <Text fz={22} fw={700}>
        {value}
      </Text>
    </Paper>
  );
}
