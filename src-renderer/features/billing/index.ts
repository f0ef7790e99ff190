// What other areas may use of billing: its pages, and the billing section of a patient's record.
export { InvoicesPage } from './InvoicesPage';
export { InvoicePage } from './InvoicePage';
export { CatalogPage } from './CatalogPage';
export { BillingSettingsPage } from './BillingSettingsPage';
export { PatientChargesPage } from './PatientChargesPage';
export { PatientBilling } from './PatientBilling';
