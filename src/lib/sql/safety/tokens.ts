/** The SQLite lexer lives in the core, which the rules use too; the SQL analysis reads it from here. */
export * from '../../core/sql-lexer';
