// When another desk saved the record first: your values beside the current ones, and the two ways on.
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import type { Patient } from '@shared/contract/patients';
import { displayPhone, formatDate, SEX_LABELS } from '../../components/format';
import { TableHead } from '../../components/TableHead';
import { checkPhone } from '@shared/domain/phone';
import { FIELD_LABELS, differingFields, fromPatient, type FieldKey, type PatientFormValues } from './patient-form';

function shown(key: FieldKey, v: PatientFormValues, country: string, current?: Patient): string {
  const raw = v[key as keyof PatientFormValues];
  if (key === 'nationalId') return current ? (current.nationalIdMasked ?? '—') : raw ? `${String(raw)} (typed)` : '(unchanged)';
  if (raw === '' || raw === null || raw === undefined) return '—';
  if (key === 'dateOfBirth' || key === 'insuranceValidUntil') return formatDate(String(raw));
  if (key === 'sex') return SEX_LABELS[String(raw)] ?? String(raw);
  if (key === 'phone' || key === 'nextOfKinPhone') {
    const c = checkPhone(String(raw), country);
    return c.ok ? displayPhone(c.e164) : String(raw);
  }
  if (key === 'insuranceCoveragePercent') return `${String(raw)} %`;
  if (key === 'bloodGroup' && raw === 'unknown') return 'Unknown';
  return String(raw);
}

export function ConflictPanel({
  message,
  origin,
  current,
  mine,
  country,
  onUseCurrent,
  onApplyAgain,
  applying,
}: {
  message: string;
  /** The record as it was when editing began. */
  origin: Patient;
  /** The record as it is now. */
  current: Patient;
  mine: PatientFormValues;
  country: string;
  onUseCurrent: () => void;
  onApplyAgain: () => void;
  applying: boolean;
}) {
  const originValues = fromPatient(origin);
  const currentValues = fromPatient(current);
  const myEdits = new Set(differingFields(originValues, mine, country));
  const theirEdits = new Set(differingFields(originValues, currentValues, country));
  const rows = (Object.keys(FIELD_LABELS) as FieldKey[]).filter((k) => (k === 'nationalId' ? myEdits.has(k) : myEdits.has(k) || theirEdits.has(k)));

  return (
    <Alert color="orange" variant="light" icon={<IconGitCompare size={20} />} title="Changed at another desk" role="alert">
      <Stack gap="md">
        <Text size="sm">{message}</Text>
        {rows.length > 0 && (
          <Table withTableBorder bg="white" verticalSpacing="xs" aria-label="Differences between your version and the current record">
            <TableHead columns={[{ title: 'Field', width: '22%' }, 'Your version', 'Current record']} />
            <Table.Tbody>
              {rows.map((k) => (
                <Table.Tr key={k}>
                  <Table.Td fw={500}>{FIELD_LABELS[k]}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={myEdits.has(k) ? 600 : undefined}>
                        {shown(k, mine, country)}
                      </Text>
                      {myEdits.has(k) && (
                        <Badge size="xs" variant="light">
                          your edit
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm">{shown(k, currentValues, country, k === 'nationalId' ? current : undefined)}</Text>
                      {theirEdits.has(k) && (
                        <Badge size="xs" variant="light" color="orange">
                          changed at the other desk
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Text size="xs" c="dimmed">
          “Apply my changes again” saves only the fields you edited on top of the current record; fields changed only at the other desk keep their new
          values. “Use current record” discards your edits.
        </Text>
        <Group gap="sm">
          <Button variant="default" onClick={onUseCurrent}>
            Use current record
          </Button>
          <Button color="orange" onClick={onApplyAgain} loading={applying}>
            Apply my changes again
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
