// The gate of every record page: a spinner while the record loads, "not found" for an unknown or out-of-scope id,
// the reason when loading failed, and the page itself only once the record is there.
import type { ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
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
