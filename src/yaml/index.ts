// Public surface of the YAML layer: text <-> ConfigSpec with ranges, edits, layout block, schema.
export { parseConfig, type ParseOptions, type ParseResult } from './parseConfig.ts';
export { readDocument, YAML_OPTIONS, type ReadDocument } from './readDocument.ts';
