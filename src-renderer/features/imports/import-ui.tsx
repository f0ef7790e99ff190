// The import screen's small shared pieces: what each kind of file is, how the app's fixed-list values read, the
// figures of a summary, and where the imported records can be seen afterwards.
import type { ReactNode } from 'react';
import { Group, Paper, Stack, Text } from '@mantine/core';
import { IconBed, IconCalendarTime, IconId, IconStethoscope, IconUserHeart } from '@tabler/icons-react';
import { DELIMITER_LABELS, type DateFormat, type ImportDelimiter, type ImportKind, type TextEncodingName } from '@shared/domain/csv-import';

export const KIND_CARDS: Record<ImportKind, { icon: ReactNode; hint: string; list: { label: string; path: string } }> = {
  patients: { icon: <IconUserHeart size={22} />, hint: 'Registration details; duplicates checked as at the desk.', list: { label: 'Open Patients', path: '/patients' } },
  staff: { icon: <IconId size={22} />, hint: 'Names, roles, departments, phones and e-mail addresses.', list: { label: 'Open Staff', path: '/staff' } },
  doctors: { icon: <IconStethoscope size={22} />, hint: 'Doctors with their specialization and department.', list: { label: 'Open Staff', path: '/staff' } },
  rooms: { icon: <IconBed size={22} />, hint: 'Rooms by type, with their beds and floor.', list: { label: 'Open ward setup', path: '/wards/setup' } },
  appointments: { icon: <IconCalendarTime size={22} />, hint: 'Past visits of imported patients and doctors.', list: { label: 'Open Schedule', path: '/appointments' } },
};

export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252 (Western European)',
};

export const delimiterLabel = (d: ImportDelimiter) => {
  const name = DELIMITER_LABELS[d];
  return `${name[0]!.toUpperCase()}${name.slice(1)} ( ${d === '\t' ? '⇥' : d} )`;
};

/** 15 May 1980 written each way, so the choice can be made by looking. */
export const DATE_FORMAT_EXAMPLES: Record<DateFormat, string> = {
  'YYYY-MM-DD': '1980-05-15',
  'DD/MM/YYYY': '15/05/1980',
  'MM/DD/YYYY': '05/15/1980',
};

const CHOICE_LABELS: Record<string, string> = { icu: 'Intensive care (ICU)', hr: 'HR', no_show: 'No-show', semi_private: 'Semi-private' };

/** 'general_ward' → 'General ward'. */
export const choiceLabel = (value: string) => {
  if (CHOICE_LABELS[value]) return CHOICE_LABELS[value];
  const s = value.replace(/_/g, ' ');
  return `${s[0]?.toUpperCase() ?? ''}${s.slice(1)}`;
};

/** "created" counts of a result: 'patients' → 'Patients'. */
export const recordLabel = (kind: string) => choiceLabel(kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One figure of a summary: a big number with its label; coloured when it needs attention. */
export function Figure({ label, value, color, hint }: { label: string; value: number; color?: string; hint?: string }) {
  return (
    <Paper withBorder p="md" radius="md" aria-label={label} role="group">
      <Stack gap={2}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
          {label}
        </Text>
        <Text fz={26} fw={700} lh={1.2} c={color}>
          {value.toLocaleString()}
        </Text>
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The buttons of a step, kept in view at the bottom of a long page (a dry run of thousands of problems). */
export function StepActions({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder shadow="sm" p="sm" radius="md" style={{ position: 'sticky', bottom: 12, zIndex: 5 }}>
      <Group justify="space-between" wrap="nowrap">
        {children}
      </Group>
    </Paper>
  );
}
