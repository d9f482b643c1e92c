import { json, sse, startMockServer } from './mock-server';

const usageMetadata = { promptTokenCount: 20, candidatesTokenCount: 7, totalTokenCount: 27, cachedContentTokenCount: 4 };

/** A Gemini generateContent / streamGenerateContent double with a function call. */
export function startMockGemini() {
  return startMockServer(async (req, res) => {
    const body = req.json as { contents: { parts: { text?: string }[] }[] };
    const text = body.contents.at(-1)?.parts.map((p) => p.text ?? '').join(' ') ?? '';
    const tools = text.includes('weather');
    const parts = tools ? [{ text: 'Checking.' }, { functionCall: { name: 'get_weather', args: { city: 'Paris' } } }] : [{ text: 'Hello from gemini' }];
    if (!req.url.includes('streamGenerateContent')) {
      return json(res, 200, { candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], usageMetadata });
    }
    const chunks = tools
      ? [{ candidates: [{ content: { role: 'model', parts: [parts[0]] }, index: 0 }] }, { candidates: [{ content: { role: 'model', parts: [parts[1]] }, finishReason: 'STOP', index: 0 }], usageMetadata }]
      : [{ candidates: [{ content: { role: 'model', parts: [{ text: 'Hello ' }] }, index: 0 }] }, { candidates: [{ content: { role: 'model', parts: [{ text: 'gemini' }] }, finishReason: 'STOP', index: 0 }], usageMetadata }];
    await sse(res, chunks.map((data) => ({ data })));
  });
}
