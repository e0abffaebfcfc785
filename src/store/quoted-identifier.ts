/** A PostgreSQL identifier (a schema, a table, a channel) quoted for SQL text: whatever its characters, it stays one name. */
export const quotedIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;
