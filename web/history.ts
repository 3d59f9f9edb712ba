// A conversation's stored messages: the last page (with the seq it reflects), then older pages
// on request, PAGE_SIZE at a time.
import {
  type MessageFieldsFragment as Message,
  SessionWithMessagesDocument,
  type SessionWithMessagesQuery,
} from '../client/generated/graphql.js';
import type { Api } from './api.js';
import { ui } from './page.js';

const PAGE_SIZE = 30;

export type SessionPage = NonNullable<SessionWithMessagesQuery['session']>;
type PageInfo = SessionPage['messages']['pageInfo'];

export class History {
  /** The cursor of the oldest message shown, while older ones exist. */
  private olderCursor: string | null = null;

  constructor(
    private readonly api: Api,
    private readonly sessionId: string,
  ) {}

  /** The last page of messages (null: no such session). */
  async latest(): Promise<SessionPage | null> {
    const data = await this.api.request(SessionWithMessagesDocument, {
      id: this.sessionId,
      last: PAGE_SIZE,
    });
    return data.session;
  }

  /** Paging back continues before the page with this pageInfo. */
  pagedFrom(pageInfo: PageInfo) {
    this.olderCursor = pageInfo.hasPreviousPage ? pageInfo.startCursor : null;
    ui.older.hidden = !this.olderCursor;
  }

  /** Loads the page before the oldest message shown; `show` puts it above, the scroll stays. */
  async loadOlder(isCurrent: () => boolean, show: (messages: Message[]) => void) {
    if (!this.olderCursor) return;
    ui.older.disabled = true;
    try {
      const data = await this.api.request(SessionWithMessagesDocument, {
        id: this.sessionId,
        last: PAGE_SIZE,
        before: this.olderCursor,
      });
      const page = data.session;
      if (!page || !isCurrent()) return;
      const before = ui.scroller.scrollHeight;
      show(page.messages.edges.map((edge) => edge.node));
      ui.scroller.scrollTop += ui.scroller.scrollHeight - before;
      this.pagedFrom(page.messages.pageInfo);
    } finally {
      ui.older.disabled = false;
    }
  }
}
