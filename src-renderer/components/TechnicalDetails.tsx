// Technical facts of a record (its internal number, version, a document's SHA-256) for whoever checks the audit trail:
// hidden from everyone else, and folded away behind "Details" for them too, so ordinary screens read as hospital words.
import { useState } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { useSession } from '../app/session';

export function TechnicalDetails({ facts }: { facts: [label: string, value: string | number | null | undefined][] }) {
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const shown = facts.filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (!can('audit.list') || !shown.length) return null;
  return (
    <Stack gap={2} align="flex-start" data-testid="technical-details">
      <Button variant="subtle" size="compact-xs" color="gray" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {open ? 'Hide details' : 'Details'}
      </Button>
      {open &&
        shown.map(([label, value]) => (
          <Text key={label} size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {label}: {value}
          </Text>
        ))}
    </Stack>
  );
}
