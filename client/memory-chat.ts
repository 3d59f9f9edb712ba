// The AI SDK's chat state (AbstractChat: what `useChat` runs on) with its messages kept in a plain
// array, for Node scripts and tests: React, Vue and Svelte apps use their framework's Chat class
// with the same transport instead.
import { AbstractChat, type ChatInit, type ChatState, type UIMessage } from 'ai';

export class MemoryChat<M extends UIMessage = UIMessage> extends AbstractChat<M> {
  constructor({ messages = [], ...init }: ChatInit<M>) {
    const state: ChatState<M> = {
      status: 'ready',
      error: undefined,
      messages,
      pushMessage: (message) => {
        state.messages = [...state.messages, message];
      },
      popMessage: () => {
        state.messages = state.messages.slice(0, -1);
      },
      replaceMessage: (index, message) => {
        state.messages = state.messages.map((m, i) => (i === index ? message : m));
      },
      snapshot: (value) => structuredClone(value),
    };
    super({ ...init, state });
  }
}
