// The red line at the top while the database cannot be reached.
import { Alert, Loader } from '@mantine/core';
import { IconDatabaseOff } from '@tabler/icons-react';
import { useConnection } from './connection';

/** `top` keeps the banner under a fixed header while the page scrolls. */
export function DbBanner({ top = 0 }: { top?: number }) {
  const { down, message } = useConnection();
  if (!down) return null;
  const reason = (message ?? 'No answer from the database server').trim();
  const sentence = /[.?!]$/.test(reason) ? reason : `${reason}.`;
  return (
    <Alert
      role="alert"
      color="red"
      variant="filled"
      radius={0}
      icon={<IconDatabaseOff size={18} />}
      style={{ position: 'sticky', top, zIndex: 150 }}
      styles={{ message: { display: 'flex', alignItems: 'center', gap: 8 } }}
    >
      Database unreachable: {sentence} Your form is kept; retrying… <Loader size={12} color="white" />
    </Alert>
  );
}
