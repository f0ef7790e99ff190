// The gate of every record page: a spinner while the record loads, "not found" for an unknown or out-of-scope id,
// the reason when loading failed, and the page itself only once the record is there; and the same for a page's sections.
import type { ReactNode } from 'react';
import { Center, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { isApiError } from '../api/client';
import { FormAlert } from './FormSection';
import { EmptyPage } from './PageHeader';

const NOT_HERE = 'The record does not exist or is not at one of your hospitals.';

export function RecordGate<T>({
  record,
  notFound,
  notFoundHint = NOT_HERE,
  failed,
  children,
}: {
  record: UseQueryResult<T>;
  /** The title when the server says NOT_FOUND, e.g. "Patient not found". */
  notFound: string;
  notFoundHint?: string;
  /** The title when loading failed otherwise, e.g. "The patient could not be loaded". */
  failed?: string;
  children: (record: T) => ReactNode;
}) {
  if (record.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (record.data === undefined) {
    return isApiError(record.error, 'NOT_FOUND') ? <EmptyPage title={notFound} description={notFoundHint} /> : <FormAlert title={failed} message={record.error?.message} />;
  }
  return children(record.data);
}

/**
 * The same gate for one section of a page: a small spinner, why it could not be loaded, a line when there is
 * nothing to show (`empty`, decided once the answer is in), else the section's content.
 */
export function SectionGate<T>({ query, failed, empty, children }: { query: Pick<UseQueryResult<T>, 'isPending' | 'data' | 'error'>; failed: string; empty?: ReactNode; children: (data: T) => ReactNode }) {
  if (query.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" />
      </Center>
    );
  }
  if (query.data === undefined) return <FormAlert title={failed} message={query.error?.message ?? 'No answer.'} />;
  if (empty) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return children(query.data);
}
