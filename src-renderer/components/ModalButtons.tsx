// The footer of a modal or drawer form: a way back on the left, the submit button on the right.
import type { ReactNode } from 'react';
import { Button, Group } from '@mantine/core';

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

export function ModalButtons({ onCancel, submitLabel, loading, disabled, cancelLabel = 'Cancel', color, submitIcon }: ModalButtonsProps) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {cancelLabel}
      </Button>
      <Button type="submit" loading={loading} disabled={disabled} color={color} leftSection={submitIcon}>
        {submitLabel}
      </Button>
    </Group>
  );
}
