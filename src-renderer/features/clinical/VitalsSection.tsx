// Vital signs of an encounter: typed with their units, refused outside what a body can show, flagged outside the
// normal range (the flags the server answered with), the BMI computed from weight and height.
import { Badge, Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { VitalsInput, type Encounter } from '@shared/contract/clinical';
import { bmiOf, VITAL_RANGES, VITALS, type Vital, type VitalFlag } from '@shared/domain/clinical';
import { FormAlert } from '../../components/FormSection';
import { Panel } from '../../components/Panel';
import { useEncounterRights } from './clinical-data';
import { useEncounterDraft } from './encounter-draft';
import { DraftConflict, SaveState } from './NotesSection';

type VitalValues = Record<Vital, string>;
const VITAL_LABELS = Object.fromEntries(VITALS.map((k) => [k, VITAL_RANGES[k].label])) as Record<Vital, string>;

const vitalsOf = (e: Encounter): VitalValues => Object.fromEntries(VITALS.map((k) => [k, e.vitals[k] === null ? '' : String(e.vitals[k])])) as VitalValues;

/** A reading as typed ("37.8" or "37,8"); null when blank, NaN when not a number. */
const reading = (text: string): number | null => (text.trim() === '' ? null : Number(text.trim().replace(',', '.')));

/** "normal 50–100 /min", "normal ≥ 94 %". */
function normalRange(k: Vital): string {
  const r = VITAL_RANGES[k];
  if (r.normalLow !== null && r.normalHigh !== null) return `normal ${r.normalLow}–${r.normalHigh} ${r.unit}`;
  if (r.normalLow !== null) return `normal ≥ ${r.normalLow} ${r.unit}`;
  if (r.normalHigh !== null) return `normal ≤ ${r.normalHigh} ${r.unit}`;
  return '';
}

function FlagNote({ vital, flag }: { vital: Vital; flag: VitalFlag | undefined }) {
  if (!flag) return null;
  return (
    <Text span size="xs" c="orange.8" fw={600} data-testid={`flag-${vital}`}>
      {flag === 'high' ? 'High' : 'Low'} · {normalRange(vital)}
    </Text>
  );
}

function Bmi({ bmi }: { bmi: number | null }) {
  return (
    <Group gap="xs" data-testid="bmi">
      <Text size="sm" c="dimmed">
        BMI
      </Text>
      <Text size="sm" fw={600}>
        {bmi === null ? '—' : `${bmi} kg/m²`}
      </Text>
      {bmi !== null && (bmi < 18.5 || bmi >= 25) && (
        <Badge size="sm" variant="light" color="orange" radius="sm" tt="none">
          {bmi < 18.5 ? 'Underweight' : bmi >= 30 ? 'Obese' : 'Overweight'}
        </Badge>
      )}
    </Group>
  );
}

export function VitalsSection({ encounter: e }: { encounter: Encounter }) {
  const rights = useEncounterRights(e);
  if (rights.notes) return <VitalsForm encounter={e} />;
  if (VITALS.every((k) => e.vitals[k] === null)) {
    return (
      <Panel title="Vital signs">
        <Text size="sm" c="dimmed">
          No vital signs recorded.
        </Text>
      </Panel>
    );
  }
  return (
    <Panel title="Vital signs">
      <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
        {VITALS.map((k) => (
          <div key={k}>
            <Text size="xs" c="dimmed" fw={500} tt="uppercase" lts={0.3}>
              {VITAL_RANGES[k].label}
            </Text>
            <Text size="sm">{e.vitals[k] === null ? '—' : `${e.vitals[k]} ${VITAL_RANGES[k].unit}`}</Text>
            <FlagNote vital={k} flag={e.vitalFlags[k]} />
          </div>
        ))}
      </SimpleGrid>
      <Bmi bmi={e.bmi} />
    </Panel>
  );
}

function VitalsForm({ encounter: e }: { encounter: Encounter }) {
  const draft = useEncounterDraft(e, vitalsOf, 'the vital signs', 'Vital signs saved.');
  const { form } = draft;
  const typed = Object.fromEntries(VITALS.map((k) => [k, reading(form.values[k])])) as Record<Vital, number | null>;
  const bmi = bmiOf(Number.isNaN(typed.weightKg) ? null : typed.weightKg, Number.isNaN(typed.heightCm) ? null : typed.heightCm);
  const submit = () => {
    const extra: Record<string, string> = {};
    for (const k of VITALS) if (Number.isNaN(typed[k])) extra[k] = `${VITAL_RANGES[k].label}: expected a number.`;
    const vitals = form.check(VitalsInput, Object.fromEntries(VITALS.map((k) => [k, Number.isNaN(typed[k]) ? null : typed[k]])), extra);
    if (vitals) draft.save({ vitals }, 'vitals.');
  };
  return (
    <Panel title="Vital signs" actions={<SaveState draft={draft} />}>
      <form {...form.formProps(submit)} aria-label="Vital signs">
        <Stack gap="sm">
          <DraftConflict draft={draft} what="the vital signs" labels={VITAL_LABELS} />
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
            {VITALS.map((k) => {
              const r = VITAL_RANGES[k];
              // A flag belongs to the stored reading: it goes once the field is changed, until saved again.
              const flag = e.vitals[k] !== null && reading(form.values[k]) === e.vitals[k] ? e.vitalFlags[k] : undefined;
              return (
                <TextInput
                  key={k}
                  label={r.label}
                  inputMode="decimal"
                  rightSection={
                    <Text size="xs" c="dimmed">
                      {r.unit}
                    </Text>
                  }
                  rightSectionWidth={48}
                  description={<FlagNote vital={k} flag={flag} />}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  styles={flag ? { input: { borderColor: 'var(--mantine-color-orange-6)' } } : undefined}
                  {...form.text(k)}
                />
              );
            })}
          </SimpleGrid>
          <Bmi bmi={bmi} />
          <FormAlert message={draft.changedElsewhere ? null : form.formError} title="Vital signs not saved" />
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={draft.saving} disabled={!draft.dirty}>
              Save vital signs
            </Button>
          </Group>
        </Stack>
      </form>
    </Panel>
  );
}
