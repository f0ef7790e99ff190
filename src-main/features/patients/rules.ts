// Rules of a person's record that registration, HR and the demo data share: the keys name search runs on.

/** "last first": prefix search in surname order (patients and staff). */
export const nameKey = (first: string, last: string): string => `${last} ${first}`.slice(0, 201);

/** "first last": a search typed first-name-first finds the patient too. */
export const reversedNameKey = (first: string, last: string): string => `${first} ${last}`.slice(0, 201);
