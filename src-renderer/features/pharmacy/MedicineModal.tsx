// A medicine of the hospital's list, new or changed: name, strength, form, active ingredient, price and reorder level.
import { Group, Modal, NumberInput, Select, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { contract, type Input } from '@shared/contract';
import type { MedicineItem } from '@shared/contract/pharmacy';
import { MEDICINE_FORMS, type MedicineForm } from '@shared/domain/clinical';
import { api } from '../../api/client';
import { useForm } from '../../components/form';
import { formatMoney, moneyDecimal } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { MoneyInput, readAmount } from '../../components/MoneyInput';
import { FORM_LABELS } from './pharmacy-ui';

interface Values {
  name: string;
  strength: string;
  form: MedicineForm;
  activeIngredient: string;
  unitPrice: string;
  reorderLevel: number | '';
  active: boolean;
}

export function MedicineModal({ item, hospitalId, currency, onClose, onSaved }: { item: MedicineItem | null; hospitalId: number; currency: string; onClose: () => void; onSaved?: (i: MedicineItem) => void }) {
  const form = useForm<Values>({
    name: item?.name ?? '',
    strength: item?.strength ?? '',
    form: item?.form ?? 'tablet',
    activeIngredient: item?.activeIngredient ?? '',
    unitPrice: item ? moneyDecimal(item.unitPrice, currency) : '',
    reorderLevel: item?.reorderLevel ?? 0,
    active: item?.active ?? true,
  });
  const v = form.values;
  const save = useMutation({
    mutationFn: (input: Input<'pharmacy.createItem'> | Input<'pharmacy.updateItem'>) => ('id' in input ? api.pharmacy.updateItem(input) : api.pharmacy.createItem(input)),
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', title: item ? 'Medicine saved' : 'Medicine added', message: `${saved.label}: ${formatMoney(saved.unitPrice, saved.currency)} a unit, reorder at ${saved.reorderLevel}.` });
      onSaved?.(saved);
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const amount = readAmount(v.unitPrice, currency);
    const extra: Record<string, string> = amount.error ? { unitPrice: amount.error } : {};
    const fields = {
      name: v.name,
      strength: v.strength,
      form: v.form,
      activeIngredient: v.activeIngredient,
      unitPrice: amount.minor,
      reorderLevel: v.reorderLevel === '' ? Number.NaN : v.reorderLevel,
    };
    const parsed = item
      ? form.check(contract['pharmacy.updateItem'].input, { id: item.id, version: item.version, ...fields, active: v.active }, extra)
      : form.check(contract['pharmacy.createItem'].input, { hospitalId, ...fields }, extra);
    if (parsed) save.mutate(parsed);
  };
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{item ? `Edit ${item.label}` : 'New medicine'}</Text>}>
      <ModalForm form={form} onSubmit={submit} failTitle="Not saved" onCancel={onClose} submitLabel={item ? 'Save' : 'Add medicine'} loading={save.isPending}>
        <TextInput label="Name" placeholder="Amoxicillin" {...form.text('name')} maxLength={120} required data-autofocus />
        <Group grow align="flex-start">
          <TextInput label="Strength" placeholder="500 mg" {...form.text('strength')} maxLength={40} />
          <Select
            label="Form"
            data={MEDICINE_FORMS.map((f) => ({ value: f, label: FORM_LABELS[f] }))}
            value={v.form}
            onChange={(f) => f && form.set('form', f as MedicineForm)}
            allowDeselect={false}
            error={form.errors.form}
          />
        </Group>
        <TextInput label="Active ingredient" description="Allergies are matched against it and the name." placeholder="amoxicillin" {...form.text('activeIngredient')} maxLength={120} />
        <Group grow align="flex-start">
          <MoneyInput label="Price of one unit" currency={currency} value={v.unitPrice} onChange={(p) => form.set('unitPrice', p)} error={form.errors.unitPrice} />
          <NumberInput
            label="Reorder level"
            description="Listed as low at or below this."
            value={v.reorderLevel}
            onChange={(n) => form.set('reorderLevel', typeof n === 'number' ? n : '')}
            min={0}
            allowDecimal={false}
            error={form.errors.reorderLevel}
          />
        </Group>
        {item && <Switch label="In use (offered to prescribers)" checked={v.active} onChange={(e) => form.set('active', e.currentTarget.checked)} />}
      </ModalForm>
    </Modal>
  );
}
