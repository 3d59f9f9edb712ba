// DOM building blocks of the conversation: message bubbles, text segments and tool cards.
import type { MessageFieldsFragment as Message } from '../client/generated/graphql.js';
import type { Json } from '../client/json.js';

type MessagePart = Message['parts'][number];

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

export type ApprovalHandler = (
  turnId: string,
  toolCallId: string,
  approved: boolean,
) => Promise<void>;

/** What a stored message's controls do: edit a question, answer it again, show another version. */
export interface BranchHandler {
  edit(messageId: string, text: string): Promise<void>;
  regenerate(messageId: string): Promise<void>;
  switchTo(messageId: string): Promise<void>;
}

/** One assistant or user message; assistant ones are built up segment by segment while streaming. */
export class MessageView {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly meta: HTMLElement;
  private readonly actions: HTMLElement;
  private text: Text | null = null;
  private reasoning: Text | null = null;
  private thinkingDots: HTMLElement | null = null;
  private readonly tools = new Map<string, ToolCard>();

  constructor(
    role: Message['role'],
    private readonly onApproval: ApprovalHandler,
    private readonly branching?: BranchHandler,
  ) {
    this.root = el('article', `msg msg-${role.toLowerCase()}`);
    this.body = el('div', 'msg-body');
    this.meta = el('div', 'msg-meta');
    this.actions = el('div', 'msg-actions');
    this.root.append(this.body, this.meta, this.actions);
  }

  static fromMessage(
    message: Message,
    onApproval: ApprovalHandler,
    branching?: BranchHandler,
  ): MessageView {
    const view = new MessageView(message.role, onApproval, branching);
    view.root.dataset.messageId = message.id;
    if (message.turn) view.root.dataset.turnId = message.turn.id;
    view.showStored(message);
    return view;
  }

  /** Replaces whatever was streamed with the stored message (the source of truth). */
  showStored(message: Message) {
    this.body.replaceChildren();
    this.thinkingDots = null;
    this.text = null;
    this.reasoning = null;
    this.tools.clear();
    this.root.dataset.messageId = message.id;
    const turn = message.turn;
    for (const part of message.parts) this.addPart(part, turn?.id ?? null);
    if (message.role === 'USER' && message.parts.length === 0) this.appendText(message.text);
    if (message.role === 'ASSISTANT' && turn?.status === 'CANCELLED')
      this.setMeta('Stopped', 'stopped');
    else if (message.role === 'ASSISTANT' && turn?.status === 'INTERRUPTED')
      this.setMeta('Interrupted', 'failed');
    this.streaming(false);
    this.showActions(message);
  }

  /** Edit (a question), Regenerate (an answer) and ‹ n/m › between the versions at this point. */
  private showActions(message: Message) {
    this.actions.replaceChildren();
    const branching = this.branching;
    if (!branching || message.siblings === undefined) return;
    const siblings = message.siblings ?? [];
    const at = siblings.findIndex((s) => s.id === message.id);
    if (siblings.length > 1 && at >= 0) {
      const nav = el('span', 'branch-nav');
      const step = (label: string, to: number, name: string) => {
        const button = el('button', 'btn-icon', label);
        button.type = 'button';
        button.setAttribute('aria-label', name);
        const target = siblings[to];
        button.disabled = !target;
        if (target) button.addEventListener('click', () => void branching.switchTo(target.id));
        return button;
      };
      nav.append(
        step('‹', at - 1, 'Previous version'),
        el('span', 'branch-count', `${at + 1}/${siblings.length}`),
        step('›', at + 1, 'Next version'),
      );
      this.actions.append(nav);
    }
    const settled =
      !message.turn || !['RUNNING', 'QUEUED', 'AWAITING_APPROVAL'].includes(message.turn.status);
    if (message.role === 'USER') {
      this.actions.append(this.actionButton('Edit', () => this.startEditing(message, branching)));
    } else if (message.role === 'ASSISTANT' && settled) {
      this.actions.append(
        this.actionButton('Regenerate', () => void branching.regenerate(message.id)),
      );
    }
  }

  private actionButton(label: string, onClick: () => void) {
    const button = el('button', 'btn-action', label);
    button.type = 'button';
    button.addEventListener('click', onClick);
    return button;
  }

  /** The question in a text box: Save sends it as a new version (a new branch), Cancel restores. */
  private startEditing(message: Message, branching: BranchHandler) {
    const form = el('form', 'msg-edit');
    const box = el('textarea');
    box.value = message.text;
    box.setAttribute('aria-label', 'Edit message');
    const save = el('button', 'btn btn-primary', 'Save and send');
    save.type = 'submit';
    const cancel = el('button', 'btn btn-quiet', 'Cancel');
    cancel.type = 'button';
    const restore = () => {
      form.remove();
      this.body.hidden = false;
      this.actions.hidden = false;
    };
    cancel.addEventListener('click', restore);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const text = box.value.trim();
      if (!text) return;
      save.disabled = true;
      await branching.edit(message.id, text).finally(restore);
    });
    form.append(box, el('div', 'msg-edit-actions'));
    form.lastElementChild?.append(cancel, save);
    this.body.hidden = true;
    this.actions.hidden = true;
    this.root.insertBefore(form, this.meta);
    box.focus();
  }

  /** Dots while the agent thinks, until its first word, thought or tool call. */
  thinking() {
    if (this.thinkingDots || this.body.childElementCount > 0) return;
    this.thinkingDots = el('div', 'thinking');
    this.thinkingDots.setAttribute('role', 'status');
    this.thinkingDots.setAttribute('aria-label', 'Thinking');
    this.thinkingDots.append(el('span'), el('span'), el('span'));
    this.body.append(this.thinkingDots);
  }

  private doneThinking() {
    this.thinkingDots?.remove();
    this.thinkingDots = null;
  }

  private addPart(part: MessagePart, turnId: string | null) {
    switch (part.__typename) {
      case 'TextPart':
        this.appendText(part.text);
        break;
      case 'ReasoningPart':
        this.appendReasoning(part.text);
        this.reasoning = null;
        break;
      case 'ToolPart': {
        const card = this.tool(part.toolCallId, part.toolName);
        card.setInput(part.input);
        if (part.state === 'OUTPUT_AVAILABLE') card.setResult(part.toolName, part.output);
        else if (part.state === 'OUTPUT_ERROR') card.setError(part.errorText ?? 'failed');
        else if (part.state === 'DENIED') card.setError(part.errorText ?? 'denied', 'denied');
        else if (part.state === 'AWAITING_APPROVAL' && turnId)
          card.askApproval(turnId, this.onApproval);
        break;
      }
      case 'StepStartPart':
        break;
    }
  }

  appendText(delta: string) {
    this.doneThinking();
    if (!this.text) {
      const segment = el('div', 'text');
      this.text = document.createTextNode('');
      segment.append(this.text);
      this.body.append(segment);
    }
    this.text.appendData(delta);
    this.reasoning = null;
  }

  appendReasoning(delta: string) {
    this.doneThinking();
    if (!this.reasoning) {
      const details = el('details', 'reasoning');
      details.append(el('summary', undefined, 'Reasoning'));
      const pre = el('div', 'reasoning-text');
      this.reasoning = document.createTextNode('');
      pre.append(this.reasoning);
      details.append(pre);
      this.body.append(details);
    }
    this.reasoning.appendData(delta);
    this.text = null;
  }

  /** The card of a tool call, created at its first event. */
  tool(toolCallId: string, toolName: string): ToolCard {
    let card = this.tools.get(toolCallId);
    if (!card) {
      this.doneThinking();
      card = new ToolCard(toolCallId, toolName);
      this.tools.set(toolCallId, card);
      this.body.append(card.root);
      this.text = null;
      this.reasoning = null;
    }
    return card;
  }

  setMeta(text: string, kind: 'stopped' | 'failed' | 'info' = 'info') {
    this.meta.replaceChildren(el('span', `badge badge-${kind}`, text));
  }

  streaming(on: boolean) {
    if (!on) this.doneThinking();
    this.root.classList.toggle('streaming', on);
  }

  /** The answer's text as shown (text segments only). */
  shownText(): string {
    return [...this.body.querySelectorAll('.text')].map((n) => n.textContent ?? '').join('');
  }
}

export class ToolCard {
  readonly root: HTMLElement;
  private readonly status: HTMLElement;
  private readonly input: HTMLElement;
  private readonly result: HTMLElement;
  private readonly actions: HTMLElement;

  constructor(toolCallId: string, toolName: string) {
    this.root = el('div', 'tool');
    this.root.dataset.toolCallId = toolCallId;
    this.root.dataset.toolName = toolName;
    const head = el('div', 'tool-head');
    this.status = el('span', 'tool-status', 'calling…');
    head.append(el('span', 'tool-icon', '⚙'), el('span', 'tool-name', toolName), this.status);
    this.input = el('div', 'tool-input');
    this.result = el('div', 'tool-result');
    this.actions = el('div', 'tool-actions');
    this.root.append(head, this.input, this.result, this.actions);
    this.root.classList.add('tool-running');
  }

  setInput(input: Json) {
    this.input.textContent = formatArgs(input);
    this.setStatus('running…', 'running');
  }

  setResult(toolName: string, output: Json) {
    const failed = isObject(output) && typeof output.error === 'string';
    this.result.replaceChildren(el('span', undefined, summarize(toolName, output)));
    const raw = el('details', 'tool-raw');
    raw.append(el('summary', undefined, 'output'), el('pre', undefined, pretty(output)));
    this.result.append(raw);
    this.actions.replaceChildren();
    this.setStatus(failed ? 'failed' : 'done', failed ? 'error' : 'done');
  }

  setError(errorText: string, status: 'failed' | 'denied' = 'failed') {
    this.result.textContent = errorText;
    this.actions.replaceChildren();
    this.setStatus(status, 'error');
  }

  askApproval(turnId: string, onApproval: ApprovalHandler) {
    this.setStatus('needs your approval', 'approval');
    const approve = el('button', 'btn btn-approve', 'Approve');
    const deny = el('button', 'btn btn-deny', 'Deny');
    const answer = async (approved: boolean) => {
      approve.disabled = true;
      deny.disabled = true;
      try {
        await onApproval(turnId, this.root.dataset.toolCallId ?? '', approved);
        this.actions.replaceChildren();
        this.setStatus(approved ? 'approved, running…' : 'denied', approved ? 'running' : 'error');
      } catch {
        approve.disabled = false;
        deny.disabled = false;
      }
    };
    approve.addEventListener('click', () => void answer(true));
    deny.addEventListener('click', () => void answer(false));
    this.actions.replaceChildren(approve, deny);
  }

  private setStatus(text: string, kind: 'running' | 'done' | 'error' | 'approval') {
    this.status.textContent = text;
    this.root.classList.remove('tool-running', 'tool-done', 'tool-error', 'tool-approval');
    this.root.classList.add(`tool-${kind}`);
  }
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pretty(value: Json): string {
  return JSON.stringify(value, null, 2) ?? 'null';
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `query: "running shoes" · maxPrice: 120` */
export function formatArgs(input: Json): string {
  if (!isObject(input)) return input == null ? '' : clip(JSON.stringify(input), 200);
  const pairs = Object.entries(input).map(([k, v]) => `${k}: ${clip(JSON.stringify(v), 60)}`);
  return pairs.length ? pairs.join(' · ') : '(no arguments)';
}

const money = (value: Json) => (typeof value === 'number' ? `$${value.toFixed(2)}` : String(value));

/** A one-line summary of a tool's output for the people reading along. */
export function summarize(toolName: string, output: Json): string {
  if (output == null) return 'done';
  if (!isObject(output)) return clip(JSON.stringify(output), 160);
  if (typeof output.error === 'string') return output.error;
  if (Array.isArray(output.products)) {
    const products = output.products.filter(isObject);
    const total = typeof output.total === 'number' ? output.total : products.length;
    const names = products.slice(0, 3).map((p) => `${p.name} (${money(p.price ?? null)})`);
    return `${total} ${total === 1 ? 'product' : 'products'}${names.length ? `: ${names.join(', ')}` : ''}${products.length > 3 ? ', …' : ''}`;
  }
  if (typeof output.orderId === 'string')
    return `Order ${output.orderId} placed, total ${money(output.totalPrice ?? null)}`;
  if (Array.isArray(output.items)) {
    const count = output.items.length;
    const total = output.totalPrice != null ? `, total ${money(output.totalPrice)}` : '';
    const added = isObject(output.added ?? null)
      ? `Added ${(output.added as { name?: Json }).name}. `
      : '';
    return `${added}Cart: ${count} ${count === 1 ? 'line' : 'lines'}${total}`;
  }
  if (typeof output.remembered === 'string') return `Remembered: ${clip(output.remembered, 120)}`;
  if (toolName === 'getProduct' && typeof output.name === 'string')
    return `${output.name}, ${money(output.price ?? null)}`;
  return clip(JSON.stringify(output), 160);
}
