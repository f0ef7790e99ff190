// Rules of a person's record that registration, HR and the demo data share: the keys name search runs on.
import { plainLetters } from '@shared/domain/names';

/**
 * "last first": prefix search in surname order (patients and staff). Letters the collation keeps apart from their plain
 * letter (ł, ø, ß …) are stored plainly, and a search folds what was typed the same way (searchKey).
 */
export const nameKey = (first: string, last: string): string => plainLetters(`${last} ${first}`).slice(0, 201);

/** "first last": a search typed first-name-first finds the patient too. */
export const reversedNameKey = (first: string, last: string): string => plainLetters(`${first} ${last}`).slice(0, 201);

/** What the desk typed, as a prefix of the keys above. */
export const searchKey = (typed: string): string => plainLetters(typed);
