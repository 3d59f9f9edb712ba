import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { startTracing, type Tracing } from '../../src/http/tracing.js';
import { answerChunks, convModel, ended, feed } from '../conversations/support.js';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app.js';

/**
 * OpenTelemetry (OTEL_EXPORTER_OTLP_ENDPOINT): the server's spans, caught by an in-memory
 * exporter in place of the OTLP one. One trace runs from the HTTP request through the GraphQL
 * operation and its SQL to the turn and its model call.
 */

const ECO_TRACED_SEND = graphql(`
  mutation EcoTracedSend($text: String!) {
    sendMessage(input: { text: $text }) {
      session {
        id
      }
      turn {
        id
      }
    }
  }
`);

const mock = convModel(({ userText }) => answerChunks(`answer to ${userText}`));
const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let t: TestApp;
let alice: TestUser;
beforeAll(async () => {
  tracing = await startTracing({ spanProcessor: new SimpleSpanProcessor(exporter) });
  t = await startTestApp({ model: mock.model, tracing });
  alice = await t.user();
});
afterAll(async () => {
  await t?.close();
  await tracing?.shutdown();
});

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const spans = () => exporter.getFinishedSpans();
const named = (name: string | RegExp) =>
  spans().filter((s) => (typeof name === 'string' ? s.name === name : name.test(s.name)));
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('tracing', () => {
  it('follows a sendMessage from the HTTP request through the operation and SQL to the turn and the model call', async () => {
    exporter.reset();
    const res = await fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${alice.key}`,
        traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
      },
      body: JSON.stringify({ query: ECO_TRACED_SEND.toString(), variables: { text: 'hi' } }),
    });
    const { data } = (await res.json()) as {
      data: { sendMessage: { session: { id: string }; turn: { id: string } } };
    };
    const events = feed(t.ws(alice.key), data.sendMessage.session.id);
    await events.waitFor(ended(data.sendMessage.turn.id));
    events.stop();
    await expect.poll(() => named('chat.turn').length).toBe(1);

    // The caller's trace continues: the request's span is the child of its traceparent.
    const http = named('POST /graphql').find((s) => s.spanContext().traceId === TRACE_ID);
    expect(http).toBeDefined();
    expect(parentOf(http as ReadableSpan)).toBe('00f067aa0ba902b7');
    expect(http?.attributes['http.response.status_code']).toBe(200);
    const operation = named('mutation.EcoTracedSend')[0];
    expect(operation?.spanContext().traceId).toBe(TRACE_ID);
    expect(parentOf(operation as ReadableSpan)).toBe(http?.spanContext().spanId);

    const inTrace = spans().filter((s) => s.spanContext().traceId === TRACE_ID);
    const sql = inTrace.filter((s) => s.name.startsWith('prisma:'));
    expect(sql.length).toBeGreaterThan(0);
    const turn = named('chat.turn')[0] as ReadableSpan;
    expect(turn.spanContext().traceId).toBe(TRACE_ID);
    expect(turn.attributes['chat.turn_id']).toBeTruthy();
    // The model call, inside the turn; prompts and answers stay out of the trace.
    const model = inTrace.filter((s) => s.name.startsWith('ai.streamText'));
    expect(model.length).toBeGreaterThan(0);
    expect(model.some((s) => parentOf(s) === turn.spanContext().spanId)).toBe(true);
    expect(JSON.stringify(model.map((s) => s.attributes))).not.toContain('answer to hi');
    // Operation spans hold no variables either.
    expect(JSON.stringify(operation?.attributes)).not.toContain('"hi"');
  });

  it('traces operations over graphql-ws too', async () => {
    exporter.reset();
    const viewer = graphql(`
      query EcoTracedViewer {
        viewer {
          id
        }
      }
    `);
    const ws = t.ws(alice.key);
    await new Promise<void>((resolve, reject) => {
      ws.subscribe(
        { query: viewer.toString() },
        { next: () => {}, error: reject, complete: resolve },
      );
    });
    await expect.poll(() => named('query.EcoTracedViewer').length).toBe(1);
  });
});
