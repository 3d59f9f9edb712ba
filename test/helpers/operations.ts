// Operations several test files send, defined once (codegen refuses a second operation of the
// same name). The clients' own operations (client/operations) are used where their selection is
// what a test reads: CreateSession, DeleteSession, RespondToApproval, StopTurn.
import { graphql } from '../../client/generated/gql.js';

/** Every event type with what the streaming tests read of it. */
export const TestSessionEvents = graphql(`
  subscription TestSessionEvents($id: ID!, $after: Int) {
    sessionEvents(sessionId: $id, afterSeq: $after) {
      __typename
      seq
      sessionId
      turnId
      at
      ... on TurnStarted {
        turn {
          id
          status
        }
        userMessage {
          id
          role
          text
        }
      }
      ... on TextDelta {
        delta
        messageId
      }
      ... on ToolCallStarted {
        toolCallId
        toolName
      }
      ... on ToolCalled {
        toolCallId
        toolName
        input
      }
      ... on ToolResulted {
        toolCallId
        toolName
        output
      }
      ... on ToolFailed {
        toolCallId
        toolName
        errorText
      }
      ... on ApprovalRequested {
        toolCallId
        toolName
        input
      }
      ... on StepFinished {
        step
        finishReason
        usage {
          inputTokens
          outputTokens
          totalTokens
        }
      }
      ... on TurnFinished {
        turn {
          ...TestTurn
        }
        message {
          id
          role
          text
          parts {
            __typename
            ... on ToolPart {
              toolCallId
              state
              input
            }
          }
        }
      }
      ... on TurnFailed {
        turn {
          ...TestTurn
        }
        error {
          code
          message
        }
      }
      ... on TurnCancelled {
        turn {
          ...TestTurn
        }
        message {
          id
          text
        }
      }
      ... on MessageAppended {
        message {
          text
        }
      }
      ... on SessionUpdated {
        session {
          id
          title
          state
          expiresAt
        }
      }
      ... on SessionExpiring {
        expiresAt
      }
    }
  }
`);

/** A turn as the streaming tests check it when it ends. */
export const TestTurn = graphql(`
  fragment TestTurn on Turn {
    id
    status
    finishReason
    model
    startedAt
    finishedAt
    usage {
      inputTokens
      outputTokens
      totalTokens
    }
    error {
      code
      message
    }
    assistantMessage {
      id
      text
    }
  }
`);

export const TestSessionsChanged = graphql(`
  subscription TestSessionsChanged {
    sessionsChanged {
      kind
      sessionId
      session {
        id
        title
        state
      }
    }
  }
`);

export const TestSendMessage = graphql(`
  mutation TestSendMessage($id: ID, $text: String!, $cmid: String) {
    sendMessage(input: { sessionId: $id, text: $text, clientMessageId: $cmid }) {
      session {
        id
        state
        messageCount
        expiresAt
      }
      userMessage {
        id
        text
      }
      turn {
        id
        status
      }
    }
  }
`);

/** stopTurn with the whole turn it ended (StopTurn of the clients reads only id and status). */
export const TestStopTurn = graphql(`
  mutation TestStopTurn($id: ID!) {
    stopTurn(input: { sessionId: $id }) {
      turn {
        ...TestTurn
      }
    }
  }
`);

export const TestAppendMessage = graphql(`
  mutation TestAppendMessage($id: ID!, $text: String!) {
    appendMessage(input: { sessionId: $id, text: $text }) {
      message {
        id
      }
      session {
        expiresAt
      }
    }
  }
`);

export const TestViewer = graphql(`
  query TestViewer {
    viewer {
      id
      name
    }
  }
`);

export const TestAgents = graphql(`
  query TestAgents {
    agents {
      id
      name
      isDefault
    }
  }
`);

export const TestSessionsCount = graphql(`
  query TestSessionsCount {
    sessions {
      totalCount
    }
  }
`);

/** The viewer's most recently updated session. */
export const TestFirstSession = graphql(`
  query TestFirstSession {
    sessions(first: 1) {
      edges {
        cursor
        node {
          id
          title
        }
      }
    }
  }
`);
