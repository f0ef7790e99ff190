// The charts of the reports on patients, beds, money and staff: demographics (age bands, sex, regions, new vs
// returning), occupancy over time, revenue and receivables one currency at a time, staff hours per department.
import { Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { AreaChart, BarChart, DonutChart } from '@mantine/charts';
import type { Demographics, Occupancy, Revenue, StaffHours } from '@shared/contract/reports';
import { clip, counted } from '@shared/domain/format';
import { PAYMENT_METHOD_LABELS, type PaymentMethod } from '@shared/domain/billing';
import { bucketLabel } from '@shared/domain/report-periods';
import { LEGEND_BELOW, axisCount, axisMoney, barsHeight, ChartPanel, count, label, money, PALETTE, percent, StatCard, Stats, sumBy } from './chart-kit';

// ---- demographics ----

const SEX_COLORS: Record<string, string> = { female: 'pink.5', male: 'blue.5', other: 'violet.5', unknown: 'gray.4' };

export function DemographicsCharts({ o }: { o: Demographics }) {
  const none = o.patients === 0 && 'No patients were seen in this period.';
  const of = (key: string) => o.newVsReturning.find((r) => r.key === key)?.patients ?? 0;
  const regions = o.regions.slice(0, 12).map((r) => ({ name: label(r.label), patients: r.patients }));
  return (
    <Stack gap="lg">
      <Stats>
        <StatCard label="Patients seen" value={count(o.patients)} hint="distinct patients with a visit" />
        <StatCard label="New" value={count(of('new'))} hint={o.patients ? percent(of('new') / o.patients) : undefined} />
        <StatCard label="Returning" value={count(of('returning'))} hint={o.patients ? percent(of('returning') / o.patients) : undefined} />
        <StatCard label="Regions" value={count(o.regions.length)} />
      </Stats>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ChartPanel title="Patients by age band" empty={none}>
            <BarChart
              h={280}
              data={o.ageBands.map((b) => ({ name: b.label, patients: b.patients }))}
              dataKey="name"
              series={[{ name: 'patients', label: 'Patients', color: 'teal.6' }]}
              valueFormatter={count}
              yAxisProps={{ tickFormatter: axisCount, width: 48 }}
              xAxisProps={{ interval: 0 }}
              maxBarWidth={48}
            />
          </ChartPanel>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <SimpleGrid cols={2} h="100%">
            <ChartPanel title="Sex" empty={none}>
              <Donut cells={o.sex.filter((s) => s.patients > 0).map((s) => ({ name: s.label, value: s.patients, color: SEX_COLORS[s.key] ?? 'gray.5' }))} total={o.patients} />
            </ChartPanel>
            <ChartPanel title="New or returning" empty={none}>
              <Donut
                cells={o.newVsReturning.filter((s) => s.patients > 0).map((s) => ({ name: s.label, value: s.patients, color: s.key === 'new' ? 'lime.6' : 'indigo.5' }))}
                total={o.patients}
              />
            </ChartPanel>
          </SimpleGrid>
        </Grid.Col>
      </Grid>
      <ChartPanel title={o.regions.length > 12 ? 'Regions (the 12 with most patients)' : 'Regions'} empty={none}>
        <BarChart
          h={barsHeight(regions.length, 26)}
          data={regions}
          dataKey="name"
          series={[{ name: 'patients', label: 'Patients', color: 'blue.5' }]}
          orientation="vertical"
          valueFormatter={count}
          xAxisProps={{ tickFormatter: axisCount }}
          yAxisProps={{ width: 190, interval: 0 }}
          gridAxis="y"
          maxBarWidth={18}
        />
      </ChartPanel>
    </Stack>
  );
}

/** A donut with its legend beside it: name, count and share. */
function Donut({ cells, total, format = count }: { cells: { name: string; value: number; color: string }[]; total: number; format?: (n: number) => string }) {
  return (
    <Stack gap="sm" align="center">
      <DonutChart data={cells} size={150} thickness={26} withTooltip valueFormatter={format} tooltipDataSource="segment" paddingAngle={cells.length > 1 ? 2 : 0} />
      <Stack gap={4} w="100%">
        {cells.map((c) => (
          <Group key={c.name} justify="space-between" gap="xs" wrap="nowrap">
            <Group gap={6} wrap="nowrap">
              <div style={{ width: 10, height: 10, borderRadius: 2, flex: 'none', background: `var(--mantine-color-${c.color.replace('.', '-')})` }} />
              <Text size="xs">{c.name}</Text>
            </Group>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {format(c.value)} · {total ? percent(c.value / total) : '–'}
            </Text>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}

// ---- occupancy ----

export function OccupancyCharts({ o }: { o: Occupancy }) {
  const series = o.series.map((p) => ({ ...p, label: bucketLabel(p.period, o.granularity), occupancyPct: p.occupancy === null ? null : Math.round(p.occupancy * 1000) / 10 }));
  const noBeds = o.total.beds === 0 && 'No beds at the hospitals chosen.';
  return (
    <Stack gap="lg">
      <Stats>
        <StatCard label="Occupancy" value={percent(o.total.occupancy)} hint={counted(o.total.beds, 'bed')} />
        <StatCard label="Patient-days" value={count(o.total.patientDays)} />
        <StatCard label="Admissions · discharges" value={`${count(o.total.admissions)} · ${count(o.total.discharges)}`} />
        <StatCard label="Average stay" value={o.total.averageLengthOfStay === null ? '–' : counted(o.total.averageLengthOfStay, 'day')} hint={o.total.bedTurnover === null ? undefined : `bed turnover ${o.total.bedTurnover}`} />
      </Stats>
      <ChartPanel title={`Occupancy per ${o.granularity}`} empty={noBeds}>
        <AreaChart
          h={260}
          data={series}
          dataKey="label"
          series={[{ name: 'occupancyPct', label: 'Occupancy', color: 'teal.6' }]}
          curveType="monotone"
          withDots={series.length <= 40}
          unit="%"
          valueFormatter={(v) => v.toFixed(1)}
          yAxisProps={{ domain: [0, 100], width: 56 }}
          xAxisProps={{ minTickGap: 24 }}
          connectNulls
        />
      </ChartPanel>
      <ChartPanel title={`Admissions and discharges per ${o.granularity}`} empty={noBeds}>
        <BarChart
          h={240}
          data={series}
          dataKey="label"
          series={[
            { name: 'admissions', label: 'Admissions', color: 'blue.5' },
            { name: 'discharges', label: 'Discharges', color: 'orange.4' },
          ]}
          withLegend
          legendProps={LEGEND_BELOW}
          valueFormatter={count}
          yAxisProps={{ tickFormatter: axisCount, width: 48 }}
          xAxisProps={{ minTickGap: 24 }}
          maxBarWidth={24}
        />
      </ChartPanel>
    </Stack>
  );
}

// ---- revenue ----

const AGEING_COLORS: Record<string, string> = { '0_30': 'teal.5', '31_60': 'yellow.5', '61_90': 'orange.6', '90_plus': 'red.7' };

/** One section per currency: amounts of two currencies are never added or drawn on one axis. */
export function RevenueCharts({ o }: { o: Revenue }) {
  const currencies = [...new Set([...o.invoiced.map((r) => r.currency), ...o.collected.map((r) => r.currency), ...o.outstanding.filter((r) => r.outstanding > 0).map((r) => r.currency)])].sort();
  if (currencies.length === 0) {
    return (
      <ChartPanel title="Revenue" empty="No invoices or payments in this period.">
        {null}
      </ChartPanel>
    );
  }
  return (
    <Stack gap="lg">
      {currencies.map((c) => (
        <CurrencySection key={c} currency={c} o={o} />
      ))}
    </Stack>
  );
}

function CurrencySection({ currency, o }: { currency: string; o: Revenue }) {
  const fmt = money(currency);
  const inv = o.invoiced.find((r) => r.currency === currency);
  const paid = o.collected.filter((r) => r.currency === currency).sort((a, b) => b.amount - a.amount);
  const collected = paid.reduce((s, r) => s + r.amount, 0);
  const ageing = o.outstanding.filter((r) => r.currency === currency);
  const outstanding = ageing.reduce((s, r) => s + r.outstanding, 0);
  const hospitals = o.hospitals.filter((h) => h.currency === currency).map((h) => h.name);
  return (
    <Paper withBorder p="lg" component="section" aria-label={`Revenue in ${currency}`}>
      <Stack gap="md">
        <div>
          <Title order={4} fw={600}>
            In {currency}
          </Title>
          <Text size="sm" c="dimmed">
            {hospitals.join(', ')}
          </Text>
        </div>
        <Stats>
          <StatCard label="Invoiced" value={fmt(inv?.invoiced ?? 0)} hint={`${counted(inv?.invoices ?? 0, 'invoice')}${inv?.voided ? `, ${count(inv.voided)} voided` : ''}`} />
          <StatCard label="Collected" value={fmt(collected)} hint={counted(paid.reduce((s, r) => s + r.payments, 0), 'payment')} />
          <StatCard label="Outstanding" value={fmt(outstanding)} hint={`on ${o.to}`} />
          <StatCard label="Insurance share" value={inv && inv.invoiced ? percent(inv.insuranceShare / inv.invoiced) : '–'} hint={inv ? `${fmt(inv.insuranceShare)} of invoiced` : undefined} />
        </Stats>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <ChartPanel title="Collected by payment method" empty={paid.length === 0 && 'No payments in this period.'}>
              <Donut cells={paid.map((p, i) => ({ name: PAYMENT_METHOD_LABELS[p.method as PaymentMethod] ?? p.method, value: p.amount, color: PALETTE[i % PALETTE.length]! }))} total={collected} format={fmt} />
            </ChartPanel>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="lg">
              <ChartPanel title="Outstanding by age" empty={outstanding === 0 && 'Nothing outstanding.'}>
                <StackedBar parts={ageing.map((a) => ({ key: a.bucket, label: a.label, value: a.outstanding, color: AGEING_COLORS[a.bucket] ?? 'gray.5' }))} currency={currency} name="Outstanding" />
              </ChartPanel>
              <ChartPanel title="Invoiced: insurance and patient shares" empty={!inv?.invoiced && 'No invoices issued in this period.'}>
                {inv && (
                  <StackedBar
                    parts={[
                      { key: 'insurance', label: 'Insurance share', value: inv.insuranceShare, color: 'indigo.5' },
                      { key: 'patient', label: 'Patient share', value: inv.patientShare, color: 'teal.5' },
                    ]}
                    currency={currency}
                    name="Invoiced"
                  />
                )}
              </ChartPanel>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </Paper>
  );
}

/** One horizontal bar cut into parts of one currency, with the legend under it. */
function StackedBar({ parts, currency, name }: { parts: { key: string; label: string; value: number; color: string }[]; currency: string; name: string }) {
  const row: Record<string, number | string> = { name };
  for (const p of parts) row[p.key] = p.value;
  return (
    <BarChart
      h={130}
      data={[row]}
      dataKey="name"
      type="stacked"
      orientation="vertical"
      series={parts.map((p) => ({ name: p.key, label: p.label, color: p.color }))}
      withLegend
      legendProps={LEGEND_BELOW}
      valueFormatter={money(currency)}
      xAxisProps={{ tickFormatter: axisMoney(currency) }}
      withYAxis={false}
      gridAxis="none"
      maxBarWidth={36}
    />
  );
}

// ---- staff hours ----

export function StaffHoursCharts({ o, hospitalCode }: { o: StaffHours; hospitalCode: (id: number) => string }) {
  const multi = o.hospitals.length > 1;
  const hours = sumBy(o.rows, (r) => r.departmentName, ['plannedHours', 'contractedHours', 'nightHours', 'weekendHours'] as const, (r, k) => r[k])
    .map((r) => ({ ...r, name: label(r.name) }))
    .sort((a, b) => b.contractedHours - a.contractedHours);
  const sum = (k: 'staff' | 'plannedHours' | 'contractedHours' | 'coverageMet' | 'coverageCells') => o.rows.reduce((s, r) => s + r[k], 0);
  const coverage = o.rows
    .filter((r) => r.coverageRate !== null)
    .map((r) => ({ name: label(multi ? `${clip(r.departmentName, 18)} · ${hospitalCode(r.hospitalId)}` : r.departmentName), met: Math.round(r.coverageRate! * 1000) / 10 }))
    .sort((a, b) => a.met - b.met)
    .slice(0, 15);
  const h = (n: number) => `${count(Math.round(n))} h`;
  return (
    <Stack gap="lg">
      <Stats>
        <StatCard label="Staff" value={count(sum('staff'))} />
        <StatCard label="Planned" value={h(sum('plannedHours'))} hint="rostered shifts" />
        <StatCard label="Contracted" value={h(sum('contractedHours'))} hint={`difference ${h(sum('plannedHours') - sum('contractedHours'))}`} />
        <StatCard label="Coverage met" value={sum('coverageCells') ? percent(sum('coverageMet') / sum('coverageCells')) : '–'} hint={sum('coverageCells') ? `${count(sum('coverageMet'))} of ${count(sum('coverageCells'))} day-rules` : 'no coverage rules'} />
      </Stats>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ChartPanel title={multi ? 'Planned and contracted hours (hospitals together)' : 'Planned and contracted hours'} empty={hours.length === 0 && 'No staff in this period.'}>
            <BarChart
              h={barsHeight(hours.length, 40)}
              data={hours}
              dataKey="name"
              series={[
                { name: 'contractedHours', label: 'Contracted', color: 'gray.5' },
                { name: 'plannedHours', label: 'Planned', color: 'teal.6' },
                { name: 'nightHours', label: 'Night', color: 'indigo.6' },
              ]}
              orientation="vertical"
              withLegend
              legendProps={LEGEND_BELOW}
              valueFormatter={h}
              xAxisProps={{ tickFormatter: axisCount }}
              yAxisProps={{ width: 170, interval: 0 }}
              gridAxis="y"
              maxBarWidth={12}
            />
          </ChartPanel>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ChartPanel title="Coverage met (lowest first)" empty={coverage.length === 0 && 'No coverage rules for these departments.'}>
            <BarChart
              h={barsHeight(coverage.length, 26)}
              data={coverage}
              dataKey="name"
              series={[{ name: 'met', label: 'Coverage met', color: 'teal.6' }]}
              getBarColor={(v) => (v >= 95 ? 'teal.6' : v >= 80 ? 'yellow.6' : 'red.6')}
              orientation="vertical"
              valueFormatter={(v) => `${v}%`}
              xAxisProps={{ domain: [0, 100] }}
              yAxisProps={{ width: 170, interval: 0 }}
              gridAxis="y"
              maxBarWidth={18}
            />
          </ChartPanel>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
