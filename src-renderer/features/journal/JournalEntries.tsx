// One entry of a patient's journal as it reads on screen: an appointment, an encounter with what was recorded in it,
// an admission with its beds, or an invoice.
import type { ReactNode } from 'react';
import { Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { Encounter, Prescription, TestOrder } from '@shared/contract/clinical';
import type { JournalEntry } from '@shared/contract/journal';
import { VITAL_RANGES, VITALS, type ResultFlag } from '@shared/domain/clinical';
import { APPOINTMENT_STATUS_LABELS, type AppointmentStatus } from '@shared/domain/scheduling';
import { INVOICE_STATUS_LABELS, type InvoiceStatus } from '@shared/domain/billing';
import { Detail } from '../../components/Detail';
import { formatDate, formatDateTime, formatMoney, formatTime } from '../../components/format';
import { TableHead } from '../../components/TableHead';
import { doseLine } from '../pharmacy';

const APPOINTMENT_COLORS: Record<AppointmentStatus, string> = { booked: 'blue', checked_in: 'orange', completed: 'teal', cancelled: 'gray', no_show: 'red' };
const INVOICE_COLORS: Record<InvoiceStatus, string> = { draft: 'gray', issued: 'blue', partially_paid: 'yellow', paid: 'teal', void: 'red' };
export const FLAG_COLORS: Record<ResultFlag, string> = { normal: 'gray', low: 'orange', high: 'orange', critical: 'red' };
const FLAG_LABELS: Record<ResultFlag, string> = { normal: 'Normal', low: 'Low', high: 'High', critical: 'Critical' };
const PRESCRIPTION_LABELS: Record<Prescription['status'], string> = { active: 'To dispense', partially_dispensed: 'Partly dispensed', dispensed: 'Dispensed', cancelled: 'Cancelled' };
const PRESCRIPTION_COLORS: Record<Prescription['status'], string> = { active: 'blue', partially_dispensed: 'yellow', dispensed: 'teal', cancelled: 'gray' };

/** The title line of an entry: what it is. */
export function entryTitle(e: JournalEntry): string {
  switch (e.kind) {
    case 'appointment':
      return `Appointment with ${e.appointment.doctorName}`;
    case 'encounter':
      return `${e.encounter.kind === 'inpatient' ? 'Ward round' : 'Consultation'} · ${e.encounter.doctorName}`;
    case 'admission':
      return 'Admission';
    case 'invoice':
      return e.invoice.number ? `Invoice ${e.invoice.number}` : 'Draft invoice';
  }
}

export function EntryBody({ entry: e }: { entry: JournalEntry }) {
  switch (e.kind) {
    case 'appointment':
      return <AppointmentBody entry={e} />;
    case 'encounter':
      return <EncounterBody encounter={e.encounter} timeZone={e.timeZone} />;
    case 'admission':
      return <AdmissionBody entry={e} />;
    case 'invoice':
      return <InvoiceBody entry={e} />;
  }
}

function AppointmentBody({ entry: e }: { entry: Extract<JournalEntry, { kind: 'appointment' }> }) {
  const a = e.appointment;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Badge variant="light" color={APPOINTMENT_COLORS[a.status]} size="sm">
          {APPOINTMENT_STATUS_LABELS[a.status]}
        </Badge>
        <Text size="sm">
          {formatTime(a.start, e.timeZone)}–{formatTime(a.end, e.timeZone)}
          {a.departmentName ? ` · ${a.departmentName}` : ''}
        </Text>
      </Group>
      {a.reason && <Text size="sm">Reason: {a.reason}</Text>}
      {a.cancelReason && (
        <Text size="sm" c="dimmed">
          Cancelled: {a.cancelReason}
        </Text>
      )}
    </Stack>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function EncounterBody({ encounter: enc, timeZone }: { encounter: Encounter; timeZone: string }) {
  const notes = (
    [
      ['Complaint', enc.complaint],
      ['Subjective', enc.subjective],
      ['Objective', enc.objective],
      ['Assessment', enc.assessment],
      ['Plan', enc.plan],
    ] as const
  ).filter(([, t]) => t);
  const vitals = VITALS.filter((k) => enc.vitals[k] != null);
  const diagnoses = [...enc.diagnoses].sort((a, b) => (a.rank === b.rank ? 0 : a.rank === 'primary' ? -1 : 1));
  return (
    <Stack gap="sm">
      <Group gap="xs">
        {enc.status === 'signed' ? (
          <Badge variant="light" color="teal" size="sm">
            Signed{enc.signedAt ? ` ${formatDateTime(enc.signedAt, timeZone)}` : ''}
            {enc.signedByName ? ` by ${enc.signedByName}` : ''}
          </Badge>
        ) : (
          <Badge variant="light" color="orange" size="sm">
            Open
          </Badge>
        )}
        {enc.roundDate && (
          <Text size="sm" c="dimmed">
            Round of {formatDate(enc.roundDate)}
          </Text>
        )}
      </Group>

      {notes.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          {notes.map(([label, text]) => (
            <Detail key={label} label={label}>
              {text}
            </Detail>
          ))}
        </SimpleGrid>
      )}

      {vitals.length > 0 && (
        <Part title="Vital signs">
          <Group gap="xs" aria-label="Vital signs">
            {vitals.map((k) => {
              const flag = enc.vitalFlags[k];
              return (
                <Badge key={k} variant={flag ? 'filled' : 'outline'} color={flag ? 'orange' : 'gray'} tt="none" size="lg" radius="sm" fw={500}>
                  {VITAL_RANGES[k].label} {enc.vitals[k]} {VITAL_RANGES[k].unit}
                  {flag ? ` · ${flag}` : ''}
                </Badge>
              );
            })}
            {enc.bmi != null && (
              <Badge variant="outline" color="gray" tt="none" size="lg" radius="sm" fw={500}>
                BMI {enc.bmi}
              </Badge>
            )}
          </Group>
        </Part>
      )}

      {diagnoses.length > 0 && (
        <Part title="Diagnoses">
          <Stack gap={2} aria-label="Diagnoses">
            {diagnoses.map((d) => (
              <Group key={d.id} gap="xs" wrap="nowrap" align="baseline">
                <Text ff="monospace" size="sm" fw={700} w={70} style={{ flex: 'none' }}>
                  {d.code}
                </Text>
                <Text size="sm">{d.title}</Text>
                <Badge size="xs" variant={d.rank === 'primary' ? 'filled' : 'light'}>
                  {d.rank}
                </Badge>
                <Badge size="xs" variant="light" color={d.certainty === 'confirmed' ? 'teal' : 'gray'}>
                  {d.certainty}
                </Badge>
                {d.note && (
                  <Text size="xs" c="dimmed">
                    {d.note}
                  </Text>
                )}
              </Group>
            ))}
          </Stack>
        </Part>
      )}

      {enc.procedures.length > 0 && (
        <Part title="Procedures">
          {enc.procedures.map((p) => (
            <Text key={p.id} size="sm">
              {p.description}
              {p.quantity > 1 ? ` × ${p.quantity}` : ''} · {p.performedByName}, {formatDateTime(p.performedAt, timeZone)}
              {p.notes ? ` · ${p.notes}` : ''}
            </Text>
          ))}
        </Part>
      )}

      {enc.tests.length > 0 && (
        <Part title="Tests and results">
          <ResultsTable tests={enc.tests} timeZone={timeZone} />
        </Part>
      )}

      {enc.prescriptions.length > 0 && (
        <Part title="Prescriptions">
          <Stack gap={4} aria-label="Prescriptions">
            {enc.prescriptions.map((p) => (
              <div key={p.id}>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {p.medicine}
                  </Text>
                  <Text size="sm">{doseLine(p)}</Text>
                  <Badge size="xs" variant="light" color={PRESCRIPTION_COLORS[p.status]}>
                    {PRESCRIPTION_LABELS[p.status]}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {p.dispensedQuantity} of {p.quantity} dispensed
                  </Text>
                </Group>
                {p.instructions && (
                  <Text size="xs" c="dimmed">
                    {p.instructions}
                  </Text>
                )}
                {p.dispensings.map((d) => (
                  <Text key={d.id} size="xs" c="dimmed">
                    Dispensed {d.quantity} on {formatDateTime(d.dispensedAt, timeZone)} by {d.dispensedByName}
                  </Text>
                ))}
                {p.cancelReason && (
                  <Text size="xs" c="dimmed">
                    Cancelled: {p.cancelReason}
                  </Text>
                )}
              </div>
            ))}
          </Stack>
        </Part>
      )}

      {enc.addenda.length > 0 && (
        <Part title="Addenda">
          {enc.addenda.map((a) => (
            <Text key={a.id} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              <Text span size="xs" c="dimmed">
                {a.authorName}, {formatDateTime(a.createdAt, timeZone)}:{' '}
              </Text>
              {a.text}
            </Text>
          ))}
        </Part>
      )}
    </Stack>
  );
}

const rangeOf = (low: number | null, high: number | null) => (low != null && high != null ? `${low}–${high}` : low != null ? `≥ ${low}` : high != null ? `≤ ${high}` : '');

function ResultsTable({ tests, timeZone }: { tests: TestOrder[]; timeZone: string }) {
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing={4} withTableBorder aria-label="Results">
        <TableHead columns={['Test', 'Result', { title: 'Reference', width: 120 }, { title: 'Flag', width: 90 }, { title: 'Recorded', width: 170 }]} />
        <Table.Tbody>
          {tests.map((t) => {
            const r = t.result;
            return (
              <Table.Tr key={t.id}>
                <Table.Td>
                  <Text size="sm">{t.testName}</Text>
                  {t.priority === 'urgent' && (
                    <Badge size="xs" color="red" variant="light">
                      Urgent
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {t.status === 'cancelled' ? (
                    <Text size="sm" c="dimmed">
                      Cancelled{t.cancelReason ? `: ${t.cancelReason}` : ''}
                    </Text>
                  ) : r ? (
                    <>
                      <Text size="sm" fw={r.flag && r.flag !== 'normal' ? 700 : undefined}>
                        {r.valueNumeric != null ? `${r.valueNumeric}${r.unit ? ` ${r.unit}` : ''}` : r.valueText}
                      </Text>
                      {r.report && (
                        <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                          {r.report}
                        </Text>
                      )}
                      {t.history.length > 0 && (
                        <Text size="xs" c="dimmed">
                          Corrected{r.correctionReason ? ` (${r.correctionReason})` : ''}; was{' '}
                          {t.history.map((h) => (h.valueNumeric != null ? `${h.valueNumeric}${h.unit ? ` ${h.unit}` : ''}` : (h.valueText ?? h.report ?? ''))).join(', ')}
                        </Text>
                      )}
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Awaiting result
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{r ? rangeOf(r.refLow, r.refHigh) : ''}</Table.Td>
                <Table.Td>
                  {r?.flag && (
                    <Badge size="sm" color={FLAG_COLORS[r.flag]} variant={r.flag === 'normal' ? 'light' : 'filled'}>
                      {FLAG_LABELS[r.flag]}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="xs">{r ? `${formatDateTime(r.recordedAt, timeZone)}, ${r.recordedByName}` : `Ordered ${formatDateTime(t.orderedAt, timeZone)}`}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AdmissionBody({ entry: e }: { entry: Extract<JournalEntry, { kind: 'admission' }> }) {
  const a = e.admission;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Badge variant="light" color={a.dischargedAt ? 'gray' : 'teal'} size="sm">
          {a.dischargedAt ? `Discharged ${formatDateTime(a.dischargedAt, e.timeZone)}` : 'In hospital'}
        </Badge>
        {!a.dischargedAt && a.expectedDischarge && (
          <Text size="sm" c="dimmed">
            Expected discharge {formatDate(a.expectedDischarge)}
          </Text>
        )}
      </Group>
      {a.reason && <Text size="sm">Reason: {a.reason}</Text>}
      {a.dischargeNote && <Text size="sm">Discharge note: {a.dischargeNote}</Text>}
      {a.beds.length > 0 && (
        <Table verticalSpacing={4} withTableBorder aria-label="Beds">
          <TableHead columns={['Ward', 'Room', 'Bed', 'From', 'To']} />
          <Table.Tbody>
            {a.beds.map((b, i) => (
              <Table.Tr key={i}>
                <Table.Td>{b.ward}</Table.Td>
                <Table.Td>{b.room}</Table.Td>
                <Table.Td>{b.bed}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(b.from, e.timeZone)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{b.to ? formatDateTime(b.to, e.timeZone) : 'now'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function InvoiceBody({ entry: e }: { entry: Extract<JournalEntry, { kind: 'invoice' }> }) {
  const i = e.invoice;
  return (
    <Group gap="lg">
      <Badge variant="light" color={INVOICE_COLORS[i.status]} size="sm">
        {INVOICE_STATUS_LABELS[i.status]}
      </Badge>
      <Text size="sm">
        Total <b>{formatMoney(i.total, i.currency)}</b>
      </Text>
      <Text size="sm">Paid {formatMoney(i.paid, i.currency)}</Text>
      <Text size="sm" c={i.balance > 0 && i.status !== 'void' ? 'red.7' : undefined}>
        Balance {formatMoney(i.balance, i.currency)}
      </Text>
      <Text size="sm" c="dimmed">
        {i.lines} {i.lines === 1 ? 'line' : 'lines'}
        {i.issueDate ? ` · issued ${formatDate(i.issueDate)}` : ''}
      </Text>
    </Group>
  );
}
