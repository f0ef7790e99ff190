// Stepping a day or week view back and forth: previous and next buttons, "Today" between them, or the date field itself.
import type { ReactNode } from 'react';
import { ActionIcon, Button, Group, Tooltip, type MantineSpacing } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';

export interface DateStepperProps {
  unit: 'day' | 'week';
  onStep: (direction: -1 | 1) => void;
  /** A "Today" (or "This week") button between the arrows, lit while the view shows it. */
  today?: { label: string; showing: boolean; onClick: () => void };
  /** What stands between the arrows instead, e.g. the date field. */
  children?: ReactNode;
  gap?: MantineSpacing | number;
}

export function DateStepper({ unit, onStep, today, children, gap = 4 }: DateStepperProps) {
  const arrow = (direction: -1 | 1) => {
    const label = `${direction < 0 ? 'Previous' : 'Next'} ${unit}`;
    return (
      <Tooltip label={label}>
        <ActionIcon variant="default" size={36} aria-label={label} onClick={() => onStep(direction)}>
          {direction < 0 ? <IconChevronLeft size={18} /> : <IconChevronRight size={18} />}
        </ActionIcon>
      </Tooltip>
    );
  };
  return (
    <Group gap={gap} align="flex-end" wrap="nowrap">
      {arrow(-1)}
      {today && (
        <Button variant={today.showing ? 'light' : 'default'} onClick={today.onClick}>
          {today.label}
        </Button>
      )}
      {children}
      {arrow(1)}
    </Group>
  );
}
