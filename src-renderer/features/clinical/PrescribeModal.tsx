// Prescribing a stocked medicine: dose, unit, route, frequency, duration, quantity (suggested from the rest) and
// instructions. A medicine the patient's recorded allergies name is refused until the doctor gives a reason.
import { useState } from 'react';
import { Alert, Badge, Group, Modal, Select, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { Encounter } from '@shared/contract/clinical';
import type { MedicineItem } from '@shared/contract/pharmacy';
import { FREQUENCIES, FREQUENCY_LABELS, FREQUENCY_TIMING, ROUTE_LABELS, ROUTES, type Frequency, type MedicineForm, type Route } from '@shared/domain/clinical';
import { api, isApiError } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { focusFirstInvalid, useForm } from '../../components/form';
import { ModalForm } from '../../components/ModalButtons';
import { useEncounterWrite } from './clinical-data';
import { ServerSelect } from './ServerSelect';

/** The usual unit of a dose and route of a form; the doctor may change both. */
const FORM_DEFAULTS: Record<MedicineForm, { unit: string; route: Route; countable: boolean }> = {
  tablet: { unit: 'tablet', route: 'oral', countable: true },
  capsule: { unit: 'capsule', route: 'oral', countable: true },
  syrup: { unit: 'ml', route: 'oral', countable: false },
  suspension: { unit: 'ml', route: 'oral', countable: false },
  injection: { unit: 'mg', route: 'im', countable: false },
  infusion: { unit: 'ml', route: 'iv', countable: false },
  cream: { unit: 'application', route: 'topical', countable: false },
  ointment: { unit: 'application', route: 'topical', countable: false },
  drops: { unit: 'drop', route: 'eye', countable: false },
  inhaler: { unit: 'puff', route: 'inhaled', countable: false },
  suppository: { unit: 'suppository', route: 'rectal', countable: true },
  sachet: { unit: 'sachet', route: 'oral', countable: true },
};

/** Doses a day of a frequency (null when it is not regular). */
function perDay(f: Frequency): number | null {
  const t = FREQUENCY_TIMING[f];
  if (!t) return null;
  return t.periodUnit === 'h' ? (24 / t.period) * t.frequency : t.periodUnit === 'd' ? t.frequency / t.period : t.frequency / (7 * t.period);
}

const num = (text: string) => (text.trim() === '' ? null : Number(text.trim().replace(',', '.')));
const stockLabel = (m: MedicineItem) => `${m.label} · ${m.onHand} in stock`;

interface AllergyWarning {
  message: string;
  matches: string[];
}

export function PrescribeModal({ encounter, opened, onClose }: { encounter: Encounter; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={<Text fw={600}>Prescribe for {encounter.patientName}</Text>}>
      {opened && <PrescribeForm encounter={encounter} onClose={onClose} />}
    </Modal>
  );
}

function PrescribeForm({ encounter: e, onClose }: { encounter: Encounter; onClose: () => void }) {
  const [item, setItem] = useState<MedicineItem | null>(null);
  const [search, setSearch] = useState('');
  const [quantityTyped, setQuantityTyped] = useState(false);
  const [allergy, setAllergy] = useState<AllergyWarning | null>(null);
  const form = useForm({ dose: '', doseUnit: '', route: 'oral' as Route, frequency: 'tds' as Frequency, durationDays: '', quantity: '', instructions: '', allergyOverrideReason: '' });
  const v = form.values;
  const query = item && search === stockLabel(item) ? '' : search.trim();
  const [debounced] = useDebouncedValue(query, 200);
  const items = useChannelQuery('pharmacy.items', { hospitalId: e.hospitalId, query: debounced, limit: 20 }, { placeholderData: (previous) => previous });

  // A countable form taken regularly for some days: the quantity follows from the rest until it is typed.
  const suggested = (() => {
    const dose = num(v.dose);
    const days = num(v.durationDays);
    const daily = perDay(v.frequency);
    if (!item || !FORM_DEFAULTS[item.form].countable || v.doseUnit !== FORM_DEFAULTS[item.form].unit || !dose || !days || !daily) return null;
    return Math.ceil(dose * daily * days);
  })();
  const quantity = quantityTyped ? v.quantity : suggested !== null ? String(suggested) : v.quantity;

  const create = useEncounterWrite(api.prescriptions.create, {
    done: (_saved, input) => {
      notifications.show({ color: 'teal', message: `Prescribed ${item?.label ?? 'the medicine'}: ${input.quantity} to dispense.` });
      onClose();
    },
    onError: (err) => {
      const warning = isApiError(err, 'VALIDATION') ? err.fields?.allergyOverrideReason : undefined;
      if (warning) {
        const details = err.details as { allergyMatches?: string[] } | undefined;
        setAllergy({ message: warning, matches: details?.allergyMatches ?? [] });
        form.setErrors({ allergyOverrideReason: 'Give the reason to prescribe it anyway.' });
        focusFirstInvalid(form.ref.current);
      } else form.fail(err);
    },
  });

  const choose = (m: MedicineItem | null) => {
    setItem(m);
    setAllergy(null);
    if (m) {
      form.set('doseUnit', FORM_DEFAULTS[m.form].unit);
      form.set('route', FORM_DEFAULTS[m.form].route);
    }
  };

  const submit = () => {
    const extra: Record<string, string> = {};
    if (!item) extra.itemId = 'Choose a medicine.';
    if (allergy && !v.allergyOverrideReason.trim()) extra.allergyOverrideReason = 'Give the reason to prescribe it anyway.';
    const input = form.check(
      contract['prescriptions.create'].input,
      {
        encounterId: e.id,
        itemId: item?.id ?? 0,
        dose: num(v.dose) ?? undefined,
        doseUnit: v.doseUnit,
        route: v.route,
        frequency: v.frequency,
        durationDays: num(v.durationDays),
        quantity: num(quantity) ?? undefined,
        instructions: v.instructions,
        allergyOverrideReason: allergy ? v.allergyOverrideReason : null,
      },
      extra,
    );
    if (input) create.mutate(input);
  };

  return (
    <ModalForm form={form} onSubmit={submit} failTitle="Not prescribed" onCancel={onClose} submitLabel={allergy ? 'Prescribe despite allergy' : 'Prescribe'} color={allergy ? 'red' : undefined} loading={create.isPending} label="Prescription">
      {e.allergies ? (
        <Group gap="xs">
          <Badge color="red" variant="light" radius="sm" tt="none" leftSection={<IconAlertTriangle size={12} />}>
            Allergies
          </Badge>
          <Text size="sm" c="red.8" fw={500}>
            {e.allergies}
          </Text>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          No allergies recorded.
        </Text>
      )}
      <ServerSelect
        label="Medicine"
        placeholder="Search the pharmacy's medicines"
        items={items.data?.items ?? []}
        searching={items.isFetching}
        search={search}
        onSearchChange={setSearch}
        value={item}
        onChange={choose}
        keyOf={(m) => m.id}
        labelOf={stockLabel}
        renderOption={(m) => (
          <Group justify="space-between" wrap="nowrap" w="100%">
            <Text size="sm">{m.label}</Text>
            <Text size="xs" c={m.onHand === 0 ? 'red' : m.low ? 'orange.8' : 'dimmed'}>
              {m.onHand === 0 ? 'out of stock' : `${m.onHand} in stock`}
            </Text>
          </Group>
        )}
        error={form.errors.itemId}
        required
        autoFocus
      />
      <SimpleGrid cols={3} spacing="sm">
        <TextInput label="Dose" inputMode="decimal" required {...form.text('dose')} />
        <TextInput label="Unit" required maxLength={20} {...form.text('doseUnit')} />
        <Select label="Route" data={ROUTES.map((r) => ({ value: r, label: ROUTE_LABELS[r] }))} value={v.route} onChange={(r) => r && form.set('route', r as Route)} allowDeselect={false} />
        <Select label="Frequency" data={FREQUENCIES.map((f) => ({ value: f, label: FREQUENCY_LABELS[f] }))} value={v.frequency} onChange={(f) => f && form.set('frequency', f as Frequency)} allowDeselect={false} />
        <TextInput label="Duration (days)" inputMode="numeric" {...form.text('durationDays')} />
        <TextInput
          label="Quantity to dispense"
          inputMode="numeric"
          required
          value={quantity}
          onChange={(ev) => {
            setQuantityTyped(true);
            form.set('quantity', ev.currentTarget.value);
          }}
          description={suggested !== null && !quantityTyped ? 'From dose × frequency × days' : undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          error={form.errors.quantity}
        />
      </SimpleGrid>
      <Textarea label="Instructions" placeholder="e.g. After meals; complete the course" autosize minRows={2} maxLength={1000} {...form.text('instructions')} />
      {allergy && (
        <Alert color="red" variant="filled" icon={<IconAlertTriangle size={18} />} title="Allergy recorded" role="alert">
          {allergy.message}
          {allergy.matches.some((m) => !allergy.message.includes(m)) && ` (matches: ${allergy.matches.join(', ')})`}
        </Alert>
      )}
      {allergy && <Textarea label="Reason to prescribe despite the allergy" required autosize minRows={2} maxLength={500} {...form.text('allergyOverrideReason')} />}
    </ModalForm>
  );
}
