/** Page sizes: DEFAULT when `first`/`last` is not given; a larger request than MAX is refused. */
export const PAGE = { DEFAULT: 20, MAX: 100 } as const;
