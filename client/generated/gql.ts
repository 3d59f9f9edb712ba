/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment ChatTransportSession on Session {\n  id\n  lastEventSeq\n  activeTurn {\n    id\n  }\n  lastMessage {\n    id\n    role\n  }\n}\n\nquery ChatTransportSessionById($id: ID!) {\n  session(id: $id) {\n    ...ChatTransportSession\n  }\n}\n\nquery ChatTransportSessionByKey($key: String!) {\n  session(key: $key) {\n    ...ChatTransportSession\n  }\n}\n\nmutation ChatTransportOpenSession($key: String!) {\n  createSession(input: {key: $key, ifKeyExists: RETURN}) {\n    session {\n      ...ChatTransportSession\n    }\n  }\n}\n\nmutation ChatTransportSend($sessionId: ID!, $text: String!, $clientMessageId: String) {\n  sendMessage(\n    input: {sessionId: $sessionId, text: $text, clientMessageId: $clientMessageId}\n  ) {\n    turn {\n      id\n    }\n  }\n}\n\nmutation ChatTransportRegenerate($messageId: ID!) {\n  regenerate(input: {messageId: $messageId}) {\n    turn {\n      id\n    }\n  }\n}\n\nquery ChatTransportAnswer($id: ID!) {\n  node(id: $id) {\n    __typename\n    ... on Turn {\n      assistantMessage {\n        id\n      }\n    }\n    ... on Message {\n      id\n      turn {\n        id\n      }\n    }\n  }\n}\n\nmutation ChatTransportApprove($turnId: ID!, $toolCallId: String!, $approved: Boolean!, $reason: String) {\n  respondToApproval(\n    input: {turnId: $turnId, toolCallId: $toolCallId, approved: $approved, reason: $reason}\n  ) {\n    turn {\n      id\n    }\n  }\n}\n\nsubscription ChatTransportEvents($sessionId: ID!, $afterSeq: Int) {\n  sessionEvents(sessionId: $sessionId, afterSeq: $afterSeq) {\n    __typename\n    seq\n    turnId\n    ... on TextDelta {\n      delta\n    }\n    ... on ReasoningDelta {\n      delta\n    }\n    ... on ToolCallStarted {\n      toolCallId\n      toolName\n    }\n    ... on ToolCalled {\n      toolCallId\n      toolName\n      input\n    }\n    ... on ToolResulted {\n      toolCallId\n      output\n    }\n    ... on ToolFailed {\n      toolCallId\n      errorText\n    }\n    ... on ApprovalRequested {\n      toolCallId\n    }\n    ... on TurnFinished {\n      turn {\n        finishReason\n      }\n    }\n    ... on TurnFailed {\n      error {\n        message\n      }\n    }\n  }\n}": typeof types.ChatTransportSessionFragmentDoc,
    "mutation SendMessage($sessionId: ID, $text: String!, $clientMessageId: String) {\n  sendMessage(\n    input: {sessionId: $sessionId, text: $text, clientMessageId: $clientMessageId}\n  ) {\n    session {\n      id\n      title\n    }\n    userMessage {\n      id\n      text\n    }\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation StopTurn($sessionId: ID!) {\n  stopTurn(input: {sessionId: $sessionId}) {\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation RespondToApproval($turnId: ID!, $toolCallId: String!, $approved: Boolean!, $reason: String) {\n  respondToApproval(\n    input: {turnId: $turnId, toolCallId: $toolCallId, approved: $approved, reason: $reason}\n  ) {\n    turn {\n      id\n      status\n    }\n  }\n}\n\nsubscription SessionEvents($sessionId: ID!, $afterSeq: Int) {\n  sessionEvents(sessionId: $sessionId, afterSeq: $afterSeq) {\n    __typename\n    seq\n    sessionId\n    turnId\n    at\n    ... on TurnStarted {\n      turn {\n        id\n        status\n      }\n      userMessage {\n        ...MessageFields\n      }\n    }\n    ... on TextDelta {\n      messageId\n      delta\n    }\n    ... on ReasoningDelta {\n      messageId\n      delta\n    }\n    ... on ToolCallStarted {\n      toolCallId\n      toolName\n    }\n    ... on ToolCalled {\n      toolCallId\n      toolName\n      input\n    }\n    ... on ToolResulted {\n      toolCallId\n      toolName\n      output\n    }\n    ... on ToolFailed {\n      toolCallId\n      toolName\n      errorText\n    }\n    ... on ApprovalRequested {\n      toolCallId\n      toolName\n      input\n    }\n    ... on StepFinished {\n      step\n      finishReason\n      usage {\n        inputTokens\n        outputTokens\n        totalTokens\n      }\n    }\n    ... on TurnFinished {\n      turn {\n        id\n        status\n        usage {\n          totalTokens\n        }\n      }\n      message {\n        ...MessageFields\n      }\n    }\n    ... on TurnFailed {\n      turn {\n        id\n        status\n        assistantMessage {\n          ...MessageFields\n        }\n      }\n      error {\n        code\n        message\n      }\n    }\n    ... on TurnCancelled {\n      turn {\n        id\n        status\n      }\n      message {\n        ...MessageFields\n      }\n    }\n    ... on MessageAppended {\n      message {\n        ...MessageFields\n      }\n    }\n    ... on SessionUpdated {\n      session {\n        ...SessionSummary\n      }\n    }\n    ... on SessionExpiring {\n      expiresAt\n    }\n    ... on BranchSwitched {\n      leafMessageId\n    }\n  }\n}\n\nsubscription SessionsChanged {\n  sessionsChanged {\n    kind\n    sessionId\n    at\n    session {\n      ...SessionSummary\n    }\n  }\n}\n\nmutation SendMessageByKey($sessionKey: String!, $text: String!, $agentId: ID, $ifBusy: IfBusy) {\n  sendMessage(\n    input: {sessionKey: $sessionKey, text: $text, agentId: $agentId, ifBusy: $ifBusy}\n  ) {\n    session {\n      id\n      key\n      agent {\n        id\n      }\n    }\n    userMessage {\n      id\n      text\n    }\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation EditMessage($messageId: ID!, $text: String!) {\n  editMessage(input: {messageId: $messageId, text: $text}) {\n    userMessage {\n      id\n    }\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation Regenerate($messageId: ID!) {\n  regenerate(input: {messageId: $messageId}) {\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation SwitchBranch($messageId: ID!) {\n  switchBranch(input: {messageId: $messageId}) {\n    session {\n      id\n      lastEventSeq\n    }\n  }\n}": typeof types.SendMessageDocument,
    "fragment MessageFields on Message {\n  id\n  role\n  text\n  createdAt\n  parentId\n  siblings {\n    id\n  }\n  turn {\n    id\n    status\n  }\n  parts {\n    __typename\n    ... on TextPart {\n      text\n    }\n    ... on ReasoningPart {\n      text\n    }\n    ... on ToolPart {\n      toolCallId\n      toolName\n      state\n      input\n      output\n      errorText\n    }\n    ... on StepStartPart {\n      step\n    }\n  }\n}\n\nfragment SessionSummary on Session {\n  id\n  key\n  title\n  state\n  workspace {\n    id\n  }\n  project {\n    id\n  }\n  archived\n  messageCount\n  updatedAt\n  agent {\n    id\n    name\n  }\n  lastMessage {\n    id\n    role\n    text\n  }\n}": typeof types.MessageFieldsFragmentDoc,
    "query Memories($first: Int, $after: String) {\n  viewer {\n    id\n    settings {\n      memoryEnabled\n    }\n  }\n  memories(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        text\n        createdAt\n        sourceSession {\n          id\n          title\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation DeleteMemory($id: ID!) {\n  deleteMemory(input: {id: $id}) {\n    deletedMemoryId\n  }\n}\n\nmutation ClearMemories {\n  clearMemories {\n    deletedCount\n  }\n}\n\nmutation UpdateViewerSettings($memoryEnabled: Boolean) {\n  updateViewerSettings(input: {memoryEnabled: $memoryEnabled}) {\n    viewer {\n      id\n      settings {\n        memoryEnabled\n      }\n    }\n  }\n}": typeof types.MemoriesDocument,
    "query SessionsPage($first: Int, $after: String, $filter: SessionFilter) {\n  sessions(first: $first, after: $after, filter: $filter) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...SessionSummary\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery SessionWithMessages($id: ID!, $last: Int, $before: String) {\n  session(id: $id) {\n    ...SessionSummary\n    lastEventSeq\n    activeTurn {\n      id\n      status\n    }\n    messages(last: $last, before: $before) {\n      edges {\n        node {\n          ...MessageFields\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n}\n\nmutation CreateSession($input: CreateSessionInput!) {\n  createSession(input: $input) {\n    created\n    session {\n      ...SessionSummary\n    }\n  }\n}\n\nmutation RenameSession($id: ID!, $title: String!) {\n  renameSession(input: {id: $id, title: $title}) {\n    session {\n      ...SessionSummary\n    }\n  }\n}\n\nmutation DeleteSession($id: ID!) {\n  deleteSession(input: {id: $id}) {\n    deletedSessionId\n  }\n}\n\nmutation DeleteSessionByKey($key: String!) {\n  deleteSession(input: {key: $key}) {\n    deletedSessionId\n  }\n}": typeof types.SessionsPageDocument,
    "query SidebarWorkspaces {\n  workspaces(first: 10) {\n    edges {\n      node {\n        id\n        name\n        personal\n        projects(first: 20) {\n          edges {\n            node {\n              id\n              name\n              slug\n            }\n          }\n        }\n      }\n    }\n  }\n}": typeof types.SidebarWorkspacesDocument,
    "\n  mutation MessagesAppend($input: AppendMessageInput!) {\n    appendMessage(input: $input) {\n      message { id role text createdAt turn { id } parts { __typename ... on TextPart { text } } }\n      session { id updatedAt messageCount expiresAt lastMessage { id text } }\n    }\n  }\n": typeof types.MessagesAppendDocument,
    "\n  query MessagesPage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    session(id: $id) {\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n": typeof types.MessagesPageDocument,
    "\n  query MessagesNode($id: ID!) {\n    node(id: $id) {\n      __typename id\n      ... on Session { title }\n      ... on Message { role text }\n      ... on Turn { status userMessage { id } assistantMessage { id } }\n      ... on Agent { name isDefault }\n      ... on User { name }\n    }\n  }\n": typeof types.MessagesNodeDocument,
    "\n  mutation MessagesNewSession($input: CreateSessionInput!) {\n    createSession(input: $input) { session { id updatedAt expiresAt } }\n  }\n": typeof types.MessagesNewSessionDocument,
    "\n  query MessagesSessionId($id: ID) {\n    session(id: $id) { id }\n  }\n": typeof types.MessagesSessionIdDocument,
    "\n        query MessagesCountAndLast($id: ID!) {\n          session(id: $id) { messageCount lastMessage { role text } }\n        }\n      ": typeof types.MessagesCountAndLastDocument,
    "\n        query MessagesCount($id: ID!) {\n          session(id: $id) { messageCount }\n        }\n      ": typeof types.MessagesCountDocument,
    "\n        query MessagesFirstThree($id: ID!) {\n          session(id: $id) { messages(first: 3) { edges { node { text role } } } }\n        }\n      ": typeof types.MessagesFirstThreeDocument,
    "\n        query MessagesTurnParts($id: ID!) { session(id: $id) { messageCount messages { edges { node {\n          role text turn { id status }\n          parts {\n            __typename\n            ... on TextPart { text }\n            ... on ReasoningPart { text }\n            ... on StepStartPart { step }\n            ... on ToolPart { toolCallId toolName state input output errorText }\n          }\n        } } } } }\n      ": typeof types.MessagesTurnPartsDocument,
    "\n        query MessagesById($id: ID) {\n          session(id: $id) { id key title }\n        }\n      ": typeof types.MessagesByIdDocument,
    "\n        query MessagesByKey {\n          session(key: \"lookup-1\") { id key title }\n        }\n      ": typeof types.MessagesByKeyDocument,
    "\n        query MessagesNeitherIdNorKey {\n          session { id }\n        }\n      ": typeof types.MessagesNeitherIdNorKeyDocument,
    "\n        query MessagesIdAndKey($id: ID) {\n          session(id: $id, key: \"k\") { id }\n        }\n      ": typeof types.MessagesIdAndKeyDocument,
    "\n        query MessagesNullIdAndKey {\n          session(id: null, key: null) { id }\n        }\n      ": typeof types.MessagesNullIdAndKeyDocument,
    "\n        query MessagesNoSuchKey {\n          session(key: \"no-such-key\") { id }\n        }\n      ": typeof types.MessagesNoSuchKeyDocument,
    "\n      query MetricsProbe {\n        viewer { id }\n      }\n    ": typeof types.MetricsProbeDocument,
    "\n  query OwnershipNode($id: ID!) {\n    node(id: $id) { __typename id }\n  }\n": typeof types.OwnershipNodeDocument,
    "\n  mutation OwnershipRespond($turn: ID!) {\n    respondToApproval(input: { turnId: $turn, toolCallId: \"c1\", approved: true }) { turn { id } }\n  }\n": typeof types.OwnershipRespondDocument,
    "\n      query OwnershipSession($id: ID) {\n        session(id: $id) { id title }\n      }\n    ": typeof types.OwnershipSessionDocument,
    "\n      query OwnershipSessionByKey($key: String) {\n        session(key: $key) { id }\n      }\n    ": typeof types.OwnershipSessionByKeyDocument,
    "\n      query OwnershipMessages($id: ID) {\n        session(id: $id) { messages { edges { node { id } } } }\n      }\n    ": typeof types.OwnershipMessagesDocument,
    "\n      mutation OwnershipRename($id: ID!) {\n        renameSession(input: { id: $id, title: \"Renamed\" }) { session { id title } }\n      }\n    ": typeof types.OwnershipRenameDocument,
    "\n      mutation OwnershipUpdate($input: UpdateSessionInput!) {\n        updateSession(input: $input) { session { id title archived metadata } }\n      }\n    ": typeof types.OwnershipUpdateDocument,
    "\n      mutation OwnershipDeleteMany($ids: [ID!]!) {\n        deleteSessions(input: { ids: $ids }) { deletedSessionIds }\n      }\n    ": typeof types.OwnershipDeleteManyDocument,
    "\n      mutation OwnershipRenew($id: ID!) {\n        renewSession(input: { id: $id }) { session { id expiresAt } }\n      }\n    ": typeof types.OwnershipRenewDocument,
    "\n      mutation OwnershipAppend($id: ID!) {\n        appendMessage(input: { sessionId: $id, text: \"appended\" }) {\n          message { text }\n          session { id messageCount }\n        }\n      }\n    ": typeof types.OwnershipAppendDocument,
    "\n      mutation OwnershipSend($id: ID!) {\n        sendMessage(input: { sessionId: $id, text: \"hello\" }) {\n          session { id }\n          userMessage { text }\n          turn { status }\n        }\n      }\n    ": typeof types.OwnershipSendDocument,
    "\n      mutation OwnershipStop($id: ID!) {\n        stopTurn(input: { sessionId: $id }) { turn { id } }\n      }\n    ": typeof types.OwnershipStopDocument,
    "\n      query OwnershipSessionsList($filter: SessionFilter) {\n        sessions(first: 100, filter: $filter) { totalCount edges { node { id title } } }\n      }\n    ": typeof types.OwnershipSessionsListDocument,
    "\n      mutation OwnershipOtherCreate {\n        createSession(input: { title: \"x\" }) { session { id } }\n      }\n    ": typeof types.OwnershipOtherCreateDocument,
    "\n      mutation OwnershipOtherSend {\n        sendMessage(input: { text: \"new session\" }) { turn { id } }\n      }\n    ": typeof types.OwnershipOtherSendDocument,
    "\n      query OwnershipAgentNode($agent: ID!) {\n        node(id: $agent) { id }\n      }\n    ": typeof types.OwnershipAgentNodeDocument,
    "\n      query OwnershipHealth {\n        health { status database pubsub databaseKind pubsubKind model }\n      }\n    ": typeof types.OwnershipHealthDocument,
    "\n  query SessionKeysByKey($key: String!) {\n    session(key: $key) { id key messageCount agent { id } }\n  }\n": typeof types.SessionKeysByKeyDocument,
    "\n  query SessionKeysWithPrefix($prefix: String!) {\n    sessions(first: 100, filter: { keyPrefix: $prefix }) { totalCount edges { node { id key } } }\n  }\n": typeof types.SessionKeysWithPrefixDocument,
    "\n  query SessionKeysAgents {\n    agents { id name }\n  }\n": typeof types.SessionKeysAgentsDocument,
    "\n  mutation SessionKeysDelete($id: ID, $key: String) {\n    deleteSession(input: { id: $id, key: $key }) { deletedSessionId }\n  }\n": typeof types.SessionKeysDeleteDocument,
    "\n  mutation SessionKeysSend($id: ID, $key: String, $text: String!) {\n    sendMessage(input: { sessionId: $id, sessionKey: $key, text: $text }) { session { id } }\n  }\n": typeof types.SessionKeysSendDocument,
    "\n  query SessionKeysState($key: String!) {\n    session(key: $key) { id state messageCount }\n  }\n": typeof types.SessionKeysStateDocument,
    "\n  fragment MutationsSessionFields on Session {\n    id key title metadata archived state messageCount createdAt updatedAt expiresAt\n    agent { id isDefault }\n    lastMessage { id }\n    timeout { timeoutMinutes autoRenew maxDurationMinutes warningThresholdMinutes }\n  }\n": typeof types.MutationsSessionFieldsFragmentDoc,
    "\n  mutation MutationsCreate($input: CreateSessionInput!) {\n    createSession(input: $input) { created session { ...MutationsSessionFields } }\n  }\n": typeof types.MutationsCreateDocument,
    "\n  mutation MutationsRename($id: ID!, $title: String!) {\n    renameSession(input: { id: $id, title: $title }) { session { ...MutationsSessionFields } }\n  }\n": typeof types.MutationsRenameDocument,
    "\n  mutation MutationsUpdate($input: UpdateSessionInput!) {\n    updateSession(input: $input) { session { ...MutationsSessionFields } }\n  }\n": typeof types.MutationsUpdateDocument,
    "\n  mutation MutationsDeleteMany($ids: [ID!]!) {\n    deleteSessions(input: { ids: $ids }) { deletedSessionIds }\n  }\n": typeof types.MutationsDeleteManyDocument,
    "\n  mutation MutationsRenew($id: ID!) {\n    renewSession(input: { id: $id }) { session { ...MutationsSessionFields } }\n  }\n": typeof types.MutationsRenewDocument,
    "\n  query MutationsGet($id: ID!) {\n    session(id: $id) { ...MutationsSessionFields }\n  }\n": typeof types.MutationsGetDocument,
    "\n  query MutationsCount {\n    sessions(filter: { archived: null }) { totalCount }\n  }\n": typeof types.MutationsCountDocument,
    "\n  query MutationsByKey {\n    session(key: \"dup\") { id title }\n  }\n": typeof types.MutationsByKeyDocument,
    "\n  query MutationsListed {\n    sessions(first: 100) { edges { node { id } } }\n  }\n": typeof types.MutationsListedDocument,
    "\n  query PagingSessions($first: Int, $after: String, $last: Int, $before: String,\n                       $filter: SessionFilter, $orderBy: SessionOrder) {\n    sessions(first: $first, after: $after, last: $last, before: $before,\n             filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges { cursor node { id } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.PagingSessionsDocument,
    "\n        query PagingAllUpdatedAt {\n          sessions(first: 100) { edges { node { id updatedAt } } }\n        }\n      ": typeof types.PagingAllUpdatedAtDocument,
    "\n        query PagingMessageCursors($id: ID!) {\n          session(id: $id) { messages { edges { cursor } } }\n        }\n      ": typeof types.PagingMessageCursorsDocument,
    "\n        query PagingFilter($filter: SessionFilter) {\n          sessions(first: 100, filter: $filter) { totalCount edges { node { id title } } }\n        }\n      ": typeof types.PagingFilterDocument,
    "\n        mutation PagingArchive($id: ID!) {\n          updateSession(input: { id: $id, archived: true }) { session { id } }\n        }\n      ": typeof types.PagingArchiveDocument,
    "\n      query PagingSqlPage($first: Int) {\n        sessions(first: $first) {\n          totalCount\n          edges { node { title messageCount lastMessage { text } agent { name } } }\n        }\n      }\n    ": typeof types.PagingSqlPageDocument,
    "\n  query WebBranchSession($id: ID!) {\n    session(id: $id) {\n      title state\n      messages(last: 10) { edges { node { id role text siblings { id } } } }\n    }\n  }\n": typeof types.WebBranchSessionDocument,
    "\n  query WebTestSession($id: ID!) {\n    session(id: $id) {\n      state lastEventSeq\n      messages(last: 10) { edges { node { role text turn { status } } } }\n    }\n  }\n": typeof types.WebTestSessionDocument,
    "\n      query WebTestViewerName {\n        viewer { name }\n      }\n    ": typeof types.WebTestViewerNameDocument,
    "\n        mutation WireSendMessage {\n          sendMessage(input: { text: \"find me running shoes under $120\" }) {\n            session { id }\n            turn { id model }\n          }\n        }\n      ": typeof types.WireSendMessageDocument,
    "\n  query ConvSearch(\n    $query: String!\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: MessageSearchFilter\n  ) {\n    searchMessages(\n      query: $query\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      filter: $filter\n    ) {\n      edges {\n        cursor\n        snippet\n        rank\n        node { id role text }\n        session { id title }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ConvSearchDocument,
    "\n  mutation ConvAppend($id: ID!, $text: String!, $role: MessageRole) {\n    appendMessage(input: { sessionId: $id, text: $text, role: $role }) {\n      message { id }\n    }\n  }\n": typeof types.ConvAppendDocument,
    "\n  mutation ConvSearchMove($id: ID!, $projectId: ID) {\n    updateSession(input: { id: $id, projectId: $projectId }) { session { id } }\n  }\n": typeof types.ConvSearchMoveDocument,
    "\n  mutation ConvSearchDelete($id: ID!) {\n    deleteSession(input: { id: $id }) { deletedSessionId }\n  }\n": typeof types.ConvSearchDeleteDocument,
    "\n  subscription ConvEvents($id: ID!, $after: Int) {\n    sessionEvents(sessionId: $id, afterSeq: $after) {\n      __typename\n      seq\n      turnId\n      ... on TurnStarted {\n        turn { id status }\n        userMessage { id role text parentId }\n      }\n      ... on TurnQueued {\n        turn { id status userMessage { id text } }\n      }\n      ... on QueuedTurnCancelled {\n        turn { id status }\n      }\n      ... on BranchSwitched {\n        leafMessageId\n      }\n      ... on TextDelta {\n        delta\n        messageId\n      }\n      ... on ReasoningDelta {\n        delta\n      }\n      ... on TurnFinished {\n        turn { id status usage { inputTokens outputTokens totalTokens } }\n        message { id role text parentId }\n      }\n      ... on TurnCancelled {\n        turn { id status }\n        message { id role text parentId }\n      }\n      ... on TurnFailed {\n        turn { id status }\n        error { code message }\n      }\n    }\n  }\n": typeof types.ConvEventsDocument,
    "\n  query ConvSession($id: ID!) {\n    session(id: $id) {\n      id title state messageCount lastEventSeq\n      activeTurn { id }\n      lastMessage { id role text }\n      usage { inputTokens outputTokens totalTokens turns }\n      messages(first: 100) {\n        edges {\n          node {\n            id role text parentId\n            siblings { id role text }\n            turn { id status }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ConvSessionDocument,
    "\n  mutation ConvSend($id: ID, $text: String!, $ifBusy: IfBusy) {\n    sendMessage(input: { sessionId: $id, text: $text, ifBusy: $ifBusy }) {\n      session { id state }\n      userMessage { id role text parentId }\n      turn { id status userMessage { id } }\n    }\n  }\n": typeof types.ConvSendDocument,
    "\n  mutation ConvEdit($messageId: ID!, $text: String!) {\n    editMessage(input: { messageId: $messageId, text: $text }) {\n      session { id state }\n      userMessage { id role text parentId }\n      turn { id status userMessage { id } }\n    }\n  }\n": typeof types.ConvEditDocument,
    "\n  mutation ConvRegenerate($messageId: ID!) {\n    regenerate(input: { messageId: $messageId }) {\n      session { id state }\n      turn { id status userMessage { id role text } }\n    }\n  }\n": typeof types.ConvRegenerateDocument,
    "\n  mutation ConvSwitch($messageId: ID!) {\n    switchBranch(input: { messageId: $messageId }) {\n      session { id messageCount lastMessage { id } }\n    }\n  }\n": typeof types.ConvSwitchDocument,
    "\n  mutation ConvFork($messageId: ID!, $title: String) {\n    forkSession(input: { messageId: $messageId, title: $title }) {\n      session { id title messageCount lastMessage { id text } }\n    }\n  }\n": typeof types.ConvForkDocument,
    "\n  mutation ConvStop($id: ID!, $turnId: ID) {\n    stopTurn(input: { sessionId: $id, turnId: $turnId }) {\n      turn { id status finishReason assistantMessage { id text } }\n    }\n  }\n": typeof types.ConvStopDocument,
    "\n  query ConvTurn($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Turn {\n        id status\n        userMessage { id text }\n        assistantMessage { id text }\n        usage { inputTokens outputTokens totalTokens }\n        startedAt\n      }\n    }\n  }\n": typeof types.ConvTurnDocument,
    "\n  query ConvMessage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Message { id role text }\n    }\n  }\n": typeof types.ConvMessageDocument,
    "\n  query ConvExport($id: ID!) {\n    exportSession(id: $id)\n  }\n": typeof types.ConvExportDocument,
    "\n  mutation ConvImport($messages: JSON!, $title: String, $key: String, $metadata: JSON) {\n    importSession(input: { messages: $messages, title: $title, key: $key, metadata: $metadata }) {\n      session { id title key metadata messageCount state lastMessage { role text } }\n    }\n  }\n": typeof types.ConvImportDocument,
    "\n  query ConvSessionCount {\n    sessions(first: 1) { totalCount }\n  }\n": typeof types.ConvSessionCountDocument,
    "\n  query ConvUsage($since: DateTime, $until: DateTime) {\n    usage(since: $since, until: $until) { inputTokens outputTokens totalTokens turns }\n  }\n": typeof types.ConvUsageDocument,
    "\n  query ConvUsageSessionCount {\n    sessions(first: 1) { totalCount }\n  }\n": typeof types.ConvUsageSessionCountDocument,
    "\n  query EcoSessionByKey($key: String!) {\n    session(key: $key) {\n      id\n      messageCount\n      messages(last: 20) {\n        edges {\n          node {\n            id\n            role\n            text\n            siblings {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.EcoSessionByKeyDocument,
    "\n  query EcoViewer {\n    viewer {\n      id\n      name\n    }\n  }\n": typeof types.EcoViewerDocument,
    "\n      mutation EcoSend($sessionId: ID!) {\n        sendMessage(input: { sessionId: $sessionId, text: \"hello\" }) {\n          turn {\n            id\n          }\n        }\n      }\n    ": typeof types.EcoSendDocument,
    "\n  mutation EcoTracedSend($text: String!) {\n    sendMessage(input: { text: $text }) {\n      session {\n        id\n      }\n      turn {\n        id\n      }\n    }\n  }\n": typeof types.EcoTracedSendDocument,
    "\n      query EcoTracedViewer {\n        viewer {\n          id\n        }\n      }\n    ": typeof types.EcoTracedViewerDocument,
    "\n  query CrashTestSession($id: ID!) {\n    session(id: $id) {\n      state lastEventSeq activeTurn { id }\n      messages { edges { node { role text turn { id status } } } }\n    }\n  }\n": typeof types.CrashTestSessionDocument,
    "\n  query CrashTestTurn($id: ID!) {\n    node(id: $id) {\n      ... on Turn { status finishReason error { code message } assistantMessage { role text } }\n    }\n  }\n": typeof types.CrashTestTurnDocument,
    "\n  mutation LimitsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { session { id state createdAt expiresAt } }\n  }\n": typeof types.LimitsCreateSessionDocument,
    "\n  mutation LimitsRenewSession($id: ID!) {\n    renewSession(input: { id: $id }) { session { id state expiresAt } }\n  }\n": typeof types.LimitsRenewSessionDocument,
    "\n  query LimitsSession($id: ID!) {\n    session(id: $id) {\n      state expiresAt activeTurn { id status }\n      messages(last: 1) { edges { node { role parts { ... on ToolPart { toolCallId toolName state } } } } }\n    }\n  }\n": typeof types.LimitsSessionDocument,
    "\n  query MultiProcessSession($id: ID!) {\n    session(id: $id) {\n      state activeTurn { id }\n      messages(last: 1) { edges { node { role text turn { status } } } }\n    }\n  }\n": typeof types.MultiProcessSessionDocument,
    "\n  query MultiProcessHealth {\n    health { status pubsubKind databaseKind }\n  }\n": typeof types.MultiProcessHealthDocument,
    "\n  subscription TestSessionEvents($id: ID!, $after: Int) {\n    sessionEvents(sessionId: $id, afterSeq: $after) {\n      __typename\n      seq\n      sessionId\n      turnId\n      at\n      ... on TurnStarted {\n        turn {\n          id\n          status\n        }\n        userMessage {\n          id\n          role\n          text\n        }\n      }\n      ... on TextDelta {\n        delta\n        messageId\n      }\n      ... on ToolCallStarted {\n        toolCallId\n        toolName\n      }\n      ... on ToolCalled {\n        toolCallId\n        toolName\n        input\n      }\n      ... on ToolResulted {\n        toolCallId\n        toolName\n        output\n      }\n      ... on ToolFailed {\n        toolCallId\n        toolName\n        errorText\n      }\n      ... on ApprovalRequested {\n        toolCallId\n        toolName\n        input\n      }\n      ... on StepFinished {\n        step\n        finishReason\n        usage {\n          inputTokens\n          outputTokens\n          totalTokens\n        }\n      }\n      ... on TurnFinished {\n        turn {\n          ...TestTurn\n        }\n        message {\n          id\n          role\n          text\n          parts {\n            __typename\n            ... on ToolPart {\n              toolCallId\n              state\n              input\n            }\n          }\n        }\n      }\n      ... on TurnFailed {\n        turn {\n          ...TestTurn\n        }\n        error {\n          code\n          message\n        }\n      }\n      ... on TurnCancelled {\n        turn {\n          ...TestTurn\n        }\n        message {\n          id\n          text\n        }\n      }\n      ... on MessageAppended {\n        message {\n          text\n        }\n      }\n      ... on SessionUpdated {\n        session {\n          id\n          title\n          state\n          expiresAt\n        }\n      }\n      ... on SessionExpiring {\n        expiresAt\n      }\n    }\n  }\n": typeof types.TestSessionEventsDocument,
    "\n  fragment TestTurn on Turn {\n    id\n    status\n    finishReason\n    model\n    startedAt\n    finishedAt\n    usage {\n      inputTokens\n      outputTokens\n      totalTokens\n    }\n    error {\n      code\n      message\n    }\n    assistantMessage {\n      id\n      text\n    }\n  }\n": typeof types.TestTurnFragmentDoc,
    "\n  subscription TestSessionsChanged {\n    sessionsChanged {\n      kind\n      sessionId\n      session {\n        id\n        title\n        state\n      }\n    }\n  }\n": typeof types.TestSessionsChangedDocument,
    "\n  mutation TestSendMessage($id: ID, $text: String!, $cmid: String) {\n    sendMessage(input: { sessionId: $id, text: $text, clientMessageId: $cmid }) {\n      session {\n        id\n        state\n        messageCount\n        expiresAt\n      }\n      userMessage {\n        id\n        text\n      }\n      turn {\n        id\n        status\n      }\n    }\n  }\n": typeof types.TestSendMessageDocument,
    "\n  mutation TestStopTurn($id: ID!) {\n    stopTurn(input: { sessionId: $id }) {\n      turn {\n        ...TestTurn\n      }\n    }\n  }\n": typeof types.TestStopTurnDocument,
    "\n  mutation TestAppendMessage($id: ID!, $text: String!) {\n    appendMessage(input: { sessionId: $id, text: $text }) {\n      message {\n        id\n      }\n      session {\n        expiresAt\n      }\n    }\n  }\n": typeof types.TestAppendMessageDocument,
    "\n  query TestViewer {\n    viewer {\n      id\n      name\n    }\n  }\n": typeof types.TestViewerDocument,
    "\n  query TestAgents {\n    agents {\n      id\n      name\n      isDefault\n    }\n  }\n": typeof types.TestAgentsDocument,
    "\n  query TestSessionsCount {\n    sessions {\n      totalCount\n    }\n  }\n": typeof types.TestSessionsCountDocument,
    "\n  query TestFirstSession {\n    sessions(first: 1) {\n      edges {\n        cursor\n        node {\n          id\n          title\n        }\n      }\n    }\n  }\n": typeof types.TestFirstSessionDocument,
    "\n  query MemorySource($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Memory { id text sourceSession { id } }\n    }\n  }\n": typeof types.MemorySourceDocument,
    "\n  query ApprovalTestState($session: ID!, $turn: ID!) {\n    session(id: $session) { state activeTurn { id status } }\n    node(id: $turn) { ... on Turn { id status finishedAt } }\n  }\n": typeof types.ApprovalTestStateDocument,
    "\n  query ApprovalTestMessages($id: ID!) {\n    session(id: $id) {\n      state messageCount lastMessage { text }\n      messages(first: 50) { edges { node {\n        role text\n        parts {\n          __typename\n          ... on TextPart { text }\n          ... on StepStartPart { step }\n          ... on ToolPart { toolCallId toolName state input output errorText }\n        }\n      } } }\n    }\n  }\n": typeof types.ApprovalTestMessagesDocument,
    "\n  query ControlTestSession($id: ID!) {\n    session(id: $id) {\n      id state messageCount\n      activeTurn { id }\n      lastMessage { id role text }\n      messages(first: 50) { edges { node { id role text turn { id status } } } }\n    }\n  }\n": typeof types.ControlTestSessionDocument,
    "\n        query ControlSessionsList {\n          sessions { totalCount edges { node { id messageCount state } } }\n        }\n      ": typeof types.ControlSessionsListDocument,
    "\n  query TurnTestSession($id: ID!) {\n    session(id: $id) {\n      id title state messageCount\n      activeTurn { id }\n      lastMessage { id role text }\n      messages(first: 50) {\n        edges { node {\n          id role text\n          turn { id }\n          parts {\n            __typename\n            ... on TextPart { text }\n            ... on StepStartPart { step }\n            ... on ToolPart { toolCallId toolName state input output errorText }\n          }\n        } }\n      }\n    }\n  }\n": typeof types.TurnTestSessionDocument,
    "\n  query WsSession($id: ID!) {\n    session(id: $id) {\n      id title status\n      createdBy { name }\n      participants { kind user { name } agent { name } }\n      messages(first: 10) { edges { node { role text author { name } } } }\n    }\n  }\n": typeof types.WsSessionDocument,
    "\n  mutation WsRename($id: ID!, $title: String!) {\n    renameSession(input: { id: $id, title: $title }) { session { title } }\n  }\n": typeof types.WsRenameDocument,
    "\n  mutation WsSetStatus($id: ID!, $status: SessionStatus) {\n    updateSession(input: { id: $id, status: $status }) { session { status } }\n  }\n": typeof types.WsSetStatusDocument,
    "\n  query WsAgents {\n    agents { id name avatarUrl }\n  }\n": typeof types.WsAgentsDocument,
    "\n  mutation WsSwitchAgent($id: ID!, $agentId: ID!) {\n    updateSession(input: { id: $id, agentId: $agentId }) { session { id } }\n  }\n": typeof types.WsSwitchAgentDocument,
    "\n  mutation WsDelete($id: ID!) {\n    deleteSession(input: { id: $id }) { deletedSessionId }\n  }\n": typeof types.WsDeleteDocument,
    "\n  mutation WsResume($id: ID!) {\n    resumeSession(input: { id: $id }) { session { status } }\n  }\n": typeof types.WsResumeDocument,
    "\n  mutation WsMove($id: ID!, $projectId: ID) {\n    updateSession(input: { id: $id, projectId: $projectId }) { session { project { slug } } }\n  }\n": typeof types.WsMoveDocument,
    "\n  mutation WsRenameProject($id: ID!, $name: String!) {\n    renameProject(input: { id: $id, name: $name }) { project { name slug } }\n  }\n": typeof types.WsRenameProjectDocument,
    "\n  mutation WsDeleteProject($id: ID!, $deleteSessions: Boolean) {\n    deleteProject(input: { id: $id, deleteSessions: $deleteSessions }) { deletedProjectId }\n  }\n": typeof types.WsDeleteProjectDocument,
    "\n  query WsProjectSessions($id: ID!) {\n    node(id: $id) {\n      ... on Project {\n        name sessionCount\n        sessions(first: 10) { totalCount edges { node { title } } }\n      }\n    }\n  }\n": typeof types.WsProjectSessionsDocument,
    "\n  query WsProjects($workspaceId: ID) {\n    projects(workspaceId: $workspaceId, first: 10) { edges { node { slug sessionCount } } }\n  }\n": typeof types.WsProjectsDocument,
    "\n      query WsPagingSql($first: Int, $workspaceId: ID) {\n        sessions(first: $first, filter: { workspaceId: $workspaceId }) {\n          totalCount\n          edges {\n            node {\n              title status\n              workspace { name role }\n              project { slug sessionCount }\n              createdBy { name }\n              participants { kind user { name } agent { name avatarUrl } }\n              lastMessage { text author { name } }\n            }\n          }\n        }\n      }\n    ": typeof types.WsPagingSqlDocument,
    "\n  query WsMyWorkspaces {\n    workspaces(first: 10) { edges { node { id name role personal } } }\n  }\n": typeof types.WsMyWorkspacesDocument,
    "\n  mutation WsCreateWorkspace($name: String!) {\n    createWorkspace(input: { name: $name }) { workspace { id name role personal } }\n  }\n": typeof types.WsCreateWorkspaceDocument,
    "\n  mutation WsAddMember($workspaceId: ID!, $userId: ID!, $role: WorkspaceRole) {\n    addWorkspaceMember(input: { workspaceId: $workspaceId, userId: $userId, role: $role }) {\n      workspace { id members(first: 10) { edges { node { role user { id name } } } } }\n    }\n  }\n": typeof types.WsAddMemberDocument,
    "\n  mutation WsRemoveMember($workspaceId: ID!, $userId: ID!) {\n    removeWorkspaceMember(input: { workspaceId: $workspaceId, userId: $userId }) {\n      workspace { id }\n    }\n  }\n": typeof types.WsRemoveMemberDocument,
    "\n  mutation WsCreateSession($workspaceId: ID, $projectId: ID, $title: String, $status: SessionStatus) {\n    createSession(input: { workspaceId: $workspaceId, projectId: $projectId, title: $title, status: $status }) {\n      session {\n        id title status\n        workspace { id }\n        project { id slug }\n        createdBy { id name }\n        participants { kind user { name } agent { name } }\n      }\n    }\n  }\n": typeof types.WsCreateSessionDocument,
    "\n  mutation WsCreateProject($workspaceId: ID!, $name: String!, $slug: String!) {\n    createProject(input: { workspaceId: $workspaceId, name: $name, slug: $slug }) {\n      project { id name slug sessionCount workspace { id } }\n    }\n  }\n": typeof types.WsCreateProjectDocument,
    "\n  query WsSessions($filter: SessionFilter, $first: Int) {\n    sessions(first: $first, filter: $filter) {\n      totalCount\n      edges { node { id title status project { slug } createdBy { name } } }\n    }\n  }\n": typeof types.WsSessionsDocument,
};
const documents: Documents = {
    "fragment ChatTransportSession on Session {\n  id\n  lastEventSeq\n  activeTurn {\n    id\n  }\n  lastMessage {\n    id\n    role\n  }\n}\n\nquery ChatTransportSessionById($id: ID!) {\n  session(id: $id) {\n    ...ChatTransportSession\n  }\n}\n\nquery ChatTransportSessionByKey($key: String!) {\n  session(key: $key) {\n    ...ChatTransportSession\n  }\n}\n\nmutation ChatTransportOpenSession($key: String!) {\n  createSession(input: {key: $key, ifKeyExists: RETURN}) {\n    session {\n      ...ChatTransportSession\n    }\n  }\n}\n\nmutation ChatTransportSend($sessionId: ID!, $text: String!, $clientMessageId: String) {\n  sendMessage(\n    input: {sessionId: $sessionId, text: $text, clientMessageId: $clientMessageId}\n  ) {\n    turn {\n      id\n    }\n  }\n}\n\nmutation ChatTransportRegenerate($messageId: ID!) {\n  regenerate(input: {messageId: $messageId}) {\n    turn {\n      id\n    }\n  }\n}\n\nquery ChatTransportAnswer($id: ID!) {\n  node(id: $id) {\n    __typename\n    ... on Turn {\n      assistantMessage {\n        id\n      }\n    }\n    ... on Message {\n      id\n      turn {\n        id\n      }\n    }\n  }\n}\n\nmutation ChatTransportApprove($turnId: ID!, $toolCallId: String!, $approved: Boolean!, $reason: String) {\n  respondToApproval(\n    input: {turnId: $turnId, toolCallId: $toolCallId, approved: $approved, reason: $reason}\n  ) {\n    turn {\n      id\n    }\n  }\n}\n\nsubscription ChatTransportEvents($sessionId: ID!, $afterSeq: Int) {\n  sessionEvents(sessionId: $sessionId, afterSeq: $afterSeq) {\n    __typename\n    seq\n    turnId\n    ... on TextDelta {\n      delta\n    }\n    ... on ReasoningDelta {\n      delta\n    }\n    ... on ToolCallStarted {\n      toolCallId\n      toolName\n    }\n    ... on ToolCalled {\n      toolCallId\n      toolName\n      input\n    }\n    ... on ToolResulted {\n      toolCallId\n      output\n    }\n    ... on ToolFailed {\n      toolCallId\n      errorText\n    }\n    ... on ApprovalRequested {\n      toolCallId\n    }\n    ... on TurnFinished {\n      turn {\n        finishReason\n      }\n    }\n    ... on TurnFailed {\n      error {\n        message\n      }\n    }\n  }\n}": types.ChatTransportSessionFragmentDoc,
    "mutation SendMessage($sessionId: ID, $text: String!, $clientMessageId: String) {\n  sendMessage(\n    input: {sessionId: $sessionId, text: $text, clientMessageId: $clientMessageId}\n  ) {\n    session {\n      id\n      title\n    }\n    userMessage {\n      id\n      text\n    }\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation StopTurn($sessionId: ID!) {\n  stopTurn(input: {sessionId: $sessionId}) {\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation RespondToApproval($turnId: ID!, $toolCallId: String!, $approved: Boolean!, $reason: String) {\n  respondToApproval(\n    input: {turnId: $turnId, toolCallId: $toolCallId, approved: $approved, reason: $reason}\n  ) {\n    turn {\n      id\n      status\n    }\n  }\n}\n\nsubscription SessionEvents($sessionId: ID!, $afterSeq: Int) {\n  sessionEvents(sessionId: $sessionId, afterSeq: $afterSeq) {\n    __typename\n    seq\n    sessionId\n    turnId\n    at\n    ... on TurnStarted {\n      turn {\n        id\n        status\n      }\n      userMessage {\n        ...MessageFields\n      }\n    }\n    ... on TextDelta {\n      messageId\n      delta\n    }\n    ... on ReasoningDelta {\n      messageId\n      delta\n    }\n    ... on ToolCallStarted {\n      toolCallId\n      toolName\n    }\n    ... on ToolCalled {\n      toolCallId\n      toolName\n      input\n    }\n    ... on ToolResulted {\n      toolCallId\n      toolName\n      output\n    }\n    ... on ToolFailed {\n      toolCallId\n      toolName\n      errorText\n    }\n    ... on ApprovalRequested {\n      toolCallId\n      toolName\n      input\n    }\n    ... on StepFinished {\n      step\n      finishReason\n      usage {\n        inputTokens\n        outputTokens\n        totalTokens\n      }\n    }\n    ... on TurnFinished {\n      turn {\n        id\n        status\n        usage {\n          totalTokens\n        }\n      }\n      message {\n        ...MessageFields\n      }\n    }\n    ... on TurnFailed {\n      turn {\n        id\n        status\n        assistantMessage {\n          ...MessageFields\n        }\n      }\n      error {\n        code\n        message\n      }\n    }\n    ... on TurnCancelled {\n      turn {\n        id\n        status\n      }\n      message {\n        ...MessageFields\n      }\n    }\n    ... on MessageAppended {\n      message {\n        ...MessageFields\n      }\n    }\n    ... on SessionUpdated {\n      session {\n        ...SessionSummary\n      }\n    }\n    ... on SessionExpiring {\n      expiresAt\n    }\n    ... on BranchSwitched {\n      leafMessageId\n    }\n  }\n}\n\nsubscription SessionsChanged {\n  sessionsChanged {\n    kind\n    sessionId\n    at\n    session {\n      ...SessionSummary\n    }\n  }\n}\n\nmutation SendMessageByKey($sessionKey: String!, $text: String!, $agentId: ID, $ifBusy: IfBusy) {\n  sendMessage(\n    input: {sessionKey: $sessionKey, text: $text, agentId: $agentId, ifBusy: $ifBusy}\n  ) {\n    session {\n      id\n      key\n      agent {\n        id\n      }\n    }\n    userMessage {\n      id\n      text\n    }\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation EditMessage($messageId: ID!, $text: String!) {\n  editMessage(input: {messageId: $messageId, text: $text}) {\n    userMessage {\n      id\n    }\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation Regenerate($messageId: ID!) {\n  regenerate(input: {messageId: $messageId}) {\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation SwitchBranch($messageId: ID!) {\n  switchBranch(input: {messageId: $messageId}) {\n    session {\n      id\n      lastEventSeq\n    }\n  }\n}": types.SendMessageDocument,
    "fragment MessageFields on Message {\n  id\n  role\n  text\n  createdAt\n  parentId\n  siblings {\n    id\n  }\n  turn {\n    id\n    status\n  }\n  parts {\n    __typename\n    ... on TextPart {\n      text\n    }\n    ... on ReasoningPart {\n      text\n    }\n    ... on ToolPart {\n      toolCallId\n      toolName\n      state\n      input\n      output\n      errorText\n    }\n    ... on StepStartPart {\n      step\n    }\n  }\n}\n\nfragment SessionSummary on Session {\n  id\n  key\n  title\n  state\n  workspace {\n    id\n  }\n  project {\n    id\n  }\n  archived\n  messageCount\n  updatedAt\n  agent {\n    id\n    name\n  }\n  lastMessage {\n    id\n    role\n    text\n  }\n}": types.MessageFieldsFragmentDoc,
    "query Memories($first: Int, $after: String) {\n  viewer {\n    id\n    settings {\n      memoryEnabled\n    }\n  }\n  memories(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        text\n        createdAt\n        sourceSession {\n          id\n          title\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation DeleteMemory($id: ID!) {\n  deleteMemory(input: {id: $id}) {\n    deletedMemoryId\n  }\n}\n\nmutation ClearMemories {\n  clearMemories {\n    deletedCount\n  }\n}\n\nmutation UpdateViewerSettings($memoryEnabled: Boolean) {\n  updateViewerSettings(input: {memoryEnabled: $memoryEnabled}) {\n    viewer {\n      id\n      settings {\n        memoryEnabled\n      }\n    }\n  }\n}": types.MemoriesDocument,
    "query SessionsPage($first: Int, $after: String, $filter: SessionFilter) {\n  sessions(first: $first, after: $after, filter: $filter) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...SessionSummary\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery SessionWithMessages($id: ID!, $last: Int, $before: String) {\n  session(id: $id) {\n    ...SessionSummary\n    lastEventSeq\n    activeTurn {\n      id\n      status\n    }\n    messages(last: $last, before: $before) {\n      edges {\n        node {\n          ...MessageFields\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n}\n\nmutation CreateSession($input: CreateSessionInput!) {\n  createSession(input: $input) {\n    created\n    session {\n      ...SessionSummary\n    }\n  }\n}\n\nmutation RenameSession($id: ID!, $title: String!) {\n  renameSession(input: {id: $id, title: $title}) {\n    session {\n      ...SessionSummary\n    }\n  }\n}\n\nmutation DeleteSession($id: ID!) {\n  deleteSession(input: {id: $id}) {\n    deletedSessionId\n  }\n}\n\nmutation DeleteSessionByKey($key: String!) {\n  deleteSession(input: {key: $key}) {\n    deletedSessionId\n  }\n}": types.SessionsPageDocument,
    "query SidebarWorkspaces {\n  workspaces(first: 10) {\n    edges {\n      node {\n        id\n        name\n        personal\n        projects(first: 20) {\n          edges {\n            node {\n              id\n              name\n              slug\n            }\n          }\n        }\n      }\n    }\n  }\n}": types.SidebarWorkspacesDocument,
    "\n  mutation MessagesAppend($input: AppendMessageInput!) {\n    appendMessage(input: $input) {\n      message { id role text createdAt turn { id } parts { __typename ... on TextPart { text } } }\n      session { id updatedAt messageCount expiresAt lastMessage { id text } }\n    }\n  }\n": types.MessagesAppendDocument,
    "\n  query MessagesPage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    session(id: $id) {\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n": types.MessagesPageDocument,
    "\n  query MessagesNode($id: ID!) {\n    node(id: $id) {\n      __typename id\n      ... on Session { title }\n      ... on Message { role text }\n      ... on Turn { status userMessage { id } assistantMessage { id } }\n      ... on Agent { name isDefault }\n      ... on User { name }\n    }\n  }\n": types.MessagesNodeDocument,
    "\n  mutation MessagesNewSession($input: CreateSessionInput!) {\n    createSession(input: $input) { session { id updatedAt expiresAt } }\n  }\n": types.MessagesNewSessionDocument,
    "\n  query MessagesSessionId($id: ID) {\n    session(id: $id) { id }\n  }\n": types.MessagesSessionIdDocument,
    "\n        query MessagesCountAndLast($id: ID!) {\n          session(id: $id) { messageCount lastMessage { role text } }\n        }\n      ": types.MessagesCountAndLastDocument,
    "\n        query MessagesCount($id: ID!) {\n          session(id: $id) { messageCount }\n        }\n      ": types.MessagesCountDocument,
    "\n        query MessagesFirstThree($id: ID!) {\n          session(id: $id) { messages(first: 3) { edges { node { text role } } } }\n        }\n      ": types.MessagesFirstThreeDocument,
    "\n        query MessagesTurnParts($id: ID!) { session(id: $id) { messageCount messages { edges { node {\n          role text turn { id status }\n          parts {\n            __typename\n            ... on TextPart { text }\n            ... on ReasoningPart { text }\n            ... on StepStartPart { step }\n            ... on ToolPart { toolCallId toolName state input output errorText }\n          }\n        } } } } }\n      ": types.MessagesTurnPartsDocument,
    "\n        query MessagesById($id: ID) {\n          session(id: $id) { id key title }\n        }\n      ": types.MessagesByIdDocument,
    "\n        query MessagesByKey {\n          session(key: \"lookup-1\") { id key title }\n        }\n      ": types.MessagesByKeyDocument,
    "\n        query MessagesNeitherIdNorKey {\n          session { id }\n        }\n      ": types.MessagesNeitherIdNorKeyDocument,
    "\n        query MessagesIdAndKey($id: ID) {\n          session(id: $id, key: \"k\") { id }\n        }\n      ": types.MessagesIdAndKeyDocument,
    "\n        query MessagesNullIdAndKey {\n          session(id: null, key: null) { id }\n        }\n      ": types.MessagesNullIdAndKeyDocument,
    "\n        query MessagesNoSuchKey {\n          session(key: \"no-such-key\") { id }\n        }\n      ": types.MessagesNoSuchKeyDocument,
    "\n      query MetricsProbe {\n        viewer { id }\n      }\n    ": types.MetricsProbeDocument,
    "\n  query OwnershipNode($id: ID!) {\n    node(id: $id) { __typename id }\n  }\n": types.OwnershipNodeDocument,
    "\n  mutation OwnershipRespond($turn: ID!) {\n    respondToApproval(input: { turnId: $turn, toolCallId: \"c1\", approved: true }) { turn { id } }\n  }\n": types.OwnershipRespondDocument,
    "\n      query OwnershipSession($id: ID) {\n        session(id: $id) { id title }\n      }\n    ": types.OwnershipSessionDocument,
    "\n      query OwnershipSessionByKey($key: String) {\n        session(key: $key) { id }\n      }\n    ": types.OwnershipSessionByKeyDocument,
    "\n      query OwnershipMessages($id: ID) {\n        session(id: $id) { messages { edges { node { id } } } }\n      }\n    ": types.OwnershipMessagesDocument,
    "\n      mutation OwnershipRename($id: ID!) {\n        renameSession(input: { id: $id, title: \"Renamed\" }) { session { id title } }\n      }\n    ": types.OwnershipRenameDocument,
    "\n      mutation OwnershipUpdate($input: UpdateSessionInput!) {\n        updateSession(input: $input) { session { id title archived metadata } }\n      }\n    ": types.OwnershipUpdateDocument,
    "\n      mutation OwnershipDeleteMany($ids: [ID!]!) {\n        deleteSessions(input: { ids: $ids }) { deletedSessionIds }\n      }\n    ": types.OwnershipDeleteManyDocument,
    "\n      mutation OwnershipRenew($id: ID!) {\n        renewSession(input: { id: $id }) { session { id expiresAt } }\n      }\n    ": types.OwnershipRenewDocument,
    "\n      mutation OwnershipAppend($id: ID!) {\n        appendMessage(input: { sessionId: $id, text: \"appended\" }) {\n          message { text }\n          session { id messageCount }\n        }\n      }\n    ": types.OwnershipAppendDocument,
    "\n      mutation OwnershipSend($id: ID!) {\n        sendMessage(input: { sessionId: $id, text: \"hello\" }) {\n          session { id }\n          userMessage { text }\n          turn { status }\n        }\n      }\n    ": types.OwnershipSendDocument,
    "\n      mutation OwnershipStop($id: ID!) {\n        stopTurn(input: { sessionId: $id }) { turn { id } }\n      }\n    ": types.OwnershipStopDocument,
    "\n      query OwnershipSessionsList($filter: SessionFilter) {\n        sessions(first: 100, filter: $filter) { totalCount edges { node { id title } } }\n      }\n    ": types.OwnershipSessionsListDocument,
    "\n      mutation OwnershipOtherCreate {\n        createSession(input: { title: \"x\" }) { session { id } }\n      }\n    ": types.OwnershipOtherCreateDocument,
    "\n      mutation OwnershipOtherSend {\n        sendMessage(input: { text: \"new session\" }) { turn { id } }\n      }\n    ": types.OwnershipOtherSendDocument,
    "\n      query OwnershipAgentNode($agent: ID!) {\n        node(id: $agent) { id }\n      }\n    ": types.OwnershipAgentNodeDocument,
    "\n      query OwnershipHealth {\n        health { status database pubsub databaseKind pubsubKind model }\n      }\n    ": types.OwnershipHealthDocument,
    "\n  query SessionKeysByKey($key: String!) {\n    session(key: $key) { id key messageCount agent { id } }\n  }\n": types.SessionKeysByKeyDocument,
    "\n  query SessionKeysWithPrefix($prefix: String!) {\n    sessions(first: 100, filter: { keyPrefix: $prefix }) { totalCount edges { node { id key } } }\n  }\n": types.SessionKeysWithPrefixDocument,
    "\n  query SessionKeysAgents {\n    agents { id name }\n  }\n": types.SessionKeysAgentsDocument,
    "\n  mutation SessionKeysDelete($id: ID, $key: String) {\n    deleteSession(input: { id: $id, key: $key }) { deletedSessionId }\n  }\n": types.SessionKeysDeleteDocument,
    "\n  mutation SessionKeysSend($id: ID, $key: String, $text: String!) {\n    sendMessage(input: { sessionId: $id, sessionKey: $key, text: $text }) { session { id } }\n  }\n": types.SessionKeysSendDocument,
    "\n  query SessionKeysState($key: String!) {\n    session(key: $key) { id state messageCount }\n  }\n": types.SessionKeysStateDocument,
    "\n  fragment MutationsSessionFields on Session {\n    id key title metadata archived state messageCount createdAt updatedAt expiresAt\n    agent { id isDefault }\n    lastMessage { id }\n    timeout { timeoutMinutes autoRenew maxDurationMinutes warningThresholdMinutes }\n  }\n": types.MutationsSessionFieldsFragmentDoc,
    "\n  mutation MutationsCreate($input: CreateSessionInput!) {\n    createSession(input: $input) { created session { ...MutationsSessionFields } }\n  }\n": types.MutationsCreateDocument,
    "\n  mutation MutationsRename($id: ID!, $title: String!) {\n    renameSession(input: { id: $id, title: $title }) { session { ...MutationsSessionFields } }\n  }\n": types.MutationsRenameDocument,
    "\n  mutation MutationsUpdate($input: UpdateSessionInput!) {\n    updateSession(input: $input) { session { ...MutationsSessionFields } }\n  }\n": types.MutationsUpdateDocument,
    "\n  mutation MutationsDeleteMany($ids: [ID!]!) {\n    deleteSessions(input: { ids: $ids }) { deletedSessionIds }\n  }\n": types.MutationsDeleteManyDocument,
    "\n  mutation MutationsRenew($id: ID!) {\n    renewSession(input: { id: $id }) { session { ...MutationsSessionFields } }\n  }\n": types.MutationsRenewDocument,
    "\n  query MutationsGet($id: ID!) {\n    session(id: $id) { ...MutationsSessionFields }\n  }\n": types.MutationsGetDocument,
    "\n  query MutationsCount {\n    sessions(filter: { archived: null }) { totalCount }\n  }\n": types.MutationsCountDocument,
    "\n  query MutationsByKey {\n    session(key: \"dup\") { id title }\n  }\n": types.MutationsByKeyDocument,
    "\n  query MutationsListed {\n    sessions(first: 100) { edges { node { id } } }\n  }\n": types.MutationsListedDocument,
    "\n  query PagingSessions($first: Int, $after: String, $last: Int, $before: String,\n                       $filter: SessionFilter, $orderBy: SessionOrder) {\n    sessions(first: $first, after: $after, last: $last, before: $before,\n             filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges { cursor node { id } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.PagingSessionsDocument,
    "\n        query PagingAllUpdatedAt {\n          sessions(first: 100) { edges { node { id updatedAt } } }\n        }\n      ": types.PagingAllUpdatedAtDocument,
    "\n        query PagingMessageCursors($id: ID!) {\n          session(id: $id) { messages { edges { cursor } } }\n        }\n      ": types.PagingMessageCursorsDocument,
    "\n        query PagingFilter($filter: SessionFilter) {\n          sessions(first: 100, filter: $filter) { totalCount edges { node { id title } } }\n        }\n      ": types.PagingFilterDocument,
    "\n        mutation PagingArchive($id: ID!) {\n          updateSession(input: { id: $id, archived: true }) { session { id } }\n        }\n      ": types.PagingArchiveDocument,
    "\n      query PagingSqlPage($first: Int) {\n        sessions(first: $first) {\n          totalCount\n          edges { node { title messageCount lastMessage { text } agent { name } } }\n        }\n      }\n    ": types.PagingSqlPageDocument,
    "\n  query WebBranchSession($id: ID!) {\n    session(id: $id) {\n      title state\n      messages(last: 10) { edges { node { id role text siblings { id } } } }\n    }\n  }\n": types.WebBranchSessionDocument,
    "\n  query WebTestSession($id: ID!) {\n    session(id: $id) {\n      state lastEventSeq\n      messages(last: 10) { edges { node { role text turn { status } } } }\n    }\n  }\n": types.WebTestSessionDocument,
    "\n      query WebTestViewerName {\n        viewer { name }\n      }\n    ": types.WebTestViewerNameDocument,
    "\n        mutation WireSendMessage {\n          sendMessage(input: { text: \"find me running shoes under $120\" }) {\n            session { id }\n            turn { id model }\n          }\n        }\n      ": types.WireSendMessageDocument,
    "\n  query ConvSearch(\n    $query: String!\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: MessageSearchFilter\n  ) {\n    searchMessages(\n      query: $query\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      filter: $filter\n    ) {\n      edges {\n        cursor\n        snippet\n        rank\n        node { id role text }\n        session { id title }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ConvSearchDocument,
    "\n  mutation ConvAppend($id: ID!, $text: String!, $role: MessageRole) {\n    appendMessage(input: { sessionId: $id, text: $text, role: $role }) {\n      message { id }\n    }\n  }\n": types.ConvAppendDocument,
    "\n  mutation ConvSearchMove($id: ID!, $projectId: ID) {\n    updateSession(input: { id: $id, projectId: $projectId }) { session { id } }\n  }\n": types.ConvSearchMoveDocument,
    "\n  mutation ConvSearchDelete($id: ID!) {\n    deleteSession(input: { id: $id }) { deletedSessionId }\n  }\n": types.ConvSearchDeleteDocument,
    "\n  subscription ConvEvents($id: ID!, $after: Int) {\n    sessionEvents(sessionId: $id, afterSeq: $after) {\n      __typename\n      seq\n      turnId\n      ... on TurnStarted {\n        turn { id status }\n        userMessage { id role text parentId }\n      }\n      ... on TurnQueued {\n        turn { id status userMessage { id text } }\n      }\n      ... on QueuedTurnCancelled {\n        turn { id status }\n      }\n      ... on BranchSwitched {\n        leafMessageId\n      }\n      ... on TextDelta {\n        delta\n        messageId\n      }\n      ... on ReasoningDelta {\n        delta\n      }\n      ... on TurnFinished {\n        turn { id status usage { inputTokens outputTokens totalTokens } }\n        message { id role text parentId }\n      }\n      ... on TurnCancelled {\n        turn { id status }\n        message { id role text parentId }\n      }\n      ... on TurnFailed {\n        turn { id status }\n        error { code message }\n      }\n    }\n  }\n": types.ConvEventsDocument,
    "\n  query ConvSession($id: ID!) {\n    session(id: $id) {\n      id title state messageCount lastEventSeq\n      activeTurn { id }\n      lastMessage { id role text }\n      usage { inputTokens outputTokens totalTokens turns }\n      messages(first: 100) {\n        edges {\n          node {\n            id role text parentId\n            siblings { id role text }\n            turn { id status }\n          }\n        }\n      }\n    }\n  }\n": types.ConvSessionDocument,
    "\n  mutation ConvSend($id: ID, $text: String!, $ifBusy: IfBusy) {\n    sendMessage(input: { sessionId: $id, text: $text, ifBusy: $ifBusy }) {\n      session { id state }\n      userMessage { id role text parentId }\n      turn { id status userMessage { id } }\n    }\n  }\n": types.ConvSendDocument,
    "\n  mutation ConvEdit($messageId: ID!, $text: String!) {\n    editMessage(input: { messageId: $messageId, text: $text }) {\n      session { id state }\n      userMessage { id role text parentId }\n      turn { id status userMessage { id } }\n    }\n  }\n": types.ConvEditDocument,
    "\n  mutation ConvRegenerate($messageId: ID!) {\n    regenerate(input: { messageId: $messageId }) {\n      session { id state }\n      turn { id status userMessage { id role text } }\n    }\n  }\n": types.ConvRegenerateDocument,
    "\n  mutation ConvSwitch($messageId: ID!) {\n    switchBranch(input: { messageId: $messageId }) {\n      session { id messageCount lastMessage { id } }\n    }\n  }\n": types.ConvSwitchDocument,
    "\n  mutation ConvFork($messageId: ID!, $title: String) {\n    forkSession(input: { messageId: $messageId, title: $title }) {\n      session { id title messageCount lastMessage { id text } }\n    }\n  }\n": types.ConvForkDocument,
    "\n  mutation ConvStop($id: ID!, $turnId: ID) {\n    stopTurn(input: { sessionId: $id, turnId: $turnId }) {\n      turn { id status finishReason assistantMessage { id text } }\n    }\n  }\n": types.ConvStopDocument,
    "\n  query ConvTurn($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Turn {\n        id status\n        userMessage { id text }\n        assistantMessage { id text }\n        usage { inputTokens outputTokens totalTokens }\n        startedAt\n      }\n    }\n  }\n": types.ConvTurnDocument,
    "\n  query ConvMessage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Message { id role text }\n    }\n  }\n": types.ConvMessageDocument,
    "\n  query ConvExport($id: ID!) {\n    exportSession(id: $id)\n  }\n": types.ConvExportDocument,
    "\n  mutation ConvImport($messages: JSON!, $title: String, $key: String, $metadata: JSON) {\n    importSession(input: { messages: $messages, title: $title, key: $key, metadata: $metadata }) {\n      session { id title key metadata messageCount state lastMessage { role text } }\n    }\n  }\n": types.ConvImportDocument,
    "\n  query ConvSessionCount {\n    sessions(first: 1) { totalCount }\n  }\n": types.ConvSessionCountDocument,
    "\n  query ConvUsage($since: DateTime, $until: DateTime) {\n    usage(since: $since, until: $until) { inputTokens outputTokens totalTokens turns }\n  }\n": types.ConvUsageDocument,
    "\n  query ConvUsageSessionCount {\n    sessions(first: 1) { totalCount }\n  }\n": types.ConvUsageSessionCountDocument,
    "\n  query EcoSessionByKey($key: String!) {\n    session(key: $key) {\n      id\n      messageCount\n      messages(last: 20) {\n        edges {\n          node {\n            id\n            role\n            text\n            siblings {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n": types.EcoSessionByKeyDocument,
    "\n  query EcoViewer {\n    viewer {\n      id\n      name\n    }\n  }\n": types.EcoViewerDocument,
    "\n      mutation EcoSend($sessionId: ID!) {\n        sendMessage(input: { sessionId: $sessionId, text: \"hello\" }) {\n          turn {\n            id\n          }\n        }\n      }\n    ": types.EcoSendDocument,
    "\n  mutation EcoTracedSend($text: String!) {\n    sendMessage(input: { text: $text }) {\n      session {\n        id\n      }\n      turn {\n        id\n      }\n    }\n  }\n": types.EcoTracedSendDocument,
    "\n      query EcoTracedViewer {\n        viewer {\n          id\n        }\n      }\n    ": types.EcoTracedViewerDocument,
    "\n  query CrashTestSession($id: ID!) {\n    session(id: $id) {\n      state lastEventSeq activeTurn { id }\n      messages { edges { node { role text turn { id status } } } }\n    }\n  }\n": types.CrashTestSessionDocument,
    "\n  query CrashTestTurn($id: ID!) {\n    node(id: $id) {\n      ... on Turn { status finishReason error { code message } assistantMessage { role text } }\n    }\n  }\n": types.CrashTestTurnDocument,
    "\n  mutation LimitsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { session { id state createdAt expiresAt } }\n  }\n": types.LimitsCreateSessionDocument,
    "\n  mutation LimitsRenewSession($id: ID!) {\n    renewSession(input: { id: $id }) { session { id state expiresAt } }\n  }\n": types.LimitsRenewSessionDocument,
    "\n  query LimitsSession($id: ID!) {\n    session(id: $id) {\n      state expiresAt activeTurn { id status }\n      messages(last: 1) { edges { node { role parts { ... on ToolPart { toolCallId toolName state } } } } }\n    }\n  }\n": types.LimitsSessionDocument,
    "\n  query MultiProcessSession($id: ID!) {\n    session(id: $id) {\n      state activeTurn { id }\n      messages(last: 1) { edges { node { role text turn { status } } } }\n    }\n  }\n": types.MultiProcessSessionDocument,
    "\n  query MultiProcessHealth {\n    health { status pubsubKind databaseKind }\n  }\n": types.MultiProcessHealthDocument,
    "\n  subscription TestSessionEvents($id: ID!, $after: Int) {\n    sessionEvents(sessionId: $id, afterSeq: $after) {\n      __typename\n      seq\n      sessionId\n      turnId\n      at\n      ... on TurnStarted {\n        turn {\n          id\n          status\n        }\n        userMessage {\n          id\n          role\n          text\n        }\n      }\n      ... on TextDelta {\n        delta\n        messageId\n      }\n      ... on ToolCallStarted {\n        toolCallId\n        toolName\n      }\n      ... on ToolCalled {\n        toolCallId\n        toolName\n        input\n      }\n      ... on ToolResulted {\n        toolCallId\n        toolName\n        output\n      }\n      ... on ToolFailed {\n        toolCallId\n        toolName\n        errorText\n      }\n      ... on ApprovalRequested {\n        toolCallId\n        toolName\n        input\n      }\n      ... on StepFinished {\n        step\n        finishReason\n        usage {\n          inputTokens\n          outputTokens\n          totalTokens\n        }\n      }\n      ... on TurnFinished {\n        turn {\n          ...TestTurn\n        }\n        message {\n          id\n          role\n          text\n          parts {\n            __typename\n            ... on ToolPart {\n              toolCallId\n              state\n              input\n            }\n          }\n        }\n      }\n      ... on TurnFailed {\n        turn {\n          ...TestTurn\n        }\n        error {\n          code\n          message\n        }\n      }\n      ... on TurnCancelled {\n        turn {\n          ...TestTurn\n        }\n        message {\n          id\n          text\n        }\n      }\n      ... on MessageAppended {\n        message {\n          text\n        }\n      }\n      ... on SessionUpdated {\n        session {\n          id\n          title\n          state\n          expiresAt\n        }\n      }\n      ... on SessionExpiring {\n        expiresAt\n      }\n    }\n  }\n": types.TestSessionEventsDocument,
    "\n  fragment TestTurn on Turn {\n    id\n    status\n    finishReason\n    model\n    startedAt\n    finishedAt\n    usage {\n      inputTokens\n      outputTokens\n      totalTokens\n    }\n    error {\n      code\n      message\n    }\n    assistantMessage {\n      id\n      text\n    }\n  }\n": types.TestTurnFragmentDoc,
    "\n  subscription TestSessionsChanged {\n    sessionsChanged {\n      kind\n      sessionId\n      session {\n        id\n        title\n        state\n      }\n    }\n  }\n": types.TestSessionsChangedDocument,
    "\n  mutation TestSendMessage($id: ID, $text: String!, $cmid: String) {\n    sendMessage(input: { sessionId: $id, text: $text, clientMessageId: $cmid }) {\n      session {\n        id\n        state\n        messageCount\n        expiresAt\n      }\n      userMessage {\n        id\n        text\n      }\n      turn {\n        id\n        status\n      }\n    }\n  }\n": types.TestSendMessageDocument,
    "\n  mutation TestStopTurn($id: ID!) {\n    stopTurn(input: { sessionId: $id }) {\n      turn {\n        ...TestTurn\n      }\n    }\n  }\n": types.TestStopTurnDocument,
    "\n  mutation TestAppendMessage($id: ID!, $text: String!) {\n    appendMessage(input: { sessionId: $id, text: $text }) {\n      message {\n        id\n      }\n      session {\n        expiresAt\n      }\n    }\n  }\n": types.TestAppendMessageDocument,
    "\n  query TestViewer {\n    viewer {\n      id\n      name\n    }\n  }\n": types.TestViewerDocument,
    "\n  query TestAgents {\n    agents {\n      id\n      name\n      isDefault\n    }\n  }\n": types.TestAgentsDocument,
    "\n  query TestSessionsCount {\n    sessions {\n      totalCount\n    }\n  }\n": types.TestSessionsCountDocument,
    "\n  query TestFirstSession {\n    sessions(first: 1) {\n      edges {\n        cursor\n        node {\n          id\n          title\n        }\n      }\n    }\n  }\n": types.TestFirstSessionDocument,
    "\n  query MemorySource($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Memory { id text sourceSession { id } }\n    }\n  }\n": types.MemorySourceDocument,
    "\n  query ApprovalTestState($session: ID!, $turn: ID!) {\n    session(id: $session) { state activeTurn { id status } }\n    node(id: $turn) { ... on Turn { id status finishedAt } }\n  }\n": types.ApprovalTestStateDocument,
    "\n  query ApprovalTestMessages($id: ID!) {\n    session(id: $id) {\n      state messageCount lastMessage { text }\n      messages(first: 50) { edges { node {\n        role text\n        parts {\n          __typename\n          ... on TextPart { text }\n          ... on StepStartPart { step }\n          ... on ToolPart { toolCallId toolName state input output errorText }\n        }\n      } } }\n    }\n  }\n": types.ApprovalTestMessagesDocument,
    "\n  query ControlTestSession($id: ID!) {\n    session(id: $id) {\n      id state messageCount\n      activeTurn { id }\n      lastMessage { id role text }\n      messages(first: 50) { edges { node { id role text turn { id status } } } }\n    }\n  }\n": types.ControlTestSessionDocument,
    "\n        query ControlSessionsList {\n          sessions { totalCount edges { node { id messageCount state } } }\n        }\n      ": types.ControlSessionsListDocument,
    "\n  query TurnTestSession($id: ID!) {\n    session(id: $id) {\n      id title state messageCount\n      activeTurn { id }\n      lastMessage { id role text }\n      messages(first: 50) {\n        edges { node {\n          id role text\n          turn { id }\n          parts {\n            __typename\n            ... on TextPart { text }\n            ... on StepStartPart { step }\n            ... on ToolPart { toolCallId toolName state input output errorText }\n          }\n        } }\n      }\n    }\n  }\n": types.TurnTestSessionDocument,
    "\n  query WsSession($id: ID!) {\n    session(id: $id) {\n      id title status\n      createdBy { name }\n      participants { kind user { name } agent { name } }\n      messages(first: 10) { edges { node { role text author { name } } } }\n    }\n  }\n": types.WsSessionDocument,
    "\n  mutation WsRename($id: ID!, $title: String!) {\n    renameSession(input: { id: $id, title: $title }) { session { title } }\n  }\n": types.WsRenameDocument,
    "\n  mutation WsSetStatus($id: ID!, $status: SessionStatus) {\n    updateSession(input: { id: $id, status: $status }) { session { status } }\n  }\n": types.WsSetStatusDocument,
    "\n  query WsAgents {\n    agents { id name avatarUrl }\n  }\n": types.WsAgentsDocument,
    "\n  mutation WsSwitchAgent($id: ID!, $agentId: ID!) {\n    updateSession(input: { id: $id, agentId: $agentId }) { session { id } }\n  }\n": types.WsSwitchAgentDocument,
    "\n  mutation WsDelete($id: ID!) {\n    deleteSession(input: { id: $id }) { deletedSessionId }\n  }\n": types.WsDeleteDocument,
    "\n  mutation WsResume($id: ID!) {\n    resumeSession(input: { id: $id }) { session { status } }\n  }\n": types.WsResumeDocument,
    "\n  mutation WsMove($id: ID!, $projectId: ID) {\n    updateSession(input: { id: $id, projectId: $projectId }) { session { project { slug } } }\n  }\n": types.WsMoveDocument,
    "\n  mutation WsRenameProject($id: ID!, $name: String!) {\n    renameProject(input: { id: $id, name: $name }) { project { name slug } }\n  }\n": types.WsRenameProjectDocument,
    "\n  mutation WsDeleteProject($id: ID!, $deleteSessions: Boolean) {\n    deleteProject(input: { id: $id, deleteSessions: $deleteSessions }) { deletedProjectId }\n  }\n": types.WsDeleteProjectDocument,
    "\n  query WsProjectSessions($id: ID!) {\n    node(id: $id) {\n      ... on Project {\n        name sessionCount\n        sessions(first: 10) { totalCount edges { node { title } } }\n      }\n    }\n  }\n": types.WsProjectSessionsDocument,
    "\n  query WsProjects($workspaceId: ID) {\n    projects(workspaceId: $workspaceId, first: 10) { edges { node { slug sessionCount } } }\n  }\n": types.WsProjectsDocument,
    "\n      query WsPagingSql($first: Int, $workspaceId: ID) {\n        sessions(first: $first, filter: { workspaceId: $workspaceId }) {\n          totalCount\n          edges {\n            node {\n              title status\n              workspace { name role }\n              project { slug sessionCount }\n              createdBy { name }\n              participants { kind user { name } agent { name avatarUrl } }\n              lastMessage { text author { name } }\n            }\n          }\n        }\n      }\n    ": types.WsPagingSqlDocument,
    "\n  query WsMyWorkspaces {\n    workspaces(first: 10) { edges { node { id name role personal } } }\n  }\n": types.WsMyWorkspacesDocument,
    "\n  mutation WsCreateWorkspace($name: String!) {\n    createWorkspace(input: { name: $name }) { workspace { id name role personal } }\n  }\n": types.WsCreateWorkspaceDocument,
    "\n  mutation WsAddMember($workspaceId: ID!, $userId: ID!, $role: WorkspaceRole) {\n    addWorkspaceMember(input: { workspaceId: $workspaceId, userId: $userId, role: $role }) {\n      workspace { id members(first: 10) { edges { node { role user { id name } } } } }\n    }\n  }\n": types.WsAddMemberDocument,
    "\n  mutation WsRemoveMember($workspaceId: ID!, $userId: ID!) {\n    removeWorkspaceMember(input: { workspaceId: $workspaceId, userId: $userId }) {\n      workspace { id }\n    }\n  }\n": types.WsRemoveMemberDocument,
    "\n  mutation WsCreateSession($workspaceId: ID, $projectId: ID, $title: String, $status: SessionStatus) {\n    createSession(input: { workspaceId: $workspaceId, projectId: $projectId, title: $title, status: $status }) {\n      session {\n        id title status\n        workspace { id }\n        project { id slug }\n        createdBy { id name }\n        participants { kind user { name } agent { name } }\n      }\n    }\n  }\n": types.WsCreateSessionDocument,
    "\n  mutation WsCreateProject($workspaceId: ID!, $name: String!, $slug: String!) {\n    createProject(input: { workspaceId: $workspaceId, name: $name, slug: $slug }) {\n      project { id name slug sessionCount workspace { id } }\n    }\n  }\n": types.WsCreateProjectDocument,
    "\n  query WsSessions($filter: SessionFilter, $first: Int) {\n    sessions(first: $first, filter: $filter) {\n      totalCount\n      edges { node { id title status project { slug } createdBy { name } } }\n    }\n  }\n": types.WsSessionsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ChatTransportSession on Session {\n  id\n  lastEventSeq\n  activeTurn {\n    id\n  }\n  lastMessage {\n    id\n    role\n  }\n}\n\nquery ChatTransportSessionById($id: ID!) {\n  session(id: $id) {\n    ...ChatTransportSession\n  }\n}\n\nquery ChatTransportSessionByKey($key: String!) {\n  session(key: $key) {\n    ...ChatTransportSession\n  }\n}\n\nmutation ChatTransportOpenSession($key: String!) {\n  createSession(input: {key: $key, ifKeyExists: RETURN}) {\n    session {\n      ...ChatTransportSession\n    }\n  }\n}\n\nmutation ChatTransportSend($sessionId: ID!, $text: String!, $clientMessageId: String) {\n  sendMessage(\n    input: {sessionId: $sessionId, text: $text, clientMessageId: $clientMessageId}\n  ) {\n    turn {\n      id\n    }\n  }\n}\n\nmutation ChatTransportRegenerate($messageId: ID!) {\n  regenerate(input: {messageId: $messageId}) {\n    turn {\n      id\n    }\n  }\n}\n\nquery ChatTransportAnswer($id: ID!) {\n  node(id: $id) {\n    __typename\n    ... on Turn {\n      assistantMessage {\n        id\n      }\n    }\n    ... on Message {\n      id\n      turn {\n        id\n      }\n    }\n  }\n}\n\nmutation ChatTransportApprove($turnId: ID!, $toolCallId: String!, $approved: Boolean!, $reason: String) {\n  respondToApproval(\n    input: {turnId: $turnId, toolCallId: $toolCallId, approved: $approved, reason: $reason}\n  ) {\n    turn {\n      id\n    }\n  }\n}\n\nsubscription ChatTransportEvents($sessionId: ID!, $afterSeq: Int) {\n  sessionEvents(sessionId: $sessionId, afterSeq: $afterSeq) {\n    __typename\n    seq\n    turnId\n    ... on TextDelta {\n      delta\n    }\n    ... on ReasoningDelta {\n      delta\n    }\n    ... on ToolCallStarted {\n      toolCallId\n      toolName\n    }\n    ... on ToolCalled {\n      toolCallId\n      toolName\n      input\n    }\n    ... on ToolResulted {\n      toolCallId\n      output\n    }\n    ... on ToolFailed {\n      toolCallId\n      errorText\n    }\n    ... on ApprovalRequested {\n      toolCallId\n    }\n    ... on TurnFinished {\n      turn {\n        finishReason\n      }\n    }\n    ... on TurnFailed {\n      error {\n        message\n      }\n    }\n  }\n}"): typeof import('./graphql.js').ChatTransportSessionFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SendMessage($sessionId: ID, $text: String!, $clientMessageId: String) {\n  sendMessage(\n    input: {sessionId: $sessionId, text: $text, clientMessageId: $clientMessageId}\n  ) {\n    session {\n      id\n      title\n    }\n    userMessage {\n      id\n      text\n    }\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation StopTurn($sessionId: ID!) {\n  stopTurn(input: {sessionId: $sessionId}) {\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation RespondToApproval($turnId: ID!, $toolCallId: String!, $approved: Boolean!, $reason: String) {\n  respondToApproval(\n    input: {turnId: $turnId, toolCallId: $toolCallId, approved: $approved, reason: $reason}\n  ) {\n    turn {\n      id\n      status\n    }\n  }\n}\n\nsubscription SessionEvents($sessionId: ID!, $afterSeq: Int) {\n  sessionEvents(sessionId: $sessionId, afterSeq: $afterSeq) {\n    __typename\n    seq\n    sessionId\n    turnId\n    at\n    ... on TurnStarted {\n      turn {\n        id\n        status\n      }\n      userMessage {\n        ...MessageFields\n      }\n    }\n    ... on TextDelta {\n      messageId\n      delta\n    }\n    ... on ReasoningDelta {\n      messageId\n      delta\n    }\n    ... on ToolCallStarted {\n      toolCallId\n      toolName\n    }\n    ... on ToolCalled {\n      toolCallId\n      toolName\n      input\n    }\n    ... on ToolResulted {\n      toolCallId\n      toolName\n      output\n    }\n    ... on ToolFailed {\n      toolCallId\n      toolName\n      errorText\n    }\n    ... on ApprovalRequested {\n      toolCallId\n      toolName\n      input\n    }\n    ... on StepFinished {\n      step\n      finishReason\n      usage {\n        inputTokens\n        outputTokens\n        totalTokens\n      }\n    }\n    ... on TurnFinished {\n      turn {\n        id\n        status\n        usage {\n          totalTokens\n        }\n      }\n      message {\n        ...MessageFields\n      }\n    }\n    ... on TurnFailed {\n      turn {\n        id\n        status\n        assistantMessage {\n          ...MessageFields\n        }\n      }\n      error {\n        code\n        message\n      }\n    }\n    ... on TurnCancelled {\n      turn {\n        id\n        status\n      }\n      message {\n        ...MessageFields\n      }\n    }\n    ... on MessageAppended {\n      message {\n        ...MessageFields\n      }\n    }\n    ... on SessionUpdated {\n      session {\n        ...SessionSummary\n      }\n    }\n    ... on SessionExpiring {\n      expiresAt\n    }\n    ... on BranchSwitched {\n      leafMessageId\n    }\n  }\n}\n\nsubscription SessionsChanged {\n  sessionsChanged {\n    kind\n    sessionId\n    at\n    session {\n      ...SessionSummary\n    }\n  }\n}\n\nmutation SendMessageByKey($sessionKey: String!, $text: String!, $agentId: ID, $ifBusy: IfBusy) {\n  sendMessage(\n    input: {sessionKey: $sessionKey, text: $text, agentId: $agentId, ifBusy: $ifBusy}\n  ) {\n    session {\n      id\n      key\n      agent {\n        id\n      }\n    }\n    userMessage {\n      id\n      text\n    }\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation EditMessage($messageId: ID!, $text: String!) {\n  editMessage(input: {messageId: $messageId, text: $text}) {\n    userMessage {\n      id\n    }\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation Regenerate($messageId: ID!) {\n  regenerate(input: {messageId: $messageId}) {\n    turn {\n      id\n      status\n    }\n  }\n}\n\nmutation SwitchBranch($messageId: ID!) {\n  switchBranch(input: {messageId: $messageId}) {\n    session {\n      id\n      lastEventSeq\n    }\n  }\n}"): typeof import('./graphql.js').SendMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment MessageFields on Message {\n  id\n  role\n  text\n  createdAt\n  parentId\n  siblings {\n    id\n  }\n  turn {\n    id\n    status\n  }\n  parts {\n    __typename\n    ... on TextPart {\n      text\n    }\n    ... on ReasoningPart {\n      text\n    }\n    ... on ToolPart {\n      toolCallId\n      toolName\n      state\n      input\n      output\n      errorText\n    }\n    ... on StepStartPart {\n      step\n    }\n  }\n}\n\nfragment SessionSummary on Session {\n  id\n  key\n  title\n  state\n  workspace {\n    id\n  }\n  project {\n    id\n  }\n  archived\n  messageCount\n  updatedAt\n  agent {\n    id\n    name\n  }\n  lastMessage {\n    id\n    role\n    text\n  }\n}"): typeof import('./graphql.js').MessageFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Memories($first: Int, $after: String) {\n  viewer {\n    id\n    settings {\n      memoryEnabled\n    }\n  }\n  memories(first: $first, after: $after) {\n    edges {\n      cursor\n      node {\n        id\n        text\n        createdAt\n        sourceSession {\n          id\n          title\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nmutation DeleteMemory($id: ID!) {\n  deleteMemory(input: {id: $id}) {\n    deletedMemoryId\n  }\n}\n\nmutation ClearMemories {\n  clearMemories {\n    deletedCount\n  }\n}\n\nmutation UpdateViewerSettings($memoryEnabled: Boolean) {\n  updateViewerSettings(input: {memoryEnabled: $memoryEnabled}) {\n    viewer {\n      id\n      settings {\n        memoryEnabled\n      }\n    }\n  }\n}"): typeof import('./graphql.js').MemoriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SessionsPage($first: Int, $after: String, $filter: SessionFilter) {\n  sessions(first: $first, after: $after, filter: $filter) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...SessionSummary\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery SessionWithMessages($id: ID!, $last: Int, $before: String) {\n  session(id: $id) {\n    ...SessionSummary\n    lastEventSeq\n    activeTurn {\n      id\n      status\n    }\n    messages(last: $last, before: $before) {\n      edges {\n        node {\n          ...MessageFields\n        }\n      }\n      pageInfo {\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n}\n\nmutation CreateSession($input: CreateSessionInput!) {\n  createSession(input: $input) {\n    created\n    session {\n      ...SessionSummary\n    }\n  }\n}\n\nmutation RenameSession($id: ID!, $title: String!) {\n  renameSession(input: {id: $id, title: $title}) {\n    session {\n      ...SessionSummary\n    }\n  }\n}\n\nmutation DeleteSession($id: ID!) {\n  deleteSession(input: {id: $id}) {\n    deletedSessionId\n  }\n}\n\nmutation DeleteSessionByKey($key: String!) {\n  deleteSession(input: {key: $key}) {\n    deletedSessionId\n  }\n}"): typeof import('./graphql.js').SessionsPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SidebarWorkspaces {\n  workspaces(first: 10) {\n    edges {\n      node {\n        id\n        name\n        personal\n        projects(first: 20) {\n          edges {\n            node {\n              id\n              name\n              slug\n            }\n          }\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql.js').SidebarWorkspacesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MessagesAppend($input: AppendMessageInput!) {\n    appendMessage(input: $input) {\n      message { id role text createdAt turn { id } parts { __typename ... on TextPart { text } } }\n      session { id updatedAt messageCount expiresAt lastMessage { id text } }\n    }\n  }\n"): typeof import('./graphql.js').MessagesAppendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessagesPage($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {\n    session(id: $id) {\n      messages(first: $first, after: $after, last: $last, before: $before) {\n        edges { cursor node { id } }\n        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n      }\n    }\n  }\n"): typeof import('./graphql.js').MessagesPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessagesNode($id: ID!) {\n    node(id: $id) {\n      __typename id\n      ... on Session { title }\n      ... on Message { role text }\n      ... on Turn { status userMessage { id } assistantMessage { id } }\n      ... on Agent { name isDefault }\n      ... on User { name }\n    }\n  }\n"): typeof import('./graphql.js').MessagesNodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MessagesNewSession($input: CreateSessionInput!) {\n    createSession(input: $input) { session { id updatedAt expiresAt } }\n  }\n"): typeof import('./graphql.js').MessagesNewSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessagesSessionId($id: ID) {\n    session(id: $id) { id }\n  }\n"): typeof import('./graphql.js').MessagesSessionIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query MessagesCountAndLast($id: ID!) {\n          session(id: $id) { messageCount lastMessage { role text } }\n        }\n      "): typeof import('./graphql.js').MessagesCountAndLastDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query MessagesCount($id: ID!) {\n          session(id: $id) { messageCount }\n        }\n      "): typeof import('./graphql.js').MessagesCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query MessagesFirstThree($id: ID!) {\n          session(id: $id) { messages(first: 3) { edges { node { text role } } } }\n        }\n      "): typeof import('./graphql.js').MessagesFirstThreeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query MessagesTurnParts($id: ID!) { session(id: $id) { messageCount messages { edges { node {\n          role text turn { id status }\n          parts {\n            __typename\n            ... on TextPart { text }\n            ... on ReasoningPart { text }\n            ... on StepStartPart { step }\n            ... on ToolPart { toolCallId toolName state input output errorText }\n          }\n        } } } } }\n      "): typeof import('./graphql.js').MessagesTurnPartsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query MessagesById($id: ID) {\n          session(id: $id) { id key title }\n        }\n      "): typeof import('./graphql.js').MessagesByIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query MessagesByKey {\n          session(key: \"lookup-1\") { id key title }\n        }\n      "): typeof import('./graphql.js').MessagesByKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query MessagesNeitherIdNorKey {\n          session { id }\n        }\n      "): typeof import('./graphql.js').MessagesNeitherIdNorKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query MessagesIdAndKey($id: ID) {\n          session(id: $id, key: \"k\") { id }\n        }\n      "): typeof import('./graphql.js').MessagesIdAndKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query MessagesNullIdAndKey {\n          session(id: null, key: null) { id }\n        }\n      "): typeof import('./graphql.js').MessagesNullIdAndKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query MessagesNoSuchKey {\n          session(key: \"no-such-key\") { id }\n        }\n      "): typeof import('./graphql.js').MessagesNoSuchKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query MetricsProbe {\n        viewer { id }\n      }\n    "): typeof import('./graphql.js').MetricsProbeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OwnershipNode($id: ID!) {\n    node(id: $id) { __typename id }\n  }\n"): typeof import('./graphql.js').OwnershipNodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OwnershipRespond($turn: ID!) {\n    respondToApproval(input: { turnId: $turn, toolCallId: \"c1\", approved: true }) { turn { id } }\n  }\n"): typeof import('./graphql.js').OwnershipRespondDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query OwnershipSession($id: ID) {\n        session(id: $id) { id title }\n      }\n    "): typeof import('./graphql.js').OwnershipSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query OwnershipSessionByKey($key: String) {\n        session(key: $key) { id }\n      }\n    "): typeof import('./graphql.js').OwnershipSessionByKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query OwnershipMessages($id: ID) {\n        session(id: $id) { messages { edges { node { id } } } }\n      }\n    "): typeof import('./graphql.js').OwnershipMessagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation OwnershipRename($id: ID!) {\n        renameSession(input: { id: $id, title: \"Renamed\" }) { session { id title } }\n      }\n    "): typeof import('./graphql.js').OwnershipRenameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation OwnershipUpdate($input: UpdateSessionInput!) {\n        updateSession(input: $input) { session { id title archived metadata } }\n      }\n    "): typeof import('./graphql.js').OwnershipUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation OwnershipDeleteMany($ids: [ID!]!) {\n        deleteSessions(input: { ids: $ids }) { deletedSessionIds }\n      }\n    "): typeof import('./graphql.js').OwnershipDeleteManyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation OwnershipRenew($id: ID!) {\n        renewSession(input: { id: $id }) { session { id expiresAt } }\n      }\n    "): typeof import('./graphql.js').OwnershipRenewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation OwnershipAppend($id: ID!) {\n        appendMessage(input: { sessionId: $id, text: \"appended\" }) {\n          message { text }\n          session { id messageCount }\n        }\n      }\n    "): typeof import('./graphql.js').OwnershipAppendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation OwnershipSend($id: ID!) {\n        sendMessage(input: { sessionId: $id, text: \"hello\" }) {\n          session { id }\n          userMessage { text }\n          turn { status }\n        }\n      }\n    "): typeof import('./graphql.js').OwnershipSendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation OwnershipStop($id: ID!) {\n        stopTurn(input: { sessionId: $id }) { turn { id } }\n      }\n    "): typeof import('./graphql.js').OwnershipStopDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query OwnershipSessionsList($filter: SessionFilter) {\n        sessions(first: 100, filter: $filter) { totalCount edges { node { id title } } }\n      }\n    "): typeof import('./graphql.js').OwnershipSessionsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation OwnershipOtherCreate {\n        createSession(input: { title: \"x\" }) { session { id } }\n      }\n    "): typeof import('./graphql.js').OwnershipOtherCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation OwnershipOtherSend {\n        sendMessage(input: { text: \"new session\" }) { turn { id } }\n      }\n    "): typeof import('./graphql.js').OwnershipOtherSendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query OwnershipAgentNode($agent: ID!) {\n        node(id: $agent) { id }\n      }\n    "): typeof import('./graphql.js').OwnershipAgentNodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query OwnershipHealth {\n        health { status database pubsub databaseKind pubsubKind model }\n      }\n    "): typeof import('./graphql.js').OwnershipHealthDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionKeysByKey($key: String!) {\n    session(key: $key) { id key messageCount agent { id } }\n  }\n"): typeof import('./graphql.js').SessionKeysByKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionKeysWithPrefix($prefix: String!) {\n    sessions(first: 100, filter: { keyPrefix: $prefix }) { totalCount edges { node { id key } } }\n  }\n"): typeof import('./graphql.js').SessionKeysWithPrefixDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionKeysAgents {\n    agents { id name }\n  }\n"): typeof import('./graphql.js').SessionKeysAgentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionKeysDelete($id: ID, $key: String) {\n    deleteSession(input: { id: $id, key: $key }) { deletedSessionId }\n  }\n"): typeof import('./graphql.js').SessionKeysDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionKeysSend($id: ID, $key: String, $text: String!) {\n    sendMessage(input: { sessionId: $id, sessionKey: $key, text: $text }) { session { id } }\n  }\n"): typeof import('./graphql.js').SessionKeysSendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionKeysState($key: String!) {\n    session(key: $key) { id state messageCount }\n  }\n"): typeof import('./graphql.js').SessionKeysStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MutationsSessionFields on Session {\n    id key title metadata archived state messageCount createdAt updatedAt expiresAt\n    agent { id isDefault }\n    lastMessage { id }\n    timeout { timeoutMinutes autoRenew maxDurationMinutes warningThresholdMinutes }\n  }\n"): typeof import('./graphql.js').MutationsSessionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MutationsCreate($input: CreateSessionInput!) {\n    createSession(input: $input) { created session { ...MutationsSessionFields } }\n  }\n"): typeof import('./graphql.js').MutationsCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MutationsRename($id: ID!, $title: String!) {\n    renameSession(input: { id: $id, title: $title }) { session { ...MutationsSessionFields } }\n  }\n"): typeof import('./graphql.js').MutationsRenameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MutationsUpdate($input: UpdateSessionInput!) {\n    updateSession(input: $input) { session { ...MutationsSessionFields } }\n  }\n"): typeof import('./graphql.js').MutationsUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MutationsDeleteMany($ids: [ID!]!) {\n    deleteSessions(input: { ids: $ids }) { deletedSessionIds }\n  }\n"): typeof import('./graphql.js').MutationsDeleteManyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MutationsRenew($id: ID!) {\n    renewSession(input: { id: $id }) { session { ...MutationsSessionFields } }\n  }\n"): typeof import('./graphql.js').MutationsRenewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MutationsGet($id: ID!) {\n    session(id: $id) { ...MutationsSessionFields }\n  }\n"): typeof import('./graphql.js').MutationsGetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MutationsCount {\n    sessions(filter: { archived: null }) { totalCount }\n  }\n"): typeof import('./graphql.js').MutationsCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MutationsByKey {\n    session(key: \"dup\") { id title }\n  }\n"): typeof import('./graphql.js').MutationsByKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MutationsListed {\n    sessions(first: 100) { edges { node { id } } }\n  }\n"): typeof import('./graphql.js').MutationsListedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PagingSessions($first: Int, $after: String, $last: Int, $before: String,\n                       $filter: SessionFilter, $orderBy: SessionOrder) {\n    sessions(first: $first, after: $after, last: $last, before: $before,\n             filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges { cursor node { id } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): typeof import('./graphql.js').PagingSessionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query PagingAllUpdatedAt {\n          sessions(first: 100) { edges { node { id updatedAt } } }\n        }\n      "): typeof import('./graphql.js').PagingAllUpdatedAtDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query PagingMessageCursors($id: ID!) {\n          session(id: $id) { messages { edges { cursor } } }\n        }\n      "): typeof import('./graphql.js').PagingMessageCursorsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query PagingFilter($filter: SessionFilter) {\n          sessions(first: 100, filter: $filter) { totalCount edges { node { id title } } }\n        }\n      "): typeof import('./graphql.js').PagingFilterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation PagingArchive($id: ID!) {\n          updateSession(input: { id: $id, archived: true }) { session { id } }\n        }\n      "): typeof import('./graphql.js').PagingArchiveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query PagingSqlPage($first: Int) {\n        sessions(first: $first) {\n          totalCount\n          edges { node { title messageCount lastMessage { text } agent { name } } }\n        }\n      }\n    "): typeof import('./graphql.js').PagingSqlPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebBranchSession($id: ID!) {\n    session(id: $id) {\n      title state\n      messages(last: 10) { edges { node { id role text siblings { id } } } }\n    }\n  }\n"): typeof import('./graphql.js').WebBranchSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebTestSession($id: ID!) {\n    session(id: $id) {\n      state lastEventSeq\n      messages(last: 10) { edges { node { role text turn { status } } } }\n    }\n  }\n"): typeof import('./graphql.js').WebTestSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query WebTestViewerName {\n        viewer { name }\n      }\n    "): typeof import('./graphql.js').WebTestViewerNameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation WireSendMessage {\n          sendMessage(input: { text: \"find me running shoes under $120\" }) {\n            session { id }\n            turn { id model }\n          }\n        }\n      "): typeof import('./graphql.js').WireSendMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvSearch(\n    $query: String!\n    $first: Int\n    $after: String\n    $last: Int\n    $before: String\n    $filter: MessageSearchFilter\n  ) {\n    searchMessages(\n      query: $query\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      filter: $filter\n    ) {\n      edges {\n        cursor\n        snippet\n        rank\n        node { id role text }\n        session { id title }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql.js').ConvSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvAppend($id: ID!, $text: String!, $role: MessageRole) {\n    appendMessage(input: { sessionId: $id, text: $text, role: $role }) {\n      message { id }\n    }\n  }\n"): typeof import('./graphql.js').ConvAppendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvSearchMove($id: ID!, $projectId: ID) {\n    updateSession(input: { id: $id, projectId: $projectId }) { session { id } }\n  }\n"): typeof import('./graphql.js').ConvSearchMoveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvSearchDelete($id: ID!) {\n    deleteSession(input: { id: $id }) { deletedSessionId }\n  }\n"): typeof import('./graphql.js').ConvSearchDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConvEvents($id: ID!, $after: Int) {\n    sessionEvents(sessionId: $id, afterSeq: $after) {\n      __typename\n      seq\n      turnId\n      ... on TurnStarted {\n        turn { id status }\n        userMessage { id role text parentId }\n      }\n      ... on TurnQueued {\n        turn { id status userMessage { id text } }\n      }\n      ... on QueuedTurnCancelled {\n        turn { id status }\n      }\n      ... on BranchSwitched {\n        leafMessageId\n      }\n      ... on TextDelta {\n        delta\n        messageId\n      }\n      ... on ReasoningDelta {\n        delta\n      }\n      ... on TurnFinished {\n        turn { id status usage { inputTokens outputTokens totalTokens } }\n        message { id role text parentId }\n      }\n      ... on TurnCancelled {\n        turn { id status }\n        message { id role text parentId }\n      }\n      ... on TurnFailed {\n        turn { id status }\n        error { code message }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConvEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvSession($id: ID!) {\n    session(id: $id) {\n      id title state messageCount lastEventSeq\n      activeTurn { id }\n      lastMessage { id role text }\n      usage { inputTokens outputTokens totalTokens turns }\n      messages(first: 100) {\n        edges {\n          node {\n            id role text parentId\n            siblings { id role text }\n            turn { id status }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConvSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvSend($id: ID, $text: String!, $ifBusy: IfBusy) {\n    sendMessage(input: { sessionId: $id, text: $text, ifBusy: $ifBusy }) {\n      session { id state }\n      userMessage { id role text parentId }\n      turn { id status userMessage { id } }\n    }\n  }\n"): typeof import('./graphql.js').ConvSendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvEdit($messageId: ID!, $text: String!) {\n    editMessage(input: { messageId: $messageId, text: $text }) {\n      session { id state }\n      userMessage { id role text parentId }\n      turn { id status userMessage { id } }\n    }\n  }\n"): typeof import('./graphql.js').ConvEditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvRegenerate($messageId: ID!) {\n    regenerate(input: { messageId: $messageId }) {\n      session { id state }\n      turn { id status userMessage { id role text } }\n    }\n  }\n"): typeof import('./graphql.js').ConvRegenerateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvSwitch($messageId: ID!) {\n    switchBranch(input: { messageId: $messageId }) {\n      session { id messageCount lastMessage { id } }\n    }\n  }\n"): typeof import('./graphql.js').ConvSwitchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvFork($messageId: ID!, $title: String) {\n    forkSession(input: { messageId: $messageId, title: $title }) {\n      session { id title messageCount lastMessage { id text } }\n    }\n  }\n"): typeof import('./graphql.js').ConvForkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvStop($id: ID!, $turnId: ID) {\n    stopTurn(input: { sessionId: $id, turnId: $turnId }) {\n      turn { id status finishReason assistantMessage { id text } }\n    }\n  }\n"): typeof import('./graphql.js').ConvStopDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvTurn($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Turn {\n        id status\n        userMessage { id text }\n        assistantMessage { id text }\n        usage { inputTokens outputTokens totalTokens }\n        startedAt\n      }\n    }\n  }\n"): typeof import('./graphql.js').ConvTurnDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvMessage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Message { id role text }\n    }\n  }\n"): typeof import('./graphql.js').ConvMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvExport($id: ID!) {\n    exportSession(id: $id)\n  }\n"): typeof import('./graphql.js').ConvExportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConvImport($messages: JSON!, $title: String, $key: String, $metadata: JSON) {\n    importSession(input: { messages: $messages, title: $title, key: $key, metadata: $metadata }) {\n      session { id title key metadata messageCount state lastMessage { role text } }\n    }\n  }\n"): typeof import('./graphql.js').ConvImportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvSessionCount {\n    sessions(first: 1) { totalCount }\n  }\n"): typeof import('./graphql.js').ConvSessionCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvUsage($since: DateTime, $until: DateTime) {\n    usage(since: $since, until: $until) { inputTokens outputTokens totalTokens turns }\n  }\n"): typeof import('./graphql.js').ConvUsageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConvUsageSessionCount {\n    sessions(first: 1) { totalCount }\n  }\n"): typeof import('./graphql.js').ConvUsageSessionCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EcoSessionByKey($key: String!) {\n    session(key: $key) {\n      id\n      messageCount\n      messages(last: 20) {\n        edges {\n          node {\n            id\n            role\n            text\n            siblings {\n              id\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').EcoSessionByKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EcoViewer {\n    viewer {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql.js').EcoViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation EcoSend($sessionId: ID!) {\n        sendMessage(input: { sessionId: $sessionId, text: \"hello\" }) {\n          turn {\n            id\n          }\n        }\n      }\n    "): typeof import('./graphql.js').EcoSendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EcoTracedSend($text: String!) {\n    sendMessage(input: { text: $text }) {\n      session {\n        id\n      }\n      turn {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql.js').EcoTracedSendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query EcoTracedViewer {\n        viewer {\n          id\n        }\n      }\n    "): typeof import('./graphql.js').EcoTracedViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CrashTestSession($id: ID!) {\n    session(id: $id) {\n      state lastEventSeq activeTurn { id }\n      messages { edges { node { role text turn { id status } } } }\n    }\n  }\n"): typeof import('./graphql.js').CrashTestSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CrashTestTurn($id: ID!) {\n    node(id: $id) {\n      ... on Turn { status finishReason error { code message } assistantMessage { role text } }\n    }\n  }\n"): typeof import('./graphql.js').CrashTestTurnDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LimitsCreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) { session { id state createdAt expiresAt } }\n  }\n"): typeof import('./graphql.js').LimitsCreateSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LimitsRenewSession($id: ID!) {\n    renewSession(input: { id: $id }) { session { id state expiresAt } }\n  }\n"): typeof import('./graphql.js').LimitsRenewSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LimitsSession($id: ID!) {\n    session(id: $id) {\n      state expiresAt activeTurn { id status }\n      messages(last: 1) { edges { node { role parts { ... on ToolPart { toolCallId toolName state } } } } }\n    }\n  }\n"): typeof import('./graphql.js').LimitsSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MultiProcessSession($id: ID!) {\n    session(id: $id) {\n      state activeTurn { id }\n      messages(last: 1) { edges { node { role text turn { status } } } }\n    }\n  }\n"): typeof import('./graphql.js').MultiProcessSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MultiProcessHealth {\n    health { status pubsubKind databaseKind }\n  }\n"): typeof import('./graphql.js').MultiProcessHealthDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TestSessionEvents($id: ID!, $after: Int) {\n    sessionEvents(sessionId: $id, afterSeq: $after) {\n      __typename\n      seq\n      sessionId\n      turnId\n      at\n      ... on TurnStarted {\n        turn {\n          id\n          status\n        }\n        userMessage {\n          id\n          role\n          text\n        }\n      }\n      ... on TextDelta {\n        delta\n        messageId\n      }\n      ... on ToolCallStarted {\n        toolCallId\n        toolName\n      }\n      ... on ToolCalled {\n        toolCallId\n        toolName\n        input\n      }\n      ... on ToolResulted {\n        toolCallId\n        toolName\n        output\n      }\n      ... on ToolFailed {\n        toolCallId\n        toolName\n        errorText\n      }\n      ... on ApprovalRequested {\n        toolCallId\n        toolName\n        input\n      }\n      ... on StepFinished {\n        step\n        finishReason\n        usage {\n          inputTokens\n          outputTokens\n          totalTokens\n        }\n      }\n      ... on TurnFinished {\n        turn {\n          ...TestTurn\n        }\n        message {\n          id\n          role\n          text\n          parts {\n            __typename\n            ... on ToolPart {\n              toolCallId\n              state\n              input\n            }\n          }\n        }\n      }\n      ... on TurnFailed {\n        turn {\n          ...TestTurn\n        }\n        error {\n          code\n          message\n        }\n      }\n      ... on TurnCancelled {\n        turn {\n          ...TestTurn\n        }\n        message {\n          id\n          text\n        }\n      }\n      ... on MessageAppended {\n        message {\n          text\n        }\n      }\n      ... on SessionUpdated {\n        session {\n          id\n          title\n          state\n          expiresAt\n        }\n      }\n      ... on SessionExpiring {\n        expiresAt\n      }\n    }\n  }\n"): typeof import('./graphql.js').TestSessionEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TestTurn on Turn {\n    id\n    status\n    finishReason\n    model\n    startedAt\n    finishedAt\n    usage {\n      inputTokens\n      outputTokens\n      totalTokens\n    }\n    error {\n      code\n      message\n    }\n    assistantMessage {\n      id\n      text\n    }\n  }\n"): typeof import('./graphql.js').TestTurnFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TestSessionsChanged {\n    sessionsChanged {\n      kind\n      sessionId\n      session {\n        id\n        title\n        state\n      }\n    }\n  }\n"): typeof import('./graphql.js').TestSessionsChangedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestSendMessage($id: ID, $text: String!, $cmid: String) {\n    sendMessage(input: { sessionId: $id, text: $text, clientMessageId: $cmid }) {\n      session {\n        id\n        state\n        messageCount\n        expiresAt\n      }\n      userMessage {\n        id\n        text\n      }\n      turn {\n        id\n        status\n      }\n    }\n  }\n"): typeof import('./graphql.js').TestSendMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestStopTurn($id: ID!) {\n    stopTurn(input: { sessionId: $id }) {\n      turn {\n        ...TestTurn\n      }\n    }\n  }\n"): typeof import('./graphql.js').TestStopTurnDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestAppendMessage($id: ID!, $text: String!) {\n    appendMessage(input: { sessionId: $id, text: $text }) {\n      message {\n        id\n      }\n      session {\n        expiresAt\n      }\n    }\n  }\n"): typeof import('./graphql.js').TestAppendMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestViewer {\n    viewer {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql.js').TestViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestAgents {\n    agents {\n      id\n      name\n      isDefault\n    }\n  }\n"): typeof import('./graphql.js').TestAgentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestSessionsCount {\n    sessions {\n      totalCount\n    }\n  }\n"): typeof import('./graphql.js').TestSessionsCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestFirstSession {\n    sessions(first: 1) {\n      edges {\n        cursor\n        node {\n          id\n          title\n        }\n      }\n    }\n  }\n"): typeof import('./graphql.js').TestFirstSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemorySource($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Memory { id text sourceSession { id } }\n    }\n  }\n"): typeof import('./graphql.js').MemorySourceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprovalTestState($session: ID!, $turn: ID!) {\n    session(id: $session) { state activeTurn { id status } }\n    node(id: $turn) { ... on Turn { id status finishedAt } }\n  }\n"): typeof import('./graphql.js').ApprovalTestStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprovalTestMessages($id: ID!) {\n    session(id: $id) {\n      state messageCount lastMessage { text }\n      messages(first: 50) { edges { node {\n        role text\n        parts {\n          __typename\n          ... on TextPart { text }\n          ... on StepStartPart { step }\n          ... on ToolPart { toolCallId toolName state input output errorText }\n        }\n      } } }\n    }\n  }\n"): typeof import('./graphql.js').ApprovalTestMessagesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ControlTestSession($id: ID!) {\n    session(id: $id) {\n      id state messageCount\n      activeTurn { id }\n      lastMessage { id role text }\n      messages(first: 50) { edges { node { id role text turn { id status } } } }\n    }\n  }\n"): typeof import('./graphql.js').ControlTestSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query ControlSessionsList {\n          sessions { totalCount edges { node { id messageCount state } } }\n        }\n      "): typeof import('./graphql.js').ControlSessionsListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TurnTestSession($id: ID!) {\n    session(id: $id) {\n      id title state messageCount\n      activeTurn { id }\n      lastMessage { id role text }\n      messages(first: 50) {\n        edges { node {\n          id role text\n          turn { id }\n          parts {\n            __typename\n            ... on TextPart { text }\n            ... on StepStartPart { step }\n            ... on ToolPart { toolCallId toolName state input output errorText }\n          }\n        } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').TurnTestSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WsSession($id: ID!) {\n    session(id: $id) {\n      id title status\n      createdBy { name }\n      participants { kind user { name } agent { name } }\n      messages(first: 10) { edges { node { role text author { name } } } }\n    }\n  }\n"): typeof import('./graphql.js').WsSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsRename($id: ID!, $title: String!) {\n    renameSession(input: { id: $id, title: $title }) { session { title } }\n  }\n"): typeof import('./graphql.js').WsRenameDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsSetStatus($id: ID!, $status: SessionStatus) {\n    updateSession(input: { id: $id, status: $status }) { session { status } }\n  }\n"): typeof import('./graphql.js').WsSetStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WsAgents {\n    agents { id name avatarUrl }\n  }\n"): typeof import('./graphql.js').WsAgentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsSwitchAgent($id: ID!, $agentId: ID!) {\n    updateSession(input: { id: $id, agentId: $agentId }) { session { id } }\n  }\n"): typeof import('./graphql.js').WsSwitchAgentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsDelete($id: ID!) {\n    deleteSession(input: { id: $id }) { deletedSessionId }\n  }\n"): typeof import('./graphql.js').WsDeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsResume($id: ID!) {\n    resumeSession(input: { id: $id }) { session { status } }\n  }\n"): typeof import('./graphql.js').WsResumeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsMove($id: ID!, $projectId: ID) {\n    updateSession(input: { id: $id, projectId: $projectId }) { session { project { slug } } }\n  }\n"): typeof import('./graphql.js').WsMoveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsRenameProject($id: ID!, $name: String!) {\n    renameProject(input: { id: $id, name: $name }) { project { name slug } }\n  }\n"): typeof import('./graphql.js').WsRenameProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsDeleteProject($id: ID!, $deleteSessions: Boolean) {\n    deleteProject(input: { id: $id, deleteSessions: $deleteSessions }) { deletedProjectId }\n  }\n"): typeof import('./graphql.js').WsDeleteProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WsProjectSessions($id: ID!) {\n    node(id: $id) {\n      ... on Project {\n        name sessionCount\n        sessions(first: 10) { totalCount edges { node { title } } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').WsProjectSessionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WsProjects($workspaceId: ID) {\n    projects(workspaceId: $workspaceId, first: 10) { edges { node { slug sessionCount } } }\n  }\n"): typeof import('./graphql.js').WsProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      query WsPagingSql($first: Int, $workspaceId: ID) {\n        sessions(first: $first, filter: { workspaceId: $workspaceId }) {\n          totalCount\n          edges {\n            node {\n              title status\n              workspace { name role }\n              project { slug sessionCount }\n              createdBy { name }\n              participants { kind user { name } agent { name avatarUrl } }\n              lastMessage { text author { name } }\n            }\n          }\n        }\n      }\n    "): typeof import('./graphql.js').WsPagingSqlDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WsMyWorkspaces {\n    workspaces(first: 10) { edges { node { id name role personal } } }\n  }\n"): typeof import('./graphql.js').WsMyWorkspacesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsCreateWorkspace($name: String!) {\n    createWorkspace(input: { name: $name }) { workspace { id name role personal } }\n  }\n"): typeof import('./graphql.js').WsCreateWorkspaceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsAddMember($workspaceId: ID!, $userId: ID!, $role: WorkspaceRole) {\n    addWorkspaceMember(input: { workspaceId: $workspaceId, userId: $userId, role: $role }) {\n      workspace { id members(first: 10) { edges { node { role user { id name } } } } }\n    }\n  }\n"): typeof import('./graphql.js').WsAddMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsRemoveMember($workspaceId: ID!, $userId: ID!) {\n    removeWorkspaceMember(input: { workspaceId: $workspaceId, userId: $userId }) {\n      workspace { id }\n    }\n  }\n"): typeof import('./graphql.js').WsRemoveMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsCreateSession($workspaceId: ID, $projectId: ID, $title: String, $status: SessionStatus) {\n    createSession(input: { workspaceId: $workspaceId, projectId: $projectId, title: $title, status: $status }) {\n      session {\n        id title status\n        workspace { id }\n        project { id slug }\n        createdBy { id name }\n        participants { kind user { name } agent { name } }\n      }\n    }\n  }\n"): typeof import('./graphql.js').WsCreateSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WsCreateProject($workspaceId: ID!, $name: String!, $slug: String!) {\n    createProject(input: { workspaceId: $workspaceId, name: $name, slug: $slug }) {\n      project { id name slug sessionCount workspace { id } }\n    }\n  }\n"): typeof import('./graphql.js').WsCreateProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WsSessions($filter: SessionFilter, $first: Int) {\n    sessions(first: $first, filter: $filter) {\n      totalCount\n      edges { node { id title status project { slug } createdBy { name } } }\n    }\n  }\n"): typeof import('./graphql.js').WsSessionsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
