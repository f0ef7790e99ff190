// Choosing how a page shows its records (by doctor or as a list, a day or a week): a segmented control of a few choices.
import { SegmentedControl, type MantineSpacing } from '@mantine/core';

export function ViewSwitch<T extends string>({ label, value, onChange, choices, ml }: { label: string; value: T; onChange: (value: T) => void; choices: Record<T, string>; ml?: MantineSpacing | 'auto' }) {
  return (
    <SegmentedControl
      ml={ml}
      value={value}
      // The choices are the keys of `choices`, so the value is one of them.
      onChange={(v) => onChange(v as T)}
      data={(Object.keys(choices) as T[]).map((v) => ({ value: v, label: choices[v] }))}
      aria-label={label}
    />
  );
}
