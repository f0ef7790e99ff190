// The charts of the appointment reports: appointments by department and by doctor, department performance, and
// scheduling trends (appointments over time, the weekday × hour heat map, lead time from booking to visit).
import { Grid, Group, Stack, Text } from '@mantine/core';
import { BarChart, LineChart, MatrixChart } from '@mantine/charts';
import type { AppointmentsByDepartment, DepartmentPerformance, SchedulingTrends } from '@shared/contract/reports';
import { clip, counted } from '@shared/domain/format';
import { WEEKDAY_NAMES } from '@shared/domain/reports';
import { bucketLabel } from '@shared/domain/report-periods';
import { LEGEND_BELOW, axisCount, barsHeight, ChartPanel, count, label, MoneyCard, percent, StatCard, Stats, STATUS_SERIES, sumBy } from './chart-kit';

const STATUS_KEYS = ['completed', 'checkedIn', 'booked', 'noShow', 'cancelled'] as const;

/** Horizontal stacked bars of appointment outcomes, one bar per name. */
function OutcomeBars({ rows, keys }: { rows: { name: string }[]; keys: readonly string[] }) {
  const series = STATUS_SERIES.filter((s) => keys.includes(s.name)).map((s) => ({ ...s }));
  return (
    <BarChart
      h={barsHeight(rows.length)}
      data={rows.map((r) => ({ ...r, name: label(r.name) }))}
      dataKey="name"
      series={series}
      type="stacked"
      orientation="vertical"
      withLegend
      legendProps={LEGEND_BELOW}
      yAxisProps={{ width: 170, interval: 0 }}
      valueFormatter={count}
      xAxisProps={{ tickFormatter: axisCount }}
      gridAxis="y"
      maxBarWidth={22}
    />
  );
}

export function AppointmentsCharts({ o, hospitalCode }: { o: AppointmentsByDepartment; hospitalCode: (id: number) => string }) {
  const total = o.rows.reduce((s, r) => s + r.total, 0);
  const sum = (k: (typeof STATUS_KEYS)[number]) => o.rows.reduce((s, r) => s + r[k], 0);
  const byDepartment = sumBy(o.rows, (r) => r.departmentName, STATUS_KEYS, (r, k) => r[k]).sort((a, b) => total_(b) - total_(a));
  const multi = o.hospitals.length > 1;
  const doctors = sumBy(o.doctors, (r) => (multi ? `${r.doctorName} · ${hospitalCode(r.hospitalId)}` : r.doctorName), STATUS_KEYS, (r, k) => r[k])
    .sort((a, b) => total_(b) - total_(a))
    .slice(0, 12);
  return (
    <Stack gap="lg">
      <Stats>
        <StatCard label="Appointments" value={count(total)} />
        <StatCard label="Completed" value={count(sum('completed'))} hint={total ? percent(sum('completed') / total) : undefined} />
        <StatCard label="No-shows" value={count(sum('noShow'))} hint={total ? percent(sum('noShow') / total) : undefined} />
        <StatCard label="Cancelled" value={count(sum('cancelled'))} hint={total ? percent(sum('cancelled') / total) : undefined} />
      </Stats>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ChartPanel title={multi ? 'Appointments by department (hospitals together)' : 'Appointments by department'} empty={total === 0 && 'No appointments in this period.'}>
            <OutcomeBars rows={byDepartment} keys={STATUS_KEYS} />
          </ChartPanel>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ChartPanel title="Busiest doctors" empty={doctors.length === 0 && 'No appointments in this period.'}>
            <OutcomeBars rows={doctors} keys={STATUS_KEYS} />
          </ChartPanel>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

const total_ = (r: Record<string, number | string>) => STATUS_KEYS.reduce((s, k) => s + Number(r[k] ?? 0), 0);

export function PerformanceCharts({ o, hospitalCode }: { o: DepartmentPerformance; hospitalCode: (id: number) => string }) {
  const multi = o.hospitals.length > 1;
  const booked = o.rows.reduce((s, r) => s + r.booked, 0);
  const noShow = o.rows.reduce((s, r) => s + r.noShow, 0);
  const waited = o.rows.reduce((s, r) => s + r.waitedVisits, 0);
  const waitSum = o.rows.reduce((s, r) => s + (r.averageWaitMinutes ?? 0) * r.waitedVisits, 0);
  const outcomes = sumBy(o.rows, (r) => r.departmentName, ['completed', 'noShow', 'cancelled'] as const, (r, k) => r[k]).sort((a, b) => total_(b) - total_(a));
  const rowName = (r: DepartmentPerformance['rows'][number]) => (multi ? `${clip(r.departmentName, 18)} · ${hospitalCode(r.hospitalId)}` : r.departmentName);
  const rates = o.rows
    .filter((r) => r.noShowRate !== null)
    .map((r) => ({ name: label(rowName(r)), rate: Math.round(r.noShowRate! * 1000) / 10, wait: r.averageWaitMinutes ?? 0 }))
    .sort((a, b) => b.rate - a.rate)
    .slice(0, 15);
  const waits = o.rows
    .filter((r) => r.averageWaitMinutes !== null)
    .map((r) => ({ name: label(rowName(r)), wait: r.averageWaitMinutes! }))
    .sort((a, b) => b.wait - a.wait)
    .slice(0, 15);
  return (
    <Stack gap="lg">
      <Stats>
        <StatCard label="Booked" value={count(booked)} />
        <StatCard label="No-shows" value={count(noShow)} hint={booked ? `${percent(noShow / booked)} of booked` : undefined} />
        <StatCard label="Average wait" value={waited ? `${Math.round(waitSum / waited)} min` : '–'} hint={waited ? `check-in to consultation, ${counted(waited, 'visit')}` : 'no visits with both times'} />
        <MoneyCard label="Consultation revenue" amounts={o.revenueByCurrency} />
      </Stats>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <ChartPanel title="Outcomes by department" empty={booked === 0 && 'No appointments in this period.'}>
            <OutcomeBars rows={outcomes} keys={['completed', 'noShow', 'cancelled']} />
          </ChartPanel>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="lg">
            <ChartPanel title="No-show rate" empty={rates.length === 0 && 'No visits came to an outcome in this period.'}>
              <BarChart
                h={barsHeight(rates.length, 26)}
                data={rates}
                dataKey="name"
                series={[{ name: 'rate', label: 'No-show rate', color: 'orange.5' }]}
                orientation="vertical"
                valueFormatter={(v) => `${v.toFixed(1)}%`}
                yAxisProps={{ width: 190, interval: 0 }}
                gridAxis="y"
                maxBarWidth={18}
              />
            </ChartPanel>
            <ChartPanel title="Average wait from check-in" empty={waits.length === 0 && 'No visit has both a check-in and a consultation in this period.'}>
              <BarChart
                h={barsHeight(waits.length, 26)}
                data={waits}
                dataKey="name"
                series={[{ name: 'wait', label: 'Minutes', color: 'blue.5' }]}
                orientation="vertical"
                valueFormatter={(v) => `${v} min`}
                yAxisProps={{ width: 190, interval: 0 }}
                gridAxis="y"
                maxBarWidth={18}
              />
            </ChartPanel>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const DAY_SHORT = WEEKDAY_NAMES.map((d) => d.slice(0, 3));

export function TrendCharts({ o }: { o: SchedulingTrends }) {
  const total = o.series.reduce((s, p) => s + p.appointments, 0);
  const busiest = o.heatmap.reduce((m, c) => (c.appointments > m.appointments ? c : m), { weekday: 1, hour: 0, appointments: 0 });
  const series = o.series.map((p) => ({ ...p, label: bucketLabel(p.period, o.granularity) }));
  const cells = o.heatmap.map((c) => ({ x: HOURS[c.hour]!, y: DAY_SHORT[c.weekday - 1]!, value: c.appointments }));
  const max = Math.max(1, ...o.heatmap.map((c) => c.appointments));
  return (
    <Stack gap="lg">
      <Stats>
        <StatCard label="Appointments" value={count(total)} hint="not cancelled" />
        <StatCard label="Average lead time" value={o.averageLeadDays === null ? '–' : counted(o.averageLeadDays, 'day')} hint="booking to visit" />
        <StatCard label="Median lead time" value={o.medianLeadDays === null ? '–' : counted(o.medianLeadDays, 'day')} />
        <StatCard label="Busiest hour" value={busiest.appointments ? `${WEEKDAY_NAMES[busiest.weekday - 1]} ${HOURS[busiest.hour]}:00` : '–'} hint={busiest.appointments ? counted(busiest.appointments, 'appointment') : undefined} />
      </Stats>
      <ChartPanel title={`Appointments per ${o.granularity}`} empty={total === 0 && o.series.every((p) => p.cancelled === 0) && 'No appointments in this period.'}>
        <LineChart
          h={280}
          data={series}
          dataKey="label"
          series={[
            { name: 'appointments', label: 'Appointments', color: 'teal.6' },
            { name: 'completed', label: 'Completed', color: 'blue.5' },
            { name: 'noShow', label: 'No-show', color: 'orange.5' },
            { name: 'cancelled', label: 'Cancelled', color: 'gray.5' },
          ]}
          curveType="monotone"
          withDots={series.length <= 40}
          withLegend
          legendProps={LEGEND_BELOW}
          valueFormatter={count}
          xAxisProps={{ minTickGap: 24 }}
          yAxisProps={{ tickFormatter: axisCount, width: 48 }}
        />
      </ChartPanel>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, xl: 8 }}>
          <ChartPanel title="By weekday and hour (local time)" empty={total === 0 && 'No appointments in this period.'}>
            <div style={{ overflowX: 'auto' }}>
              <MatrixChart
                data={cells}
                xLabels={HOURS}
                yLabels={DAY_SHORT}
                cellSize={24}
                gap={2}
                domain={[0, max]}
                colors={['teal.1', 'teal.3', 'teal.5', 'teal.7', 'teal.9']}
                emptyColor="gray.1"
                withXLabels
                withYLabels
                xLabelsPosition="top"
                xLabelsRotation={0}
                xLabelsHeight={24}
                yLabelsWidth={40}
                withTooltip
                getTooltipLabel={(c) => `${WEEKDAY_NAMES[DAY_SHORT.indexOf(c.y)]} ${c.x}:00 – ${counted(c.value ?? 0, 'appointment')}`}
                withLegend
                legendLabels={['Fewer', 'More']}
                aria-label="Appointments by weekday and hour"
              />
            </div>
            <Group gap={4}>
              <Text size="xs" c="dimmed">
                Hours are each hospital&apos;s local time; darker is busier (busiest cell {count(max)}).
              </Text>
            </Group>
          </ChartPanel>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 4 }}>
          <ChartPanel title="Booked ahead" empty={total === 0 && 'No appointments in this period.'}>
            <BarChart
              h={barsHeight(o.leadTime.length, 34)}
              data={o.leadTime.map((b) => ({ name: b.label, appointments: b.appointments }))}
              dataKey="name"
              series={[{ name: 'appointments', label: 'Appointments', color: 'violet.5' }]}
              orientation="vertical"
              valueFormatter={count}
              xAxisProps={{ tickFormatter: axisCount }}
              yAxisProps={{ width: 96, interval: 0 }}
              gridAxis="y"
              maxBarWidth={22}
            />
          </ChartPanel>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
