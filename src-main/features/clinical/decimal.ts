// DECIMAL columns come back from the driver as strings: read them as numbers, write them as they are.
import type { ValueTransformer } from 'typeorm';

export const decimalNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v == null ? null : Number(v)),
};
