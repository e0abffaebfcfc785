/** The two SQL engines behind the one Store. */
export type Dialect = 'sqlite' | 'postgres';
