/**
 * Text of a new, empty model. Plugboard requires at least one component (`plugboardValidate` and the
 * CLI report that as an error); the editor treats an empty canvas as valid, so `parseConfig` gives
 * only a 'no-components' warning for it.
 * @example applyEdit(emptyDocumentText(), { kind: 'add-component', type: 'hello_world.A', args: { name: 'a', iters: 10 } })
 */
export function emptyDocumentText(): string {
  return ['plugboard:', '  process:', '    args:', '      components: []', '      connectors: []', ''].join('\n');
}
