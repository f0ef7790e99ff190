// A clock time as the desk types it ("9", "930", "9.30") that reads HH:MM once the field is left.
import { TextInput, type TextInputProps } from '@mantine/core';
import { clockMinutes, clockText } from '@shared/domain/scheduling';

/** "9" → "09:00", "930" → "09:30", "9.30" / "9:30" → "09:30"; anything else stays as typed for the schema to refuse. */
export function normalizeClock(typed: string): string {
  const t = typed.trim();
  let m = /^(\d{1,2})(?:[:.h](\d{2}))?$/.exec(t);
  if (!m && /^\d{3,4}$/.test(t)) m = /^(\d{1,2})(\d{2})$/.exec(t);
  if (!m) return t;
  const minutes = Number(m[1]) * 60 + Number(m[2] ?? 0);
  const text = `${m[1].padStart(2, '0')}:${m[2] ?? '00'}`;
  return clockMinutes(text) === minutes ? clockText(minutes) : t;
}

export function ClockField({ value, onChange, ...field }: Omit<TextInputProps, 'value' | 'onChange' | 'onBlur'> & { value: string; onChange: (value: string) => void }) {
  return (
    <TextInput
      placeholder="HH:MM"
      maxLength={5}
      autoComplete="off"
      {...field}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={() => value && value !== normalizeClock(value) && onChange(normalizeClock(value))}
    />
  );
}
