/** GraphiQL's first tab: a working walkthrough (create a session, subscribe, send). */
export const graphiqlDefaultQuery = `# Chat sessions GraphQL: a walkthrough.
# 1. Run "CreateSession" and copy session.id into the variables below.
# 2. Run "Events": the subscription streams the session's events over WebSocket.
# 3. Open this page in a second browser tab (switching GraphiQL's own tabs stops a running
#    subscription), select this tab there and run "Send": the answer streams in here.

mutation CreateSession {
  createSession(input: { title: "My first chat" }) {
    session { id title agent { name tools } }
  }
}

subscription Events($sessionId: ID!) {
  sessionEvents(sessionId: $sessionId) {
    seq
    __typename
    ... on TextDelta { delta }
    ... on ToolCalled { toolName input }
    ... on ToolResulted { toolName output }
    ... on ApprovalRequested { toolCallId toolName input }
    ... on TurnFinished { message { text } }
    ... on TurnFailed { error { code message } }
  }
}

mutation Send($sessionId: ID!) {
  sendMessage(input: { sessionId: $sessionId, text: "find me running shoes under $120" }) {
    turn { id status }
  }
}

query Sessions {
  sessions(first: 10) {
    totalCount
    edges { cursor node { id title state messageCount lastMessage { text } updatedAt } }
    pageInfo { hasNextPage endCursor }
  }
}
`;
