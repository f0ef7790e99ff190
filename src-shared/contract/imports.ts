// CSV import (administrators): patients, staff, doctors, rooms and beds, past appointments, with a column mapping, a
// declared date format, a dry run listing every problem, and all-or-nothing commit. External ids are kept.

export const imports = {} as const;

export const importKinds = [] as const;
