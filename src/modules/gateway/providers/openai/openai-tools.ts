import { ConversionError } from '../../conversion/conversion.error';
import type { AnthropicTool, AnthropicToolChoice } from '../../anthropic/anthropic.types';
import type { OpenAiTool, OpenAiToolChoice } from './openai.types';

/** Anthropic server tools (web search, bash, …) run at Anthropic; no OpenAI model can run them. */
export function toOpenAiTools(tools: AnthropicTool[]): OpenAiTool[] {
  return tools.map((tool) => {
    if ((tool.type !== undefined && tool.type !== 'custom') || tool.input_schema === undefined) {
      throw new ConversionError('UNSUPPORTED_TOOL', `Tool "${tool.name}" (type ${tool.type ?? 'unknown'}) is an Anthropic server tool and cannot be sent to an OpenAI model`);
    }
    const fn: OpenAiTool['function'] = { name: tool.name, parameters: tool.input_schema };
    if (tool.description !== undefined) fn.description = tool.description;
    return { type: 'function', function: fn };
  });
}

/**
 * `parallel_tool_calls` is only sent as `false` (OpenAI's default is true) and only with tools:
 * OpenAI rejects it in a request without tools.
 */
export function toOpenAiToolChoice(choice: AnthropicToolChoice): { tool_choice: OpenAiToolChoice; parallel_tool_calls?: false } {
  const parallel = choice.type !== 'none' && choice.disable_parallel_tool_use === true ? { parallel_tool_calls: false as const } : {};
  switch (choice.type) {
    case 'auto':
      return { tool_choice: 'auto', ...parallel };
    case 'any':
      return { tool_choice: 'required', ...parallel };
    case 'tool':
      return { tool_choice: { type: 'function', function: { name: choice.name } }, ...parallel };
    case 'none':
      return { tool_choice: 'none' };
  }
}

/** Anthropic requires an object input_schema; a parameterless OpenAI function gets an empty one. */
export function fromOpenAiTools(tools: OpenAiTool[]): AnthropicTool[] {
  return tools.map(({ function: fn }) => {
    const tool: AnthropicTool = { name: fn.name, input_schema: fn.parameters ?? { type: 'object', properties: {} } };
    if (fn.description !== undefined) tool.description = fn.description;
    return tool;
  });
}

export function fromOpenAiToolChoice(choice: OpenAiToolChoice | undefined, parallelToolCalls: boolean | undefined): AnthropicToolChoice | undefined {
  const noParallel = parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined) return parallelToolCalls === false ? { type: 'auto', disable_parallel_tool_use: true } : undefined;
  if (typeof choice === 'object') return { type: 'tool', name: choice.function.name, ...noParallel };
  switch (choice) {
    case 'auto':
      return { type: 'auto', ...noParallel };
    case 'required':
      return { type: 'any', ...noParallel };
    case 'none':
      return { type: 'none' };
  }
}
