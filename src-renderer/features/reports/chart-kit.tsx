// Pieces every report's charts share: a framed chart with its empty state, a figure card, the status colours, number
// formats for axes (compact) and tooltips (exact), and a department's figures summed over the hospitals of a chain.
import type { ReactNode } from 'react';
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { clip } from '@shared/domain/format';
import { currencyDigits, formatMoney } from '@shared/domain/money';
import { Panel } from '../../components/Panel';

/** Appointment outcomes: the same colour on every chart. */
export const STATUS_SERIES = [
  { name: 'completed', label: 'Completed', color: 'teal.6' },
  { name: 'checkedIn', label: 'Checked in', color: 'cyan.4' },
  { name: 'booked', label: 'Booked', color: 'blue.5' },
  { name: 'noShow', label: 'No-show', color: 'orange.5' },
  { name: 'cancelled', label: 'Cancelled', color: 'gray.5' },
] as const;

export const PALETTE = ['teal.6', 'blue.6', 'violet.5', 'orange.5', 'pink.5', 'cyan.5', 'lime.6', 'grape.5', 'yellow.6', 'indigo.5', 'red.5', 'gray.6'];

const whole = new Intl.NumberFormat('en');
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** 12,345 */
export const count = (n: number) => whole.format(n);
/** 12K on an axis. */
export const axisCount = (n: number) => compact.format(n);
/** A fraction (0.125) as "12.5%". */
export const percent = (f: number | null | undefined) => (f === null || f === undefined ? '–' : `${(f * 100).toFixed(1)}%`);
/** Minor units on an axis: "1.2M" of major units, no symbol (the chart's title names the currency). */
export const axisMoney = (currency: string) => (minor: number) => compact.format(minor / 10 ** currencyDigits(currency));
export const money = (currency: string) => (minor: number) => formatMoney(minor, currency);

/** A legend under the chart, in the order of the series (not sorted by name). */
export const LEGEND_BELOW = { verticalAlign: 'bottom', height: 40, itemSorter: null } as const;

/** Bars of a category axis read at most this long. */
export const label = (text: string) => clip(text, 26);

/** The pixel height of a horizontal bar chart with `n` bars. */
export const barsHeight = (n: number, per = 30) => Math.max(140, n * per + 50);

export function ChartPanel({ title, children, empty, actions }: { title: string; children: ReactNode; empty?: string | false; actions?: ReactNode }) {
  return (
    <Panel title={title} label={`Chart: ${title}`} actions={actions}>
      {empty ? (
        <Text size="sm" c="dimmed" py="lg" ta="center">
          {empty}
        </Text>
      ) : (
        children
      )}
    </Panel>
  );
}

export function StatCard({ label: name, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="md" radius="md" aria-label={`${name}: ${value}`}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase">
        {name}
      </Text>
      <Text fz={22} fw={700} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** Amounts of several currencies in one card, one line each: never added together. */
export function MoneyCard({ label: name, amounts }: { label: string; amounts: { currency: string; amount: number }[] }) {
  const lines = amounts.map((a) => formatMoney(a.amount, a.currency));
  return (
    <Paper withBorder p="md" radius="md" aria-label={`${name}: ${lines.join(', ') || 'none'}`}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase">
        {name}
      </Text>
      {lines.length === 0 ? (
        <Text fz={22} fw={700}>
          –
        </Text>
      ) : (
        lines.map((l) => (
          <Text key={l} fz={lines.length > 1 ? 16 : 22} fw={700} lh={1.35} style={{ whiteSpace: 'nowrap' }}>
            {l}
          </Text>
        ))
      )}
    </Paper>
  );
}

export function Stats({ children }: { children: ReactNode }) {
  return <SimpleGrid cols={{ base: 2, md: 4 }}>{children}</SimpleGrid>;
}

/** Rows summed by a key (a department's name across the hospitals of a chain), in first-seen order. */
export function sumBy<R, F extends string>(rows: readonly R[], key: (r: R) => string, fields: readonly F[], value: (r: R, f: F) => number): ({ name: string } & Record<F, number>)[] {
  const out = new Map<string, { name: string } & Record<F, number>>();
  for (const r of rows) {
    const k = key(r);
    let acc = out.get(k);
    if (!acc) {
      acc = { name: k, ...Object.fromEntries(fields.map((f) => [f, 0])) } as { name: string } & Record<F, number>;
      out.set(k, acc);
    }
    for (const f of fields) (acc as Record<F, number>)[f] += value(r, f);
  }
  return [...out.values()];
}
