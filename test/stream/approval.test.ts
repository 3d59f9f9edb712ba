import type { LanguageModelV3Prompt } from '@ai-sdk/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import {
  CreateSessionDocument,
  RespondToApprovalDocument as RESPOND,
  type RespondToApprovalMutation,
} from '../../client/generated/graphql.js';
import { collect, type GraphQLResponse, startTestApp, type TestApp } from '../helpers/app.js';
import { deltas, type Ev, eventsOf, expectContiguous, typesOf, until } from '../helpers/events.js';
import { routedModel, textChunks, toolCallChunks } from '../helpers/mock-model.js';
import {
  TestSessionEvents as EVENTS,
  TestSendMessage as SEND,
  TestStopTurn as STOP,
} from '../helpers/operations.js';

/** Tool calls that wait for the user's approval (checkout) with the seeded shopping agent. */

const STATE = graphql(`
  query ApprovalTestState($session: ID!, $turn: ID!) {
    session(id: $session) { state activeTurn { id status } }
    node(id: $turn) { ... on Turn { id status finishedAt } }
  }
`);

const MESSAGES = graphql(`
  query ApprovalTestMessages($id: ID!) {
    session(id: $id) {
      state messageCount lastMessage { text }
      messages(first: 50) { edges { node {
        role text
        parts {
          __typename
          ... on TextPart { text }
          ... on StepStartPart { step }
          ... on ToolPart { toolCallId toolName state input output errorText }
        }
      } } }
    }
  }
`);

const ADD_AND_CHECKOUT = 'add the Stride Aero shoes in size 10 and check out';
const CHECKOUT = 'check out please';

/** The result the model got for a tool call, from the prompt's tool messages. */
function resultIn(prompt: LanguageModelV3Prompt, toolCallId: string) {
  for (const message of prompt) {
    if (message.role !== 'tool') continue;
    for (const part of message.content) {
      if (part.type === 'tool-result' && part.toolCallId === toolCallId) return part;
    }
  }
  return undefined;
}

function answerAfterCheckout(prompt: LanguageModelV3Prompt): string {
  const output = resultIn(prompt, 'call-checkout')?.output;
  if (output?.type === 'execution-denied')
    return `Okay, I did not place the order (${output.reason}).`;
  if (output?.type === 'json') {
    return `Your order ${(output.value as { orderId: string }).orderId} is placed.`;
  }
  return `Unexpected checkout result: ${JSON.stringify(output)}`;
}

const mock = routedModel(({ userText, step, options }) => {
  if (userText === ADD_AND_CHECKOUT) {
    if (step === 0) {
      return toolCallChunks(
        'addToCart',
        { productId: 'p-001', size: '10', quantity: 1 },
        'call-add',
      );
    }
    if (step === 1)
      return toolCallChunks('checkout', { note: 'leave it at the door' }, 'call-checkout');
    return textChunks(answerAfterCheckout(options.prompt));
  }
  if (userText === CHECKOUT) {
    // A provider sends its finish (usage) chunk a while after the tool call.
    if (step === 0)
      return { chunks: toolCallChunks('checkout', {}, 'call-checkout'), delayMs: 150 };
    return textChunks(answerAfterCheckout(options.prompt));
  }
  return textChunks(`answer to ${userText}`);
});

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ model: mock.model });
});
afterAll(async () => {
  await t?.close();
});

async function createSession(key: string): Promise<string> {
  const res = await t.gql(CreateSessionDocument, { input: {} }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.createSession.session.id;
}

async function send(key: string, id: string, text: string): Promise<string> {
  const res = await t.gql(SEND, { id, text }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.sendMessage!.turn.id;
}

async function messages(key: string, id: string) {
  const res = await t.gql(MESSAGES, { id }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.session!;
}

/** Starts a turn and waits for its ApprovalRequested (the subscription stays open for the rest). */
async function untilApproval(key: string, text: string) {
  const id = await createSession(key);
  const first = collect(t.ws(key), EVENTS, { id, after: 0 }, until('ApprovalRequested'));
  const turnId = await send(key, id, text);
  const before = eventsOf(await first.done, 'ApprovalRequested');
  expect(first.errors).toEqual([]);
  return { id, turnId, before, lastSeq: before.at(-1)?.seq as number };
}

describe('tool approval', () => {
  it('pauses at checkout, then places the order once approved', async () => {
    const alice = await t.user();
    const bob = await t.user();
    const { id, turnId, before, lastSeq } = await untilApproval(alice.key, ADD_AND_CHECKOUT);
    // The state is stored before the event is sent: a client reacting at once sees it.
    const state = await t.gql(STATE, { session: id, turn: turnId }, alice.key);
    expect(state.data).toEqual({
      session: {
        state: 'AWAITING_APPROVAL',
        activeTurn: { id: turnId, status: 'AWAITING_APPROVAL' },
      },
      node: { id: turnId, status: 'AWAITING_APPROVAL', finishedAt: null },
    });
    expect(typesOf(before)).toEqual([
      'TurnStarted',
      'ToolCalled',
      'ToolResulted',
      'StepFinished',
      'ToolCalled',
      'StepFinished',
      'ApprovalRequested',
    ]);
    expectContiguous(before.map((e) => e.seq));
    expect(before[2]).toMatchObject({
      toolName: 'addToCart',
      output: { added: { productId: 'p-001', size: '10', quantity: 1 } },
    });
    expect(before.at(-1)).toMatchObject({
      turnId,
      toolCallId: 'call-checkout',
      toolName: 'checkout',
      input: { note: 'leave it at the door' },
    });
    expect(await t.db.prisma.cartItem.count({ where: { userId: alice.id } })).toBe(1);

    // Nothing else may run meanwhile, and the approval is the owner's alone.
    const second = await t.gql(SEND, { id, text: 'hello?' }, alice.key);
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const stranger = await t.gql(
      RESPOND,
      { turnId, toolCallId: 'call-checkout', approved: true },
      bob.key,
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(stranger.data).toBeNull();
    const unknownCall = await t.gql(
      RESPOND,
      { turnId, toolCallId: 'call-nope', approved: true },
      alice.key,
    );
    expect(unknownCall.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'toolCallId',
    });
    expect(await t.db.prisma.order.count({ where: { userId: alice.id } })).toBe(0);

    const rest = collect(t.ws(alice.key), EVENTS, { id, after: lastSeq }, until('TurnFinished'));
    const approved = await t.gql(
      RESPOND,
      { turnId, toolCallId: 'call-checkout', approved: true },
      alice.key,
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data?.respondToApproval.turn).toEqual({ id: turnId, status: 'RUNNING' });
    const after = eventsOf(await rest.done, 'TurnFinished');
    expect(rest.errors).toEqual([]);
    expect(after[0]?.seq).toBe(lastSeq + 1);
    expectContiguous(after.map((e) => e.seq));
    const textTypes = after.filter((e) => e.__typename === 'TextDelta').map(() => 'TextDelta');
    expect(typesOf(after)).toEqual(['ToolResulted', ...textTypes, 'StepFinished', 'TurnFinished']);

    const orders = await t.db.prisma.order.findMany({ where: { userId: alice.id } });
    expect(orders).toHaveLength(1);
    const order = orders[0];
    expect(order?.totalCents).toBe(6999);
    expect(after[0]).toMatchObject({
      turnId,
      toolCallId: 'call-checkout',
      toolName: 'checkout',
      output: {
        orderId: order?.id,
        totalPrice: 69.99,
        note: 'leave it at the door',
        items: [{ productId: 'p-001', size: '10', quantity: 1, price: 69.99 }],
      },
    });
    expect(await t.db.prisma.cartItem.count({ where: { userId: alice.id } })).toBe(0);
    const answer = `Your order ${order?.id} is placed.`;
    expect(deltas(after)).toBe(answer);
    expect(after.at(-2)).toMatchObject({ step: 2, finishReason: 'stop' });
    const finished = after.at(-1) as Ev;
    expect(finished.turn).toMatchObject({ id: turnId, status: 'COMPLETED', finishReason: 'stop' });
    expect(finished.message.text).toBe(answer);

    // Three model calls: the approval resumed the turn instead of starting it over.
    const calls = mock.callsFor(ADD_AND_CHECKOUT);
    expect(calls.map((c) => c.step)).toEqual([0, 1, 2]);
    expect(resultIn(calls[2]?.options.prompt ?? [], 'call-checkout')?.output).toMatchObject({
      type: 'json',
      value: { orderId: order?.id },
    });

    const s = await messages(alice.key, id);
    expect(s).toMatchObject({ state: 'IDLE', messageCount: 2, lastMessage: { text: answer } });
    const parts = s.messages.edges[1]!.node.parts;
    expect(parts).toEqual([
      { __typename: 'StepStartPart', step: 0 },
      expect.objectContaining({
        toolCallId: 'call-add',
        toolName: 'addToCart',
        state: 'OUTPUT_AVAILABLE',
      }),
      { __typename: 'StepStartPart', step: 1 },
      {
        __typename: 'ToolPart',
        toolCallId: 'call-checkout',
        toolName: 'checkout',
        state: 'OUTPUT_AVAILABLE',
        input: { note: 'leave it at the door' },
        output: after[0]?.output,
        errorText: null,
      },
      { __typename: 'StepStartPart', step: 2 },
      { __typename: 'TextPart', text: answer },
    ]);

    const again = await t.gql(
      RESPOND,
      { turnId, toolCallId: 'call-checkout', approved: true },
      alice.key,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await t.db.prisma.order.count({ where: { userId: alice.id } })).toBe(1);

    // The approved call is valid history for the next turn.
    const next = collect(
      t.ws(alice.key),
      EVENTS,
      { id, after: finished.seq },
      until('TurnFinished'),
    );
    await send(alice.key, id, 'thanks');
    expect(eventsOf(await next.done, 'TurnFinished').at(-1)?.message.text).toBe('answer to thanks');
    const history = mock.callsFor('thanks')[0]?.options.prompt ?? [];
    expect(resultIn(history, 'call-checkout')?.output).toMatchObject({ type: 'json' });
    expect(await t.db.prisma.order.count({ where: { userId: alice.id } })).toBe(1);
  });

  it('tells the model about a denial, places no order and finishes the turn', async () => {
    const alice = await t.user();
    await t.db.prisma.cartItem.create({
      data: { userId: alice.id, productId: 'p-002', size: '9', quantity: 2 },
    });
    const id = await createSession(alice.key);
    let turnId: string | undefined;
    let denial: Promise<GraphQLResponse<RespondToApprovalMutation>> | undefined;
    const sub = collect(t.ws(alice.key), EVENTS, { id, after: 0 }, (e: Ev) => {
      // Answer the moment the request arrives, as an eager client would.
      if (e.sessionEvents.__typename === 'ApprovalRequested') {
        denial = t.gql(
          RESPOND,
          {
            turnId: turnId as string,
            toolCallId: 'call-checkout',
            approved: false,
            reason: 'too expensive',
          },
          alice.key,
        );
      }
      return e.sessionEvents.__typename === 'TurnFinished';
    });
    turnId = await send(alice.key, id, CHECKOUT);
    const events = eventsOf(await sub.done, 'TurnFinished');
    const denied = await denial;
    expect(denied?.errors).toBeUndefined();
    expect(denied?.data?.respondToApproval.turn).toEqual({ id: turnId, status: 'RUNNING' });
    expectContiguous(events.map((e) => e.seq));
    const textTypes = events.filter((e) => e.__typename === 'TextDelta').map(() => 'TextDelta');
    expect(typesOf(events)).toEqual([
      'TurnStarted',
      'ToolCalled',
      'StepFinished',
      'ApprovalRequested',
      'ToolFailed',
      ...textTypes,
      'StepFinished',
      'TurnFinished',
    ]);
    expect(events.find((e) => e.__typename === 'ToolFailed')).toMatchObject({
      toolCallId: 'call-checkout',
      toolName: 'checkout',
      errorText: 'too expensive',
    });
    const answer = 'Okay, I did not place the order (too expensive).';
    expect(deltas(events)).toBe(answer);
    expect(events.at(-1)?.turn).toMatchObject({ status: 'COMPLETED' });

    expect(await t.db.prisma.order.count({ where: { userId: alice.id } })).toBe(0);
    expect(await t.db.prisma.cartItem.findMany({ where: { userId: alice.id } })).toMatchObject([
      { productId: 'p-002', size: '9', quantity: 2 },
    ]);
    const calls = mock.callsFor(CHECKOUT).filter((c) => c.options.prompt.length > 0);
    const last = calls.at(-1)?.options.prompt ?? [];
    expect(resultIn(last, 'call-checkout')?.output).toEqual({
      type: 'execution-denied',
      reason: 'too expensive',
    });

    const s = await messages(alice.key, id);
    expect(s.state).toBe('IDLE');
    expect(s.messages.edges[1]!.node.parts).toEqual([
      { __typename: 'StepStartPart', step: 0 },
      {
        __typename: 'ToolPart',
        toolCallId: 'call-checkout',
        toolName: 'checkout',
        state: 'DENIED',
        input: {},
        output: null,
        errorText: 'too expensive',
      },
      { __typename: 'StepStartPart', step: 1 },
      { __typename: 'TextPart', text: answer },
    ]);
  });

  it('cancels a turn that waits for approval with stopTurn', async () => {
    const alice = await t.user();
    await t.db.prisma.cartItem.create({
      data: { userId: alice.id, productId: 'p-003', size: '11', quantity: 1 },
    });
    const { id, turnId, lastSeq } = await untilApproval(alice.key, CHECKOUT);
    const rest = collect(t.ws(alice.key), EVENTS, { id, after: lastSeq }, until('TurnCancelled'));
    const stopped = await t.gql(STOP, { id }, alice.key);
    expect(stopped.errors).toBeUndefined();
    expect(stopped.data?.stopTurn.turn).toMatchObject({
      id: turnId,
      status: 'CANCELLED',
      finishReason: 'cancelled',
      finishedAt: expect.any(String),
    });
    const after = eventsOf(await rest.done, 'TurnCancelled');
    expect(typesOf(after)).toEqual(['TurnCancelled']);
    expect(after[0]?.seq).toBe(lastSeq + 1);
    expect(after[0]?.turn.status).toBe('CANCELLED');

    const s = await messages(alice.key, id);
    expect(s.state).toBe('IDLE');
    expect(s.messages.edges[1]!.node.parts[1]).toMatchObject({
      toolCallId: 'call-checkout',
      state: 'OUTPUT_ERROR',
      errorText: 'Cancelled: the turn was stopped',
    });
    const late = await t.gql(
      RESPOND,
      { turnId, toolCallId: 'call-checkout', approved: true },
      alice.key,
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await t.db.prisma.order.count({ where: { userId: alice.id } })).toBe(0);

    // The session takes the next message, with the cancelled call as valid history.
    const next = collect(
      t.ws(alice.key),
      EVENTS,
      { id, after: after[0]?.seq },
      until('TurnFinished'),
    );
    await send(alice.key, id, 'never mind');
    const done = eventsOf(await next.done, 'TurnFinished');
    expect(done.at(-1)?.message.text).toBe('answer to never mind');
  });
});
