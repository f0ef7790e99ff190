// An amount as the desk types it in the hospital's currency, and the reading of what was typed as minor units.
import type { ReactNode } from 'react';
import { TextInput } from '@mantine/core';
import { currencyDigits, parseMoney } from '@shared/domain/money';

export function MoneyInput({
  label,
  currency,
  value,
  onChange,
  error,
  description,
  w,
  rightSection,
}: {
  label: string;
  currency: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  description?: ReactNode;
  w?: number | string;
  rightSection?: ReactNode;
}) {
  return (
    <TextInput
      label={label}
      description={description}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      w={w}
      inputMode="decimal"
      autoComplete="off"
      placeholder={currencyDigits(currency) === 0 ? '50000' : '125.50'}
      leftSection={<span style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)' }}>{currency}</span>}
      leftSectionWidth={48}
      rightSection={rightSection}
      rightSectionWidth={rightSection ? 'auto' : undefined}
    />
  );
}

/** What was typed as minor units, or the message saying how to type it. */
export function readAmount(text: string, currency: string): { minor: number; error?: undefined } | { minor?: undefined; error: string } {
  if (!text.trim()) return { error: 'Required.' };
  const r = parseMoney(text, currency);
  return r.ok ? { minor: r.minor } : { error: r.message };
}
