// Name search keys with letters written plainly: "lukasz" finds Łukasz. The collation folds case and accents but keeps
// ł, ø, ß, æ, ŋ, ɔ … apart from their plain letters, so the keys (patients' name_key and name_key_rev, staff's name_key)
// store them plainly, as features/patients/rules.ts now writes them. Only rows with such a letter change, and a key
// recomputed is no edit of the record: updated_at stays.
import type { MigrationInterface, QueryRunner } from 'typeorm';

// The letters as of this migration (src-shared/domain/names.ts may grow; this list must not change after release).
const LETTERS: [letter: string, plain: string][] = Object.entries({
  ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', ø: 'o', Ø: 'O', ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE',
  þ: 'th', Þ: 'Th', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T', ĸ: 'k', ŋ: 'n', Ŋ: 'N', ƒ: 'f', ɓ: 'b', Ɓ: 'B', ɗ: 'd',
  Ɗ: 'D', ƙ: 'k', Ƙ: 'K', ƴ: 'y', Ƴ: 'Y', ɛ: 'e', Ɛ: 'E', ɔ: 'o', Ɔ: 'O', ʋ: 'v', Ʋ: 'V', ɣ: 'g', Ɣ: 'G', ǝ: 'e',
  Ǝ: 'E', ə: 'e', Ə: 'E',
});

/** REPLACE matches exactly (case and all), one letter at a time. */
const plain = (sql: string) => `LEFT(${LETTERS.reduce((e, [letter, to]) => `REPLACE(${e}, '${letter}', '${to}')`, sql)}, 201)`;

// The pattern matches either case of each letter (the collation is case-insensitive), which is all the filter needs.
const HAS_LETTER = `CONCAT(first_name, ' ', last_name) REGEXP '[${LETTERS.map(([l]) => l).join('')}]'`;

export class SearchNameLetters1765900000000 implements MigrationInterface {
  name = 'SearchNameLetters1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE patients SET name_key = ${plain("CONCAT(last_name, ' ', first_name)")}, name_key_rev = ${plain("CONCAT(first_name, ' ', last_name)")}, updated_at = updated_at WHERE ${HAS_LETTER}`);
    await q.query(`UPDATE staff SET name_key = ${plain("CONCAT(last_name, ' ', first_name)")}, updated_at = updated_at WHERE ${HAS_LETTER}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE patients SET name_key = LEFT(CONCAT(last_name, ' ', first_name), 201), name_key_rev = LEFT(CONCAT(first_name, ' ', last_name), 201), updated_at = updated_at WHERE ${HAS_LETTER}`);
    await q.query(`UPDATE staff SET name_key = LEFT(CONCAT(last_name, ' ', first_name), 201), updated_at = updated_at WHERE ${HAS_LETTER}`);
  }
}
