/** An SQL identifier quoted the standard way (PostgreSQL and SQLite both accept double quotes). */
export const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
