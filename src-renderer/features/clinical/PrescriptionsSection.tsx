// Prescriptions of an encounter: what was prescribed, how much of it the pharmacy has handed out, and a cancel with a
// reason; the form to prescribe opens in a modal.
import { useState } from 'react';
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconPill } from '@tabler/icons-react';
import type { Encounter, Prescription } from '@shared/contract/clinical';
import { FREQUENCY_LABELS, ROUTE_LABELS, type PrescriptionStatus } from '@shared/domain/clinical';
import { api } from '../../api/client';
import { Panel } from '../../components/Panel';
import { TableHead } from '../../components/TableHead';
import { useEncounterRights } from './clinical-data';
import { PrescribeModal } from './PrescribeModal';
import { ReasonModal, type ReasonRequest } from './ReasonModal';
import { ByWhom, CancelButton } from './record-cells';

const STATUS: Record<PrescriptionStatus, { label: string; color: string }> = {
  active: { label: 'To dispense', color: 'blue' },
  partially_dispensed: { label: 'Partly dispensed', color: 'yellow' },
  dispensed: { label: 'Dispensed', color: 'teal' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

/** Units counted in pieces take a plural ("2 tablets"); measures do not ("5 ml"). */
const COUNTED = new Set(['tablet', 'capsule', 'drop', 'puff', 'sachet', 'suppository', 'application']);
const doseText = (dose: number, unit: string) => `${dose} ${unit}${dose !== 1 && COUNTED.has(unit) ? 's' : ''}`;

/** "2 tablets by mouth, three times a day, for 7 days" */
export const dosage = (p: Pick<Prescription, 'dose' | 'doseUnit' | 'route' | 'frequency' | 'durationDays'>) =>
  `${doseText(p.dose, p.doseUnit)} ${ROUTE_LABELS[p.route].toLowerCase()}, ${FREQUENCY_LABELS[p.frequency].toLowerCase()}${p.durationDays ? `, for ${p.durationDays} ${p.durationDays === 1 ? 'day' : 'days'}` : ''}`;

export function PrescriptionsSection({ encounter: e, timeZone }: { encounter: Encounter; timeZone: string }) {
  const rights = useEncounterRights(e);
  const [prescribing, setPrescribing] = useState(false);
  const [cancelling, setCancelling] = useState<ReasonRequest | null>(null);
  const cancel = (p: Prescription): ReasonRequest => ({
    title: `Cancel ${p.medicine}`,
    about: `The pharmacy will no longer dispense ${p.medicine} for ${p.patientName}${p.dispensedQuantity ? ` (${p.dispensedQuantity} of ${p.quantity} already handed out)` : ''}.`,
    submitLabel: 'Cancel prescription',
    done: `${p.medicine} cancelled.`,
    send: (reason) => api.prescriptions.cancel({ id: p.id, reason }),
  });
  return (
    <Panel
      title="Prescriptions"
      actions={
        rights.clinician && (
          <Button leftSection={<IconPill size={16} />} variant="light" onClick={() => setPrescribing(true)}>
            Prescribe
          </Button>
        )
      }
    >
      {e.prescriptions.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing prescribed.
        </Text>
      ) : (
        <Table verticalSpacing={8} aria-label="Prescriptions">
          <TableHead columns={['Medicine', 'Dosage', { title: 'Quantity', width: 110 }, { title: 'Status', width: 140 }, { title: 'Prescribed', width: 200 }, rights.clinician && { title: '', width: 90 }]} />
          <Table.Tbody>
            {e.prescriptions.map((p) => (
              <Table.Tr key={p.id} aria-label={p.medicine} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {p.medicine}
                  </Text>
                  {p.allergyOverrideReason && (
                    <Text size="xs" c="red.7">
                      Despite allergy: {p.allergyOverrideReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{dosage(p)}</Text>
                  {p.instructions && (
                    <Text size="xs" c="dimmed">
                      {p.instructions}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.quantity}</Text>
                  {p.dispensedQuantity > 0 && (
                    <Text size="xs" c="dimmed">
                      {p.dispensedQuantity} handed out
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS[p.status].color} radius="sm" tt="none">
                    {STATUS[p.status].label}
                  </Badge>
                  {p.cancelReason && (
                    <Text size="xs" c="dimmed">
                      {p.cancelReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <ByWhom name={p.prescriberName} at={p.prescribedAt} timeZone={timeZone} />
                </Table.Td>
                {rights.clinician && (
                  <Table.Td>
                    {(p.status === 'active' || p.status === 'partially_dispensed') && (
                      <Group justify="flex-end">
                        <CancelButton what={p.medicine} onClick={() => setCancelling(cancel(p))} />
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PrescribeModal encounter={e} opened={prescribing} onClose={() => setPrescribing(false)} />
      <ReasonModal request={cancelling} onClose={() => setCancelling(null)} />
    </Panel>
  );
}
