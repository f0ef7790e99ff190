// First run: the first hospital, then the administrator account; setup.initialize creates both in one go.
import { useState } from 'react';
import { Button, Group, PasswordInput, SimpleGrid, Stack, Stepper, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconArrowLeft, IconArrowRight, IconCheck } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import { HospitalFields } from '@shared/contract/hospitals';
import { api, isApiError } from '../../api/client';
import { PublicLayout } from '../../app/PublicLayout';
import { confirmMatches, useForm } from '../../components/form';
import { FormAlert } from '../../components/FormSection';
import { emptyHospital, HospitalForm, HOSPITAL_ALIASES, toHospitalFields, type HospitalFormValues } from '../hospitals';

const AdminFields = contract['setup.initialize'].input.shape.admin;

export function SetupWizard({ onDone }: { onDone: (username: string) => void }) {
  const [step, setStep] = useState(0);
  const hospital = useForm<HospitalFormValues>(emptyHospital, { aliases: HOSPITAL_ALIASES });
  const admin = useForm({ username: 'admin', fullName: '', password: '', confirmPassword: '' });

  const initialize = useMutation({
    mutationFn: () =>
      api.setup.initialize({
        hospital: toHospitalFields(hospital.values),
        admin: { username: admin.values.username, fullName: admin.values.fullName, password: admin.values.password },
      }),
    onSuccess: () => onDone(admin.values.username.trim().toLowerCase()),
    onError: (e) => {
      // A refusal about the hospital goes back to its step; everything else stays with the account.
      if (isApiError(e) && Object.keys(e.fields ?? {}).some((k) => k.startsWith('hospital.'))) {
        setStep(0);
        setTimeout(() => hospital.fail(e, 'hospital.'), 0);
      } else admin.fail(e, 'admin.');
    },
  });

  return (
    <PublicLayout width={820} footer={<Text size="xs" c="dimmed">You can add more hospitals and users later under Settings and Users.</Text>}>
      <Stack gap="lg">
        <div>
          <Title order={3}>Set up Hospital Desk</Title>
          <Text size="sm" c="dimmed">
            First the hospital, then the administrator who manages users and settings.
          </Text>
        </div>
        <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm" allowNextStepsSelect={false}>
          <Stepper.Step label="Hospital" description="Where this installation works">
            <form
              {...hospital.formProps(() => {
                if (hospital.check(HospitalFields, toHospitalFields(hospital.values))) setStep(1);
              })}
            >
              <Stack gap="md" mt="md">
                <HospitalForm form={hospital} />
                <FormAlert message={hospital.formError} />
                <Group justify="flex-end">
                  <Button type="submit" rightSection={<IconArrowRight size={16} />}>
                    Next
                  </Button>
                </Group>
              </Stack>
            </form>
          </Stepper.Step>
          <Stepper.Step label="Administrator" description="The first account">
            <form
              {...admin.formProps(() => {
                const v = admin.values;
                const extra = confirmMatches(v.password, v.confirmPassword);
                if (admin.check(AdminFields, { username: v.username, fullName: v.fullName, password: v.password }, extra)) initialize.mutate();
              })}
            >
              <Stack gap="md" mt="md">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                  <TextInput label="Username" required description="Used to sign in" {...admin.text('username')} />
                  <TextInput label="Full name" required {...admin.text('fullName')} autoFocus />
                  <PasswordInput label="Password" required description="At least 12 characters, not the username, not a common password" {...admin.text('password')} autoComplete="new-password" />
                  <PasswordInput label="Confirm password" required {...admin.text('confirmPassword')} autoComplete="new-password" />
                </SimpleGrid>
                <FormAlert message={admin.formError} title="Set-up did not complete" />
                <Group justify="space-between">
                  <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep(0)}>
                    Back
                  </Button>
                  <Button type="submit" leftSection={<IconCheck size={16} />} loading={initialize.isPending}>
                    Finish set-up
                  </Button>
                </Group>
              </Stack>
            </form>
          </Stepper.Step>
        </Stepper>
      </Stack>
    </PublicLayout>
  );
}
