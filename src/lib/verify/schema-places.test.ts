import { describe, expect, it } from 'vitest';
import { schemaPlaces } from './schema-places';

const TABLES = `import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const tasks = sqliteTable(
  "MoLOS-Tasks_tasks",
  {
    id: text("id").primaryKey(),
    title: text().notNull(),
    status: text("status")
      .notNull()
      .default("open"),
  },
  (t) => [],
);
const helper = 1;
`;

describe('schemaPlaces', () => {
  const at = schemaPlaces(TABLES);

  it('finds the table and the column (by its SQL name, or its key when the builder has none)', () => {
    expect(at(6, 5)).toEqual({ table: 'MoLOS-Tasks_tasks', column: 'id' });
    expect(at(7, 12)).toEqual({ table: 'MoLOS-Tasks_tasks', column: 'title' });
    expect(at(10, 7)).toEqual({ table: 'MoLOS-Tasks_tasks', column: 'status' });
  });

  it('gives the table alone outside its columns, and nothing outside every table', () => {
    expect(at(12, 3)).toEqual({ table: 'MoLOS-Tasks_tasks' });
    expect(at(14, 1)).toBeNull();
    expect(at(0, 0)).toBeNull();
    expect(at(99, 1)).toBeNull();
  });
});
