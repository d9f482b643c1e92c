import { ClientCancellation } from './client-cancellation';

describe('ClientCancellation', () => {
  it('fires abort once and stays aborted', () => {
    const cancel = new ClientCancellation();
    const heard: string[] = [];
    cancel.addEventListener('abort', () => heard.push('target'));
    cancel.on('abort', () => heard.push('emitter'));
    expect(cancel.aborted).toBe(false);
    cancel.abort();
    cancel.abort();
    expect(cancel.aborted).toBe(true);
    expect(heard).toEqual(['target', 'emitter']);
  });

  it('a removed listener is not called', () => {
    const cancel = new ClientCancellation();
    const listener = jest.fn();
    cancel.addEventListener('abort', listener);
    cancel.removeEventListener('abort', listener);
    cancel.abort();
    expect(listener).not.toHaveBeenCalled();
    expect(cancel.listenerCount('abort')).toBe(0);
  });

  it('its AbortSignal, made before the abort, is aborted with it', () => {
    const cancel = new ClientCancellation();
    const signal = cancel.signal;
    const onAbort = jest.fn();
    signal.addEventListener('abort', onAbort);
    expect(signal.aborted).toBe(false);
    cancel.abort();
    expect(signal.aborted).toBe(true);
    expect(onAbort).toHaveBeenCalledTimes(1);
    expect(cancel.signal).toBe(signal);
  });

  it('its AbortSignal, made after the abort, is already aborted', () => {
    const cancel = new ClientCancellation();
    cancel.abort();
    expect(cancel.signal.aborted).toBe(true);
  });

  it('a fetch given the signal is cancelled', async () => {
    const cancel = new ClientCancellation();
    cancel.abort();
    await expect(fetch('http://127.0.0.1:9/never', { signal: cancel.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
