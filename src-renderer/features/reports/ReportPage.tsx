// One report: its filters, its charts, its tables (from `reportTables`, as in the PDF and the CSV files) and the
// exports. Opened at #/reports/<slug>; a report the user's roles may not read is not offered.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Center, Loader, Stack, Text } from '@mantine/core';
import type { ReportOutputs } from '@shared/contract/reports';
import { reportBySlug, reportTables, type ReportChannel, type ReportMeta } from '@shared/domain/reports';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { FormAlert } from '../../components/FormSection';
import { todayIn } from '../../components/format';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { AppointmentsCharts, PerformanceCharts, TrendCharts } from './activity-charts';
import { DemographicsCharts, OccupancyCharts, RevenueCharts, StaffHoursCharts } from './people-charts';
import { periodLabel } from '@shared/domain/report-periods';
import { ExportCsvButton, ExportPdfButton } from './report-exports';
import { useReport } from './report-data';
import { filterProblem, initialFilter, rememberFilter, reportInput, type ReportFilterState, type ReportLink } from './report-filter';
import { ReportFilters } from './ReportFilters';
import { ReportTableView } from './ReportTables';

export function ReportPage({ slug, ...link }: { slug: string } & ReportLink) {
  const { can } = useSession();
  const meta = reportBySlug(slug);
  if (!meta) return <EmptyPage title="No such report" description={`There is no report called “${slug}”.`} />;
  if (!can(meta.channel)) return <EmptyPage title="Not available to your role" description="Ask an administrator if you need this report." />;
  return <ReportView key={meta.channel} meta={meta} link={link} />;
}

function ReportView({ meta, link }: { meta: ReportMeta; link: ReportLink }) {
  const { hospital, hospitals } = useSession();
  const today = todayIn(hospital?.timeZone);
  const [filter, setFilter] = useState<ReportFilterState>(() => initialFilter(today, link));
  useEffect(() => rememberFilter(filter), [filter]);
  const problem = filterProblem(filter);
  const input = useMemo(() => reportInput(meta, filter), [meta, filter]);
  const report = useReport(meta.channel, input, problem === null);
  const data = report.data;
  const tables = useMemo(() => (data ? reportTables(meta.channel, data as never) : []), [meta.channel, data]);
  const code = (id: number) => hospitals.find((h) => h.id === id)?.code ?? String(id);
  const covered = data ? (data.hospitals.length === 1 ? data.hospitals[0]!.name : `${data.hospitals.length} hospitals`) : null;
  // The figures shown belong to the filter only once the answer to it has come.
  const stale = report.isPlaceholderData || report.isFetching;

  return (
    <>
      <PageHeader
        back={{ label: 'Reports', href: href('/reports') }}
        title={meta.title}
        description={data ? `${periodLabel({ from: data.from, to: data.to })} · ${covered}` : meta.description}
        actions={<ExportPdfButton report={meta.channel} input={input} title={meta.title} disabled={!data || problem !== null || report.isPlaceholderData} />}
      />
      <Stack gap="lg">
        <ReportFilters meta={meta} value={filter} onChange={setFilter} today={today} problem={problem} />
        {report.isPending && problem === null ? (
          <Center py="xl">
            <Loader />
          </Center>
        ) : report.error && !data ? (
          <FormAlert title="The report could not be made" message={report.error.message} />
        ) : data ? (
          <Stack gap="lg" style={{ opacity: stale ? 0.55 : 1, transition: 'opacity 150ms' }} aria-busy={stale} data-testid="report-figures">
            {report.error && <FormAlert title="The report could not be made" message={report.error.message} />}
            <Charts channel={meta.channel} data={data} code={code} />
            {tables.map((t) => (
              <ReportTableView
                key={t.key}
                table={t}
                actions={<ExportCsvButton report={meta.channel} input={input} table={t} slug={meta.slug} disabled={problem !== null || report.isPlaceholderData} />}
              />
            ))}
            <Text size="xs" c="dimmed">
              Days are each hospital&apos;s local days. Amounts are in each hospital&apos;s own currency and are never converted or added across currencies.
            </Text>
          </Stack>
        ) : null}
      </Stack>
    </>
  );
}

function Charts({ channel, data, code }: { channel: ReportChannel; data: ReportOutputs[ReportChannel]; code: (id: number) => string }): ReactNode {
  switch (channel) {
    case 'reports.appointmentsByDepartment':
      return <AppointmentsCharts o={data as ReportOutputs[typeof channel]} hospitalCode={code} />;
    case 'reports.departmentPerformance':
      return <PerformanceCharts o={data as ReportOutputs[typeof channel]} hospitalCode={code} />;
    case 'reports.schedulingTrends':
      return <TrendCharts o={data as ReportOutputs[typeof channel]} />;
    case 'reports.demographics':
      return <DemographicsCharts o={data as ReportOutputs[typeof channel]} />;
    case 'reports.occupancy':
      return <OccupancyCharts o={data as ReportOutputs[typeof channel]} />;
    case 'reports.revenue':
      return <RevenueCharts o={data as ReportOutputs[typeof channel]} />;
    case 'reports.staffHours':
      return <StaffHoursCharts o={data as ReportOutputs[typeof channel]} hospitalCode={code} />;
  }
}
