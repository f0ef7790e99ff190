// Money typed and shown in minor units, exactly.
import { describe, expect, it } from 'vitest';
import { formatMoney, moneyDecimal, parseMoney } from '@shared/domain/money';

describe('money in minor units', () => {
  it.each([
    ['125.50', 'USD', 12550],
    ['125.5', 'USD', 12550],
    ['0.29', 'USD', 29],
    ['4.35', 'USD', 435],
    ['1.10', 'INR', 110],
    ['.5', 'USD', 50],
    ['1,250', 'USD', 125000],
    ['$ 12.5', 'USD', 1250],
    ['125.500', 'USD', 12550],
    ['USh 50,000', 'UGX', 50000],
    ['50 000', 'UGX', 50000],
    ['50000.00', 'UGX', 50000],
    ['50,000 UGX', 'UGX', 50000],
    ['9007199254740991', 'UGX', 9007199254740991],
  ])('reads %s %s as %i minor units, exactly', (typed, currency, minor) => {
    expect(parseMoney(typed, currency)).toEqual({ ok: true, minor });
  });

  it.each([
    ['50000.5', 'UGX', /UGX has no smaller unit/],
    ['12.345', 'USD', /At most 2 digits after the point/],
    ['abc', 'USD', /Type an amount in USD, e.g. 125.50/],
    ['', 'USD', /Type an amount/],
    ['-5', 'USD', /Type an amount/],
    ['1.2.3', 'USD', /Type an amount/],
    ['9007199254740992', 'UGX', /too large/],
  ])('refuses %s %s with a message saying what to type', (typed, currency, message) => {
    const r = parseMoney(typed, currency);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('shows minor units with the currency and its digits, without float rounding', () => {
    expect(moneyDecimal(12550, 'USD')).toBe('125.50');
    expect(moneyDecimal(5, 'USD')).toBe('0.05');
    expect(moneyDecimal(50000, 'UGX')).toBe('50000');
    expect(formatMoney(12550, 'USD')).toBe('$125.50');
    expect(formatMoney(1_000_000_000, 'INR')).toBe('₹10,000,000.00');
    expect(formatMoney(50000, 'UGX')).toMatch(/^(USh|UGX)\s?50,000$/);
    expect(formatMoney(null, 'USD')).toBe('');
  });

  it('round-trips every cent of a range through text', () => {
    for (let minor = 0; minor < 5000; minor += 7) expect(parseMoney(moneyDecimal(minor, 'USD'), 'USD')).toEqual({ ok: true, minor });
  });
});
