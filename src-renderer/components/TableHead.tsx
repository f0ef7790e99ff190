// The header row of a plain table (lists with search and paging use DataTable): one cell per column title.
import { Table } from '@mantine/core';

/** A column title, `''` for a column of buttons, `false` for a column this user does not see; a width where it matters. */
export type HeadCell = string | false | { title: string; width: number | string };

export function TableHead({ columns }: { columns: HeadCell[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c, i) =>
          c === false ? null : typeof c === 'string' ? (
            <Table.Th key={i}>{c}</Table.Th>
          ) : (
            <Table.Th key={i} w={c.width}>
              {c.title}
            </Table.Th>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  );
}
