// Public surface of the YAML layer: text <-> ConfigSpec with ranges, edits, layout block, schema.
export { parseConfig, type ParseOptions, type ParseResult } from './parseConfig.ts';
export { readDocument, YAML_OPTIONS, type ReadDocument } from './readDocument.ts';
export { applyEdit, applyEdits, setIn, type EditResult, type ApplyEditOptions } from './applyEdit.ts';
export { readLayout, writeLayout, renameInLayout, LAYOUT_LINE, LAYOUT_PREFIX, type Point } from './layout.ts';
export { emptyDocumentText } from './emptyDocument.ts';
export { serializeConfig, processToData, emitUnchanged, type SerializeOptions } from './serializeConfig.ts';
export { plugboardJsonSchema } from './jsonSchema.ts';
