// The footer of a modal or drawer form (a way back, the submit button), and the form frame that ends with it.
import type { ReactNode } from 'react';
import { Button, Group, Stack } from '@mantine/core';
import type { FormState } from './form';
import { FormAlert } from './FormSection';

export interface ModalButtonsProps {
  onCancel: () => void;
  submitLabel: ReactNode;
  /** The save is on its way: the submit button spins and cannot be pressed twice. */
  loading?: boolean;
  disabled?: boolean;
  /** What the way back says ("Cancel" unless the form cancels something itself, e.g. "Keep leave"). */
  cancelLabel?: ReactNode;
  /** Red for actions that end or remove something (discharge, void, cancel a booking). */
  color?: string;
  submitIcon?: ReactNode;
}

/**
 * A button whose label wraps between words instead of being cut (Mantine's labels stay on one line and clip): for
 * labels that carry a name ("Discharge Nakato Nalubega Christine Ssekandi-Nsubuga").
 */
export const WRAPPING_BUTTON = {
  root: { height: 'auto', minHeight: 'var(--button-height)', maxWidth: '100%', paddingBlock: 6 },
  inner: { height: 'auto' },
  label: { whiteSpace: 'normal', height: 'auto', lineHeight: 1.35, textAlign: 'left', overflowWrap: 'normal', textBoxTrim: 'none' },
} as const;

export function ModalButtons({ onCancel, submitLabel, loading, disabled, cancelLabel = 'Cancel', color, submitIcon }: ModalButtonsProps) {
  return (
    <Group justify="flex-end" wrap="nowrap" align="flex-end">
      <Button variant="default" onClick={onCancel} style={{ flexShrink: 0 }}>
        {cancelLabel}
      </Button>
      <Button type="submit" loading={loading} disabled={disabled} color={color} leftSection={submitIcon} styles={WRAPPING_BUTTON}>
        {submitLabel}
      </Button>
    </Group>
  );
}

export interface ModalFormProps extends ModalButtonsProps {
  form: Pick<FormState<object>, 'formProps' | 'formError'>;
  onSubmit: () => void;
  /** The title of the message when the save fails ("Not added", "Leave not recorded"). */
  failTitle: string;
  /** The form's accessible name, when the modal's title does not give it one. */
  label?: string;
  gap?: 'sm' | 'md';
  children: ReactNode;
}

/** A form of `useForm` in a modal or drawer: its fields, the message of a failed save, and the footer buttons. */
export function ModalForm({ form, onSubmit, failTitle, label, gap = 'sm', children, ...buttons }: ModalFormProps) {
  return (
    <form {...form.formProps(onSubmit)} aria-label={label}>
      <Stack gap={gap}>
        {children}
        <FormAlert message={form.formError} title={failTitle} />
        <ModalButtons {...buttons} />
      </Stack>
    </form>
  );
}
