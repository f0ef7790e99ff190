// The form that adds to a section's list (a diagnosis, a test order, a procedure), set apart from the list above it.
import type { ReactNode } from 'react';
import { Paper } from '@mantine/core';

export function AddBox({ children }: { children: ReactNode }) {
  return (
    <Paper bg="gray.0" p="sm" radius="md">
      {children}
    </Paper>
  );
}
