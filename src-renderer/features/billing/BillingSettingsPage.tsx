// A hospital's billing settings: its tax number, the discharge rule, the archive age, the paper of invoices and whether
// receipts print on it or on an 80 mm till roll.
import { useEffect } from 'react';
import { Button, Center, Group, Input, Loader, NumberInput, SegmentedControl, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { BillingSettings } from '@shared/contract/billing';
import { RECEIPT_LAYOUT_LABELS, RECEIPT_LAYOUTS, type ReceiptLayout } from '@shared/domain/billing';
import { api } from '../../api/client';
import { channelKey, useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { useForm } from '../../components/form';
import { FormAlert, FormSection } from '../../components/FormSection';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { BillingTabs } from './billing-ui';

interface Values {
  taxNumber: string;
  requireBilledBeforeDischarge: boolean;
  archiveAfterDays: number | string;
  paper: 'A4' | 'Letter';
  receiptLayout: ReceiptLayout;
}
const valuesOf = (s: BillingSettings): Values => ({
  taxNumber: s.taxNumber ?? '',
  requireBilledBeforeDischarge: s.requireBilledBeforeDischarge,
  archiveAfterDays: s.archiveAfterDays,
  paper: s.paper,
  receiptLayout: s.receiptLayout,
});

export function BillingSettingsPage() {
  const { hospital } = useSession();
  if (!hospital) return <EmptyPage title="No hospital" description="Choose the hospital this desk works for." />;
  return <SettingsForm key={hospital.id} hospitalId={hospital.id} hospitalName={hospital.name} />;
}

function SettingsForm({ hospitalId, hospitalName }: { hospitalId: number; hospitalName: string }) {
  const queryClient = useQueryClient();
  const settings = useChannelQuery('billing.getSettings', { hospitalId });
  const form = useForm<Values>({ taxNumber: '', requireBilledBeforeDischarge: false, archiveAfterDays: 90, paper: 'A4', receiptLayout: 'a4' });
  useEffect(() => {
    if (settings.data) form.setValues(valuesOf(settings.data));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (input: Parameters<typeof api.billing.setSettings>[0]) => api.billing.setSettings(input),
    onSuccess: (s) => {
      queryClient.setQueryData(channelKey('billing.getSettings', { hospitalId }), s);
      notifications.show({ color: 'teal', title: 'Saved', message: `Billing settings of ${hospitalName}.` });
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const v = form.values;
    const input = form.check(contract['billing.setSettings'].input, { hospitalId, ...v, archiveAfterDays: v.archiveAfterDays === '' ? undefined : Number(v.archiveAfterDays) });
    if (input) save.mutate(input);
  };

  return (
    <>
      <PageHeader title="Billing" description={`Settings of ${hospitalName}: they apply to every invoice issued from now on.`} />
      <BillingTabs active="settings" />
      {settings.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        <form {...form.formProps(submit)}>
          <Stack gap="lg" maw={720}>
            <FormSection title="Invoices">
              <TextInput label="Tax number" description="Printed on every invoice and receipt." placeholder="e.g. TIN 1000123456" maxLength={40} {...form.text('taxNumber')} />
              <Input.Wrapper label="Paper" description="Of invoices and receipts.">
                <SegmentedControl data={['A4', 'Letter']} value={form.values.paper} onChange={(v) => form.set('paper', v as Values['paper'])} w={220} mt={4} aria-label="Paper" />
              </Input.Wrapper>
              <Input.Wrapper label="Receipts" description="On the paper above, or on an 80 mm till roll for a thermal printer at the cash desk (from the next payment on).">
                <SegmentedControl
                  data={RECEIPT_LAYOUTS.map((l) => ({ value: l, label: RECEIPT_LAYOUT_LABELS[l] }))}
                  value={form.values.receiptLayout}
                  onChange={(v) => form.set('receiptLayout', v as ReceiptLayout)}
                  mt={4}
                  aria-label="Receipts"
                />
              </Input.Wrapper>
            </FormSection>
            <FormSection title="Discharge follows the money">
              <Switch
                label="Refuse the final discharge while the patient has unbilled charges"
                description="The ward is told which charges are not invoiced yet."
                checked={form.values.requireBilledBeforeDischarge}
                onChange={(e) => form.set('requireBilledBeforeDischarge', e.currentTarget.checked)}
              />
            </FormSection>
            <FormSection title="Archive">
              <NumberInput
                label="Archive paid and void invoices after (days)"
                description="“Archive old invoices” on the invoice list moves them; they stay searchable and can be printed again."
                value={form.values.archiveAfterDays}
                onChange={(v) => form.set('archiveAfterDays', v)}
                min={1}
                max={3650}
                allowDecimal={false}
                error={form.errors.archiveAfterDays}
                w={320}
              />
            </FormSection>
            <FormAlert message={form.formError ?? settings.error?.message} title="Not saved" />
            <Group justify="flex-end">
              <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending}>
                Save settings
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </>
  );
}
