// Staff rules that the HR desk and the demo data share: employee numbers.

/** Employee numbers a hospital does not give by hand: KLA-00042, from a counter per hospital. */
export const employeeNumber = (hospitalCode: string, seq: number): string => `${hospitalCode}-${String(seq).padStart(5, '0')}`;
