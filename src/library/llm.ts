/**
 * `plugboard.library.llm` (spec §7.6): LLM components exist only in Python. They are registered as
 * type info so files using them parse, validate and draw; running them is not supported.
 */
import type { ComponentTypeInfo } from '../model/catalog.ts';
import { arg, componentInfo, port } from '../runtime/index.ts';

const MODULE = 'plugboard.library.llm';

/** Field names of known structured response models (import path → fields), for `expand_response`. */
const responseModels = new Map<string, readonly string[]>();

/**
 * Makes `expand_response: true` know the fields of a response model.
 *
 * @example registerResponseModel('hello_llm.Location', ['location', 'latitude', 'longitude']);
 */
export function registerResponseModel(path: string, fields: readonly string[]): void {
  responseModels.set(path, fields);
}

/** Outputs of an LLM component: the model's fields when expanded, else `response`. */
function llmPorts(inputs: readonly string[]) {
  return (args: Readonly<Record<string, unknown>>) => {
    const model = typeof args.response_model === 'string' ? responseModels.get(args.response_model) : undefined;
    return { inputs, outputs: args.expand_response === true && model ? model : ['response'] };
  };
}

const llmArgs = {
  llm: arg.string({ default: 'llama_index.llms.openai.OpenAI', description: 'llama-index LLM class path' }),
  response_model: arg.optional.string({ description: 'Structured response model (import path)' }),
  expand_response: arg.boolean({ default: false, description: 'One output per response model field' }),
  llm_kwargs: arg.optional.mapping({ description: 'Keyword arguments for the LLM' }),
} as const;

export const LLMChat: ComponentTypeInfo = componentInfo(
  {
    type: `${MODULE}.LLMChat`,
    description: 'Sends each prompt to an LLM and outputs its response (Python only).',
    inputs: { prompt: port<string>() },
    outputs: { response: port() },
    args: { ...llmArgs, system_prompt: arg.optional.string(), context_window: arg.integer({ default: 0 }) },
    portsFor: llmPorts(['prompt']),
  },
  false,
);

export const LLMImageProcessor: ComponentTypeInfo = componentInfo(
  {
    type: `${MODULE}.LLMImageProcessor`,
    description: 'Describes each image with a multimodal LLM (Python only).',
    inputs: { image: port() },
    outputs: { response: port() },
    args: { ...llmArgs, prompt: arg.optional.string() },
    portsFor: llmPorts(['image']),
  },
  false,
);

export const llmTypes: readonly ComponentTypeInfo[] = [LLMChat, LLMImageProcessor];
