// Entering the result of a test order (a value with its unit and reference range, a text, or an imaging report);
// a resulted order takes a new value only as a correction with a reason, the old value shown beside it.
import { Alert, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { contract, type Input } from '@shared/contract';
import type { TestDefinition, TestOrder } from '@shared/contract/clinical';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { useForm } from '../../components/form';
import { formatDateTime } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { SectionGate } from '../../components/RecordGate';
import { rangeAudience, rangeText, resultValue } from './results-ui';

export function ResultModal({ order, timeZone, onClose }: { order: TestOrder | null; timeZone?: string; onClose: () => void }) {
  const correcting = !!order?.result;
  return (
    <Modal
      opened={order !== null}
      onClose={onClose}
      size="lg"
      title={
        <Text fw={600}>
          {correcting ? 'Correct result' : 'Enter result'}
          {order ? `: ${order.testName}` : ''}
        </Text>
      }
    >
      {order && <ResultForm order={order} timeZone={timeZone} onClose={onClose} />}
    </Modal>
  );
}

function ResultForm({ order, timeZone, onClose }: { order: TestOrder; timeZone?: string; onClose: () => void }) {
  // The definition gives the unit and reference ranges; the server picks the range for the patient and flags.
  const catalog = useChannelQuery('tests.catalog', { hospitalId: order.hospitalId, query: order.testCode, includeInactive: true });
  return (
    <Stack gap="sm">
      <Text size="sm">
        {order.patientNumber} · <b>{order.patientName}</b> · ordered by {order.orderedByName}, {formatDateTime(order.orderedAt, timeZone)}
        {order.note ? ` · “${order.note}”` : ''}
      </Text>
      <SectionGate query={catalog} failed="The test could not be loaded">
        {(defs) => <ResultFields order={order} def={defs.find((d) => d.id === order.testId) ?? null} timeZone={timeZone} onClose={onClose} />}
      </SectionGate>
    </Stack>
  );
}

/** A decimal as typed ("9.1" or "9,1"); null when blank, NaN when not a number. */
const readNumber = (text: string): number | null => (text.trim() === '' ? null : Number(text.trim().replace(',', '.')));

function ResultFields({ order, def, timeZone, onClose }: { order: TestOrder; def: TestDefinition | null; timeZone?: string; onClose: () => void }) {
  const old = order.result;
  const imaging = (def?.kind ?? order.kind) === 'imaging';
  const numeric = !imaging && !!def?.unit;
  const form = useForm({ value: '', valueText: '', report: old?.report ?? '', correctionReason: '' });
  const v = form.values;
  const save = useMutation({
    mutationFn: (input: Input<'tests.recordResult'>) => api.tests.recordResult(input),
    onSuccess: (o) => {
      const r = o.result;
      const flag = r?.flag && r.flag !== 'normal' ? ` (${r.flag})` : '';
      notifications.show({ color: r?.flag === 'critical' ? 'red' : 'teal', title: old ? 'Result corrected' : 'Result recorded', message: `${o.testName} of ${o.patientName}: ${r && resultValue(r) ? resultValue(r) : 'report recorded'}${flag}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const value = numeric ? readNumber(v.value) : null;
    const extra: Record<string, string> = {};
    if (value !== null && Number.isNaN(value)) extra.value = 'Expected a number, e.g. 9.1.';
    if (!numeric && !imaging && !v.valueText.trim()) extra.valueText = 'Required.';
    if (imaging && !v.report.trim()) extra.report = 'Required.';
    if (old && !v.correctionReason.trim()) extra.correctionReason = 'Required.';
    const input = form.check(
      contract['tests.recordResult'].input,
      { orderId: order.id, value: Number.isNaN(value) ? null : value, valueText: numeric || imaging ? null : v.valueText, report: imaging ? v.report : null, correctionReason: old ? v.correctionReason : null },
      extra,
    );
    if (input) save.mutate(input);
  };
  return (
    <ModalForm form={form} onSubmit={submit} failTitle="Result not recorded" onCancel={onClose} submitLabel={old ? 'Save correction' : 'Save result'} loading={save.isPending} label="Result">
      {old && (
        <Alert color="yellow" title="This order has a result">
          Current: <b>{resultValue(old) || 'the report below'}</b>
          {old.flag && old.flag !== 'normal' ? ` (${old.flag})` : ''} by {old.recordedByName}, {formatDateTime(old.recordedAt, timeZone)}. A correction keeps this value in the record.
        </Alert>
      )}
      {numeric && def && (
        <>
          <TextInput label={`${def.name} (${def.unit})`} inputMode="decimal" rightSection={<Text size="xs" c="dimmed">{def.unit}</Text>} rightSectionWidth={70} data-autofocus {...form.text('value')} required />
          <ReferenceRanges def={def} />
        </>
      )}
      {!numeric && !imaging && <TextInput label="Result" placeholder="e.g. Positive, Negative, Reactive" data-autofocus {...form.text('valueText')} maxLength={200} required />}
      {imaging && <Textarea label="Report" autosize minRows={5} maxRows={14} data-autofocus {...form.text('report')} maxLength={20_000} required />}
      {old && <Textarea label="Reason for the correction" autosize minRows={2} {...form.text('correctionReason')} maxLength={300} required />}
    </ModalForm>
  );
}

function ReferenceRanges({ def }: { def: TestDefinition }) {
  if (def.ranges.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        No reference range is kept for this test: the value is recorded without a flag.
      </Text>
    );
  }
  return (
    <Stack gap={0} aria-label="Reference ranges">
      <Text size="xs" c="dimmed">
        Reference ranges (the one for the patient's sex and age applies):
      </Text>
      {def.ranges.map((r, i) => (
        <Text key={i} size="xs" c="dimmed">
          {rangeAudience(r)}: {rangeText(r.low, r.high, def.unit) || 'no limits'}
          {r.criticalLow !== null || r.criticalHigh !== null ? ` · critical ${[r.criticalLow !== null ? `≤ ${r.criticalLow}` : '', r.criticalHigh !== null ? `≥ ${r.criticalHigh}` : ''].filter(Boolean).join(' or ')}` : ''}
        </Text>
      ))}
    </Stack>
  );
}
