// A link to a record's page (a patient, an invoice, an encounter…) for those who may open that page, and the same words
// as plain text for anyone else: nobody is sent to "Not available to your role".
import type { MouseEvent, ReactNode } from 'react';
import { Anchor, Text, type MantineColor, type MantineSize } from '@mantine/core';
import { href } from '../app/router';
import { useMayOpen } from '../app/session';

export function RecordLink({
  to,
  hospitalId,
  children,
  size,
  fw,
  ff,
  c,
  stopPropagation,
  'aria-label': ariaLabel,
}: {
  /** The page's path, e.g. `/patients/12`. */
  to: string;
  /** The hospital the record belongs to, when it may differ from the desk's. */
  hospitalId?: number | null;
  children: ReactNode;
  size?: MantineSize;
  fw?: number;
  ff?: string;
  c?: MantineColor;
  /** Inside a clickable row: following the link does not also click the row. */
  stopPropagation?: boolean;
  'aria-label'?: string;
}) {
  const mayOpen = useMayOpen();
  if (!mayOpen(to, hospitalId)) {
    return (
      <Text component="span" size={size} fw={fw} ff={ff} c={c} aria-label={ariaLabel} data-testid="record-text">
        {children}
      </Text>
    );
  }
  return (
    <Anchor href={href(to)} size={size} fw={fw} ff={ff} c={c} aria-label={ariaLabel} onClick={stopPropagation ? (e: MouseEvent) => e.stopPropagation() : undefined}>
      {children}
    </Anchor>
  );
}
