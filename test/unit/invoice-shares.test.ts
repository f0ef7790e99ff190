// Who owes what of an invoice: the insurer its share less insurance payments, the patient the rest less their own.
import { describe, expect, it } from 'vitest';
import { invoiceShares } from '@shared/domain/billing';

const invoice = (payments: [number, 'cash' | 'insurance' | 'card'][], status: 'issued' | 'void' = 'issued') => ({
  status,
  total: 60_000,
  insuranceShare: 50_000,
  payments: payments.map(([amount, method]) => ({ amount, method })),
});

describe('the patient’s and the insurer’s parts of an invoice', () => {
  it('owes the insurer’s share by insurance and the rest by the patient', () => {
    expect(invoiceShares(invoice([]))).toEqual({ patient: { share: 10_000, paid: 0, due: 10_000 }, insurer: { share: 50_000, paid: 0, due: 50_000 } });
  });

  it('counts a cash or card payment for the patient and an insurance payment for the insurer', () => {
    expect(invoiceShares(invoice([[10_000, 'cash'], [20_000, 'insurance']]))).toEqual({ patient: { share: 10_000, paid: 10_000, due: 0 }, insurer: { share: 50_000, paid: 20_000, due: 30_000 } });
  });

  it('lets what the patient paid beyond their share count for the insurer, so the two still owed add up to the balance', () => {
    const s = invoiceShares(invoice([[25_000, 'card']]));
    expect(s).toEqual({ patient: { share: 10_000, paid: 25_000, due: 0 }, insurer: { share: 50_000, paid: 0, due: 35_000 } });
    expect(s.patient.due + s.insurer.due).toBe(60_000 - 25_000);
  });

  it('has nobody owe anything on a void invoice', () => {
    const s = invoiceShares(invoice([], 'void'));
    expect([s.patient.due, s.insurer.due]).toEqual([0, 0]);
  });
});
