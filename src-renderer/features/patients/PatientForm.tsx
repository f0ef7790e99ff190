// Every field of a patient record; the same component registers a patient and edits one.
import { Input, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { BLOOD_GROUPS, SEXES } from '@shared/contract/patients';
import type { Hospital } from '@shared/contract/hospitals';
import { countryInfo } from '@shared/domain/countries';
import { phoneExample } from '@shared/domain/phone';
import { DateField } from '../../components/DateField';
import type { FormState } from '../../components/form';
import { FormSection } from '../../components/FormSection';
import { SEX_LABELS, todayIn } from '../../components/format';
import { FIELD_LABELS as L, type PatientFormValues } from './patient-form';

export interface PatientFormProps {
  form: FormState<PatientFormValues>;
  hospitals: Hospital[];
  /** The hospital the record belongs to (its country decides phone and date formats). */
  hospital: Hospital | null;
  /** Registration lets a desk with several hospitals choose; a record keeps its hospital. */
  chooseHospital: boolean;
  /** When editing: the masked national ID already on file. */
  nationalIdOnFile?: string | null;
}

export function PatientForm({ form, hospitals, hospital, chooseHospital, nationalIdOnFile }: PatientFormProps) {
  const { values, errors, set, text } = form;
  const country = hospital?.country ?? 'UG';
  const order = countryInfo(country).dateOrder;
  const example = phoneExample(country);
  const today = todayIn(hospital?.timeZone);

  return (
    <Stack gap="lg">
      {chooseHospital && hospitals.length > 1 && (
        <FormSection title="Hospital">
          <Select
            label="Registered at"
            required
            data={hospitals.map((h) => ({ value: String(h.id), label: `${h.name} (${h.code})` }))}
            value={values.hospitalId || null}
            onChange={(v) => set('hospitalId', v ?? '')}
            error={errors.hospitalId}
            allowDeselect={false}
            maw={420}
          />
        </FormSection>
      )}

      <FormSection title="Identity">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {/* The form opens on First name (registering, or editing after a click on Edit), not on the navigation. */}
          <TextInput label={L.firstName} required {...text('firstName')} data-autofocus autoFocus />
          <TextInput label={L.middleName} {...text('middleName')} />
          <TextInput label={L.lastName} required {...text('lastName')} />
          <DateField
            label={L.dateOfBirth}
            required
            value={values.dateOfBirth}
            onChange={(v) => set('dateOfBirth', v)}
            order={order}
            error={errors.dateOfBirth}
            maxDate={today}
            calendarLevel="decade"
          />
          <Input.Wrapper label={L.sex} required error={errors.sex} id="patient-sex" labelElement="div">
            <SegmentedControl
              fullWidth
              aria-label={L.sex}
              aria-invalid={errors.sex ? true : undefined}
              data={SEXES.map((s) => ({ value: s, label: SEX_LABELS[s] }))}
              value={values.sex}
              onChange={(v) => set('sex', v as PatientFormValues['sex'])}
              color={errors.sex ? 'red' : 'teal'}
            />
          </Input.Wrapper>
          <Select
            label={L.bloodGroup}
            data={BLOOD_GROUPS.map((b) => ({ value: b, label: b === 'unknown' ? 'Unknown' : b }))}
            value={values.bloodGroup}
            onChange={(v) => set('bloodGroup', (v ?? 'unknown') as PatientFormValues['bloodGroup'])}
            allowDeselect={false}
            error={errors.bloodGroup}
          />
        </SimpleGrid>
      </FormSection>

      <FormSection title="Contact">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={L.phone} required description={`e.g. ${example}`} inputMode="tel" {...text('phone')} />
          <TextInput label={L.email} type="email" description="Optional" {...text('email')} />
        </SimpleGrid>
        <TextInput label={L.addressLine} {...text('addressLine')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput label={L.city} {...text('city')} />
          <TextInput label={L.region} {...text('region')} />
          <TextInput label={L.postalCode} {...text('postalCode')} />
        </SimpleGrid>
      </FormSection>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <FormSection title="Identification" description="Stored in full, shown masked; revealing it is recorded in the audit trail.">
          <TextInput
            label={L.nationalId}
            description={nationalIdOnFile ? `On file: ${nationalIdOnFile}. Leave empty to keep it; type a number to replace it.` : 'National ID, passport or SSN'}
            placeholder={nationalIdOnFile ? 'Unchanged' : undefined}
            {...text('nationalId')}
          />
        </FormSection>
        <FormSection title="Next of kin">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={L.nextOfKinName} {...text('nextOfKinName')} />
            <TextInput label={L.nextOfKinRelationship} placeholder="e.g. Mother, Spouse" {...text('nextOfKinRelationship')} />
          </SimpleGrid>
          <TextInput label={L.nextOfKinPhone} description={`e.g. ${example}`} inputMode="tel" {...text('nextOfKinPhone')} />
        </FormSection>
      </SimpleGrid>

      <FormSection title="Medical">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Textarea label={L.allergies} placeholder="None known" autosize minRows={2} maxRows={6} {...text('allergies')} />
          <Textarea label={L.chronicConditions} placeholder="e.g. Hypertension, Diabetes type 2" autosize minRows={2} maxRows={6} {...text('chronicConditions')} />
        </SimpleGrid>
      </FormSection>

      <FormSection title="Insurance">
        <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="md">
          <TextInput label={L.insuranceProvider} {...text('insuranceProvider')} />
          <TextInput label={L.insurancePolicyNumber} {...text('insurancePolicyNumber')} />
          <NumberInput
            label={L.insuranceCoveragePercent}
            min={0}
            max={100}
            allowDecimal={false}
            allowNegative={false}
            suffix=" %"
            value={values.insuranceCoveragePercent}
            onChange={(v) => set('insuranceCoveragePercent', typeof v === 'number' ? v : v === '' ? '' : Number(v))}
            error={errors.insuranceCoveragePercent}
          />
          <DateField label={L.insuranceValidUntil} value={values.insuranceValidUntil} onChange={(v) => set('insuranceValidUntil', v)} order={order} error={errors.insuranceValidUntil} />
        </SimpleGrid>
      </FormSection>
    </Stack>
  );
}
