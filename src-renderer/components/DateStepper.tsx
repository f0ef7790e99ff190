// Stepping a day or week view back and forth: previous and next buttons, "Today" between them, or the date field itself;
// and the whole navigator of a day view (the stepper and a date field that goes to a date once one is typed).
import { useEffect, useState, type ReactNode } from 'react';
import { ActionIcon, Button, Group, Tooltip, type MantineSpacing } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { addDays, isIsoDate } from './calendar';
import { DateField } from './DateField';

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

/** A day (or week) view's navigation: previous, Today, next, and the date typed in the desk's order. */
export function DateNavigator({ date, today, unit = 'day', order, onGo }: { date: string; today: string; unit?: 'day' | 'week'; order: 'DMY' | 'MDY'; onGo: (date: string) => void }) {
  // What is typed stays as typed until it is a whole date; going elsewhere shows that date.
  const [typed, setTyped] = useState(date);
  useEffect(() => setTyped(date), [date]);
  const step = unit === 'day' ? 1 : 7;
  return (
    <>
      <DateStepper unit={unit} onStep={(d) => onGo(addDays(date, d * step))} today={{ label: 'Today', showing: date === today, onClick: () => onGo(today) }} />
      <DateField label="Date" value={typed} onChange={(d) => (isIsoDate(d) && d !== date ? onGo(d) : setTyped(d))} order={order} w={160} />
    </>
  );
}
