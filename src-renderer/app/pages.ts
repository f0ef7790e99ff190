// Who may open which page, for the renderer's paths and routes: the table is src-shared/domain/page-access.ts (the
// channel behind each page). The shell guards its pages with it, and every link, row and button that opens a page asks
// the same question, so a role is never shown a link to "Not available to your role".
import { mayOpenPage, type PageName, type Permissions } from '@shared/domain/page-access';
import { parseRoute, type Route } from './router';

export type { Permissions } from '@shared/domain/page-access';

/** May the user open this page (at the desk's hospital, or at `hospitalId` when the record belongs to another)? */
export function mayOpenRoute(route: Route | Route['name'], who: Permissions, hospitalId?: number | null): boolean {
  // Every route is a page of the table: a route without its entry is a type error here.
  const page: PageName = typeof route === 'string' ? route : route.name;
  return mayOpenPage(page, who, hospitalId);
}

/**
 * The same for a path as links carry it, e.g. "/patients/12" or "/billing/invoices/7?…", or for a kind of page by its
 * route's name (a list whose rows open records: "billing-invoice").
 */
export function mayOpen(page: string, who: Permissions, hospitalId?: number | null): boolean {
  return mayOpenRoute(page.startsWith('/') ? parseRoute(page) : (page as Route['name']), who, hospitalId);
}
