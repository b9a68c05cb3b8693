/** `plugboard.library.sql_io` (spec §7.4): SQL reader/writer, Python only (type info). */
import type { ComponentTypeInfo } from '../model/catalog.ts';
import { arg, componentInfo } from '../runtime/index.ts';

const MODULE = 'plugboard.library.sql_io';
const fieldNames = (args: Readonly<Record<string, unknown>>): readonly string[] => (args.field_names as readonly string[] | undefined) ?? [];
const common = {
  connection_string: arg.string({ description: 'SQLAlchemy database URL' }),
  connect_args: arg.optional.mapping(),
  field_names: arg.stringList(),
  chunk_size: arg.optional.integer(),
} as const;

export const SQLReader: ComponentTypeInfo = componentInfo(
  {
    type: `${MODULE}.SQLReader`,
    description: 'Reads rows of a SQL query, one per step (Python only).',
    args: { ...common, query: arg.string(), params: arg.optional.mapping() },
    portsFor: (args) => ({ inputs: [], outputs: fieldNames(args) }),
  },
  false,
);

export const SQLWriter: ComponentTypeInfo = componentInfo(
  {
    type: `${MODULE}.SQLWriter`,
    description: 'Inserts one row per step into a SQL table (Python only).',
    args: { ...common, table: arg.string() },
    portsFor: (args) => ({ inputs: fieldNames(args), outputs: [] }),
  },
  false,
);

export const sqlTypes: readonly ComponentTypeInfo[] = [SQLReader, SQLWriter];
