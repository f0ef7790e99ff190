// Keeps invoices, unbilled charges and the catalog current: a billing change at this or any workstation refreshes them.
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { onEvent } from '../../api/client';

const BILLING_QUERIES = new Set(['invoices.list', 'invoices.get', 'charges.unbilled', 'catalog.list']);
/** Completed appointments and discharges add charges; invoices and charges change lists and drafts. */
const BILLING_ENTITIES = new Set(['invoice', 'charge', 'catalog_item', 'appointment', 'stay']);

export function refreshBilling(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ predicate: (q) => BILLING_QUERIES.has(q.queryKey[0] as string) });
}

/** Subscribes the mounted view to changes of other workstations ('records.changed' from the change feed). */
export function useBillingLive(): void {
  const queryClient = useQueryClient();
  useEffect(() => onEvent('records.changed', (e) => BILLING_ENTITIES.has(e.entity) && refreshBilling(queryClient)), [queryClient]);
}
