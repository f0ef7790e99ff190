// A report's filter bar: hospitals (one, several, or all of the caller's), the period typed or picked from presets,
// the department when one hospital is chosen and the report has departments, and how a trend is cut.
import { Button, Group, MultiSelect, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconBuildingHospital } from '@tabler/icons-react';
import type { ReportMeta } from '@shared/domain/reports';
import type { Granularity } from '@shared/domain/reports';
import { countryInfo } from '@shared/domain/countries';
import { useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { PRESETS, presetOf, presetPeriod } from '@shared/domain/report-periods';
import type { ReportFilterState } from './report-filter';

export function ReportFilters({ meta, value, onChange, today, problem }: { meta: ReportMeta; value: ReportFilterState; onChange: (f: ReportFilterState) => void; today: string; problem: string | null }) {
  const { hospitals, hospital, session } = useSession();
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  // The one hospital the figures cover, when they cover one: its departments can be chosen.
  const single = value.hospitalIds.length === 1 ? value.hospitalIds[0]! : hospitals.length === 1 ? hospitals[0]!.id : null;
  const departments = useChannelQuery('departments.list', { hospitalId: single ?? undefined, includeInactive: false }, { enabled: meta.filters.department && single !== null, staleTime: 60_000 });
  const active = presetOf(value, today);
  const set = (patch: Partial<ReportFilterState>) => onChange({ ...value, ...patch });
  const everywhere = session.user.allHospitals ? 'Whole chain' : hospitals.length > 1 ? `All my hospitals (${hospitals.length})` : (hospital?.name ?? 'My hospital');

  return (
    <Paper withBorder p="md" component="form" aria-label="Report filters" onSubmit={(e) => e.preventDefault()}>
      <Stack gap="sm">
        <Group align="flex-start" gap="md" wrap="wrap">
          {hospitals.length > 1 && (
            <MultiSelect
              label="Hospitals"
              leftSection={<IconBuildingHospital size={16} />}
              placeholder={value.hospitalIds.length === 0 ? everywhere : undefined}
              data={hospitals.map((h) => ({ value: String(h.id), label: h.name }))}
              value={value.hospitalIds.map(String)}
              onChange={(ids) => set({ hospitalIds: ids.map(Number), departmentId: null })}
              clearable
              searchable
              // The typing field may be narrow: a chosen hospital's pill and the field share one line.
              styles={{ inputField: { minWidth: 40 } }}
              w={400}
              maxDropdownHeight={280}
            />
          )}
          <DateField label="From" value={value.from} onChange={(from) => set({ from })} order={order} w={160} />
          <DateField label="To" value={value.to} onChange={(to) => set({ to })} order={order} w={160} />
          {meta.filters.department && (
            <Select
              label="Department"
              placeholder={single === null ? 'Choose one hospital first' : 'All departments'}
              disabled={single === null}
              data={(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))}
              value={value.departmentId === null ? null : String(value.departmentId)}
              onChange={(v) => set({ departmentId: v ? Number(v) : null })}
              clearable
              searchable
              w={240}
            />
          )}
          {meta.filters.granularity && (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="granularity-label">
                Per
              </Text>
              <SegmentedControl
                aria-labelledby="granularity-label"
                value={value.granularity ?? 'auto'}
                onChange={(g) => set({ granularity: g === 'auto' ? null : (g as Granularity) })}
                data={[
                  { value: 'auto', label: 'Auto' },
                  { value: 'day', label: 'Day' },
                  { value: 'week', label: 'Week' },
                  { value: 'month', label: 'Month' },
                ]}
              />
            </Stack>
          )}
        </Group>
        <Group gap="xs" role="group" aria-label="Period presets">
          {PRESETS.map((p) => (
            <Button key={p.key} size="compact-sm" radius="xl" variant={active === p.key ? 'filled' : 'default'} aria-pressed={active === p.key} onClick={() => set(presetPeriod(p.key, today))}>
              {p.label}
            </Button>
          ))}
          {problem && (
            <Text size="sm" c="red" role="alert" ml="sm">
              {problem}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
