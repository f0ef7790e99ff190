// Reports: seven read-only reports over the caller's hospitals (one, several or the whole chain in scope) and a date
// range in each hospital's own local days, each exportable as CSV and PDF. Amounts are grouped by currency, never
// converted. Report queries go through one read-only entry point (a replica when one is configured).

export const reports = {} as const;

export const reportKinds = [] as const;
