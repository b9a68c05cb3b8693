/** `plugboard.library.websocket_io` (spec §7.5): websocket reader/writer, Python only (type info). */
import type { ComponentTypeInfo } from '../model/catalog.ts';
import { arg, componentInfo, port } from '../runtime/index.ts';

const MODULE = 'plugboard.library.websocket_io';
const common = { uri: arg.string({ description: 'Websocket URI' }), connect_args: arg.optional.mapping(), parse_json: arg.boolean({ default: false }) } as const;

export const WebsocketReader: ComponentTypeInfo = componentInfo(
  {
    type: `${MODULE}.WebsocketReader`,
    description: 'Emits each websocket message; never closes (Python only).',
    outputs: { message: port() },
    args: { ...common, initial_message: arg.optional.any(), skip_messages: arg.integer({ default: 0 }) },
  },
  false,
);

export const WebsocketWriter: ComponentTypeInfo = componentInfo(
  {
    type: `${MODULE}.WebsocketWriter`,
    description: 'Sends each message to a websocket (Python only).',
    inputs: { message: port() },
    args: common,
  },
  false,
);

export const websocketTypes: readonly ComponentTypeInfo[] = [WebsocketReader, WebsocketWriter];
