// The benchmark report's floor columns and the lines it writes under the table; statements named for those lines.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BenchReport, statementKind } from '../support/bench';

describe('statements named in the bench report', () => {
  it.each([
    ['SELECT id FROM `patients` WHERE id = ?', 'SELECT patients'],
    ['(SELECT id, 1 AS byPhone FROM patients WHERE phone = ? LIMIT 20) UNION ALL (SELECT id FROM patients)', 'SELECT patients'],
    ['SELECT hash FROM audit_head WHERE id = 1 FOR UPDATE', 'SELECT audit_head FOR UPDATE'],
    ['INSERT INTO number_sequences (scope_key, next_value) VALUES (?, 2) ON DUPLICATE KEY UPDATE next_value = 3', 'INSERT number_sequences ON DUPLICATE KEY'],
    ['UPDATE `beds` SET state = ? WHERE id = ?', 'UPDATE beds'],
    ['DELETE FROM shift_assignments WHERE id = ?', 'DELETE shift_assignments'],
    ['START TRANSACTION', 'START TRANSACTION'],
    ['COMMIT', 'COMMIT'],
  ])('%s → %s', (sql, kind) => expect(statementKind(sql)).toBe(kind));
});

describe('the bench report', () => {
  afterEach(() => vi.restoreAllMocks());

  function printed(report: BenchReport): string {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
    report.print();
    return out;
  }

  it('prints the floor and the ratio beside the timings, and says where the rest goes above three times the floor', () => {
    const report = new BenchReport('operation', ['patients']);
    report.add({
      operation: 'register',
      cells: ['1,000'],
      samples: [10, 10, 10],
      budgetMs: 30,
      floor: { samples: [2, 2, 2], statements: 5, what: 'three INSERTs' },
      sent: { calls: 3, statements: 11, sqlMs: 8, callMs: 10, kinds: [['SELECT audit_head FOR UPDATE', 1, 3]] },
    });
    report.add({ operation: 'search', cells: ['1,000'], samples: [4, 4], budgetMs: null, floor: { samples: [2, 2], statements: 1, what: 'one SELECT' } });
    const out = printed(report);
    expect(out).toContain('| operation | patients | n | p50 ms | p95 ms | budget | verdict | floor p50 ms | floor p95 ms | × floor |');
    expect(out).toContain('| register | 1,000 | 3 | 10.0 | 10.0 | ≤ 30 | ok | 2.00 | 2.00 | 5.0 |');
    expect(out).toContain('| search | 1,000 | 2 | 4.00 | 4.00 |  |  | 2.00 | 2.00 | 2.0 |');
    expect(out).toContain('- floor of "register": three INSERTs (5 statements)');
    expect(out).toContain('- register: 5.0× its floor (p50 10.0 vs 2.00 ms). Per call (mean of 3) the pipeline sent 11.0 statements against the floor\'s 5 [1× SELECT audit_head FOR UPDATE 3.00 ms]; of its mean 10.0 ms, 8.00 ms waited on those statements and 2.00 ms ran in the process.');
    // At twice its floor an operation gets no such line.
    expect(out).not.toMatch(/^- search:/m);
  });

  it('leaves the floor columns empty for an operation without a floor', () => {
    const report = new BenchReport('operation');
    report.add({ operation: 'batch', samples: [100], budgetMs: 5000 });
    expect(printed(report)).toContain('| batch | 1 | 100.0 | 100.0 | ≤ 5,000 | ok |  |  |  |');
  });
});
