// How a test order and its result read wherever they are shown: the value with its unit, the reference range, the
// abnormal flag, the status, and the values corrections replaced.
import { Badge, Group, Stack, Text } from '@mantine/core';
import type { TestOrder, TestResult } from '@shared/contract/clinical';
import type { ReferenceRange, ResultFlag, TestKind, TestOrderStatus, TestPriority } from '@shared/domain/clinical';
import { formatDateTime } from '../../components/format';

export const TEST_KIND_LABELS: Record<TestKind, string> = { lab: 'Laboratory', imaging: 'Imaging' };
const FLAG_COLORS: Record<ResultFlag, string> = { normal: 'teal', low: 'orange', high: 'orange', critical: 'red' };
const FLAG_LABELS: Record<ResultFlag, string> = { normal: 'Normal', low: 'Low', high: 'High', critical: 'Critical' };
const STATUS_COLORS: Record<TestOrderStatus, string> = { ordered: 'blue', resulted: 'teal', cancelled: 'gray' };
const STATUS_LABELS: Record<TestOrderStatus, string> = { ordered: 'Waiting for result', resulted: 'Resulted', cancelled: 'Cancelled' };

export function FlagBadge({ flag }: { flag: ResultFlag | null }) {
  if (!flag) return null;
  return (
    <Badge color={FLAG_COLORS[flag]} variant={flag === 'critical' ? 'filled' : 'light'} radius="sm" tt="none" size="sm">
      {FLAG_LABELS[flag]}
    </Badge>
  );
}

export function OrderStatusBadge({ status }: { status: TestOrderStatus }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" radius="sm" tt="none" size="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: TestPriority }) {
  if (priority !== 'urgent') return null;
  return (
    <Badge color="red" variant="filled" radius="sm" tt="none" size="sm">
      Urgent
    </Badge>
  );
}

/** The test's name over its code, kind and the doctor's note. */
export function TestOrderName({ order: o }: { order: Pick<TestOrder, 'testName' | 'testCode' | 'kind' | 'note'> }) {
  return (
    <>
      <Text size="sm" fw={500}>
        {o.testName}
      </Text>
      <Text size="xs" c="dimmed">
        {o.testCode} · {TEST_KIND_LABELS[o.kind]}
        {o.note ? ` · ${o.note}` : ''}
      </Text>
    </>
  );
}

type ResultParts = Pick<TestResult, 'valueNumeric' | 'valueText' | 'unit' | 'report'>;

/** "9.1 g/dL" or a text value; empty for a report alone (imaging). */
export function resultValue(r: ResultParts): string {
  if (r.valueNumeric !== null) return `${r.valueNumeric}${r.unit ? ` ${r.unit}` : ''}`;
  return r.valueText ?? '';
}

/** The value, or the start of the report: one line for lists and messages. */
export function resultSummary(r: ResultParts): string {
  const value = resultValue(r);
  if (value || !r.report) return value;
  const line = r.report.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** "3.5–5.5 mmol/L", "≥ 94 %", "≤ 200"; empty without limits. */
export function rangeText(low: number | null, high: number | null, unit: string | null): string {
  const u = unit ? ` ${unit}` : '';
  if (low !== null && high !== null) return `${low}–${high}${u}`;
  if (low !== null) return `≥ ${low}${u}`;
  if (high !== null) return `≤ ${high}${u}`;
  return '';
}

/** Who a reference range is for: "Women 18+", "Children 1–12", "Everyone". */
export function rangeAudience(r: ReferenceRange): string {
  const who = r.sex === 'female' ? 'Women' : r.sex === 'male' ? 'Men' : 'Everyone';
  const age = r.ageToYears !== null ? `aged ${r.ageFromYears}–${r.ageToYears - 1}` : r.ageFromYears > 0 ? `aged ${r.ageFromYears}+` : '';
  return [who, age].filter(Boolean).join(' ');
}

/** The current result of an order: value and flag, range, report, who and when, the replaced values below. */
export function ResultView({ order, timeZone }: { order: TestOrder; timeZone?: string }) {
  const r = order.result;
  if (!r) return null;
  const range = rangeText(r.refLow, r.refHigh, r.unit);
  return (
    <Stack gap={2}>
      {resultValue(r) && (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600} data-testid="result-value">
            {resultValue(r)}
          </Text>
          <FlagBadge flag={r.flag} />
        </Group>
      )}
      {range && (
        <Text size="xs" c="dimmed">
          Reference {range}
        </Text>
      )}
      {r.report && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {r.report}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {r.recordedByName}, {formatDateTime(r.recordedAt, timeZone)}
        {r.correctionReason ? ` · corrected: ${r.correctionReason}` : ''}
      </Text>
      {order.history.map((h) => (
        <Text key={h.id} size="xs" c="dimmed">
          Was <s>{resultSummary(h)}</s> ({h.recordedByName}, {formatDateTime(h.recordedAt, timeZone)})
        </Text>
      ))}
    </Stack>
  );
}
