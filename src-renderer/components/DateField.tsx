// A calendar date typed the way the desk writes it (14/03/1990), with a calendar for the mouse; the value is 'YYYY-MM-DD'.
import { useEffect, useState } from 'react';
import { ActionIcon, Popover, TextInput } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { parseTypedDate, typedDateProblem } from '@shared/domain/dates';
import { datePattern, typedDate } from './format';

export interface DateFieldProps {
  label: string;
  /** 'YYYY-MM-DD' when what was typed is a real date; otherwise the text as typed ('' for none). */
  value: string;
  onChange: (value: string) => void;
  order: 'DMY' | 'MDY';
  error?: string;
  required?: boolean;
  description?: string;
  /** Latest date the calendar offers ('YYYY-MM-DD'). */
  maxDate?: string;
  /** Where the calendar opens when empty: birth dates are far away. */
  calendarLevel?: 'month' | 'year' | 'decade';
  w?: number | string;
}

export function DateField({ label, value, onChange, order, error, required, description, maxDate, calendarLevel = 'month', w }: DateFieldProps) {
  const [text, setText] = useState(() => typedDate(value, order));
  const [opened, setOpened] = useState(false);

  // A value set from outside (a reset, the calendar, another desk's record) replaces what is shown.
  useEffect(() => {
    const shown = parseTypedDate(text, order) ?? text.trim();
    if (shown !== value) setText(typedDate(value, order));
  }, [value, order]);

  const problem = typedDateProblem(text, order);
  const shownError = error && problem ? problem : error;
  const iso = parseTypedDate(text, order);

  return (
    <TextInput
      label={label}
      w={w}
      required={required}
      description={description}
      placeholder={datePattern(order)}
      value={text}
      error={shownError}
      autoComplete="off"
      onChange={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        onChange(parseTypedDate(t, order) ?? t.trim());
      }}
      onBlur={() => {
        if (iso) setText(typedDate(iso, order));
      }}
      rightSection={
        <Popover opened={opened} onChange={setOpened} position="bottom-end" shadow="md" withinPortal>
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              // The keyboard path is typing the date; the calendar is for the mouse, so it stays out of the tab order.
              tabIndex={-1}
              aria-label="Open calendar"
              onClick={() => setOpened((o) => !o)}
            >
              <IconCalendar size={16} />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <DatePicker
              value={iso}
              defaultDate={iso ?? undefined}
              defaultLevel={iso ? 'month' : calendarLevel}
              maxDate={maxDate}
              onChange={(d) => {
                if (d) {
                  setText(typedDate(d, order));
                  onChange(d);
                }
                setOpened(false);
              }}
            />
          </Popover.Dropdown>
        </Popover>
      }
    />
  );
}
