// The billing section of a patient's record, for the billing office: unbilled charges and recent invoices.
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useChannelQuery } from '../../api/queries';
import { href } from '../../app/router';
import { useMayOpen, useSession } from '../../app/session';
import { formatMoney } from '../../components/format';
import { PatientInvoices } from './PatientChargesPage';

const SUMMARY_LIMIT = 200;

export function PatientBilling({ patientId }: { patientId: number }) {
  const { can, hospital } = useSession();
  const mayOpen = useMayOpen();
  const reads = can('charges.unbilled');
  // One page is the summary; a patient with more unbilled charges than that is told so, not given a partial total.
  const unbilled = useChannelQuery('charges.unbilled', { patientId, hospitalId: hospital?.id, limit: SUMMARY_LIMIT }, { enabled: reads });
  if (!reads) return null;
  const charges = unbilled.data?.items ?? [];
  const more = !!unbilled.data?.nextCursor;
  const currency = charges[0]?.currency ?? hospital?.currency ?? 'UGX';
  const net = charges.reduce((t, c) => t + c.amount, 0);
  const count = `${charges.length}${more ? '+' : ''}`;
  return (
    <Paper withBorder p="lg" component="section" aria-label="Billing">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4} fw={600}>
            Billing
          </Title>
          {mayOpen(`/billing/patient/${patientId}`) && (
            <Button size="xs" leftSection={<IconReceipt size={16} />} component="a" href={href(`/billing/patient/${patientId}`)}>
              Unbilled charges{unbilled.data ? ` (${count})` : ''}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {unbilled.isPending
            ? 'Loading…'
            : more
              ? `More than ${SUMMARY_LIMIT} charges not invoiced yet.`
              : charges.length
                ? `${charges.length} ${charges.length === 1 ? 'charge' : 'charges'} not invoiced yet, ${formatMoney(net, currency)} before tax.`
                : 'Every charge is invoiced.'}
        </Text>
        <PatientInvoices patientId={patientId} limit={5} framed={false} />
      </Stack>
    </Paper>
  );
}
