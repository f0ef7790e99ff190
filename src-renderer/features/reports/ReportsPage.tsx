// #/reports: the reports this user's roles may open, each with what it tells, as cards that open the report.
import type { ReactNode } from 'react';
import { Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconBedFlat, IconCalendarStats, IconChartBar, IconChartDonut, IconClockHour4, IconCoin, IconPresentationAnalytics } from '@tabler/icons-react';
import type { ReportChannel } from '@shared/domain/reports';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { reportsFor } from './report-filter';

const ICONS: Record<ReportChannel, ReactNode> = {
  'reports.appointmentsByDepartment': <IconChartBar size={22} />,
  'reports.departmentPerformance': <IconPresentationAnalytics size={22} />,
  'reports.schedulingTrends': <IconCalendarStats size={22} />,
  'reports.demographics': <IconChartDonut size={22} />,
  'reports.occupancy': <IconBedFlat size={22} />,
  'reports.revenue': <IconCoin size={22} />,
  'reports.staffHours': <IconClockHour4 size={22} />,
};

export function ReportsPage() {
  const { can, session } = useSession();
  const list = reportsFor(can);
  if (list.length === 0) return <EmptyPage title="Not available to your role" description="Ask an administrator if you need reports." />;
  return (
    <>
      <PageHeader
        title="Reports"
        description={`Figures for a period at ${session.user.allHospitals ? 'any hospital of the chain, or the whole chain' : 'your hospitals'}: each with a chart, its tables, and CSV and PDF export.`}
      />
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="lg" role="list" aria-label="Reports">
        {list.map((r) => (
          <div key={r.channel} role="listitem">
            <UnstyledButton component="a" href={href(`/reports/${r.slug}`)} aria-label={r.title} aria-describedby={`report-${r.slug}`} style={{ display: 'block', height: '100%' }}>
              <Paper withBorder p="lg" radius="md" h="100%">
                <Stack gap="xs">
                  <Group gap="sm" wrap="nowrap">
                    <ThemeIcon variant="light" size={40} radius="md">
                      {ICONS[r.channel]}
                    </ThemeIcon>
                    <Text fw={600} size="lg">
                      {r.title}
                    </Text>
                  </Group>
                  <Text size="sm" c="dimmed" id={`report-${r.slug}`}>
                    {r.description}
                  </Text>
                </Stack>
              </Paper>
            </UnstyledButton>
          </div>
        ))}
      </SimpleGrid>
    </>
  );
}
