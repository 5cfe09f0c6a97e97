//! The unread-messages count: the nav's Messages badge and the inbox share it.

use crate::api::AuthorizedApi;
use crate::components::count_badge::Count;

/// Marks the count of unread messages.
#[derive(Debug)]
pub enum UnreadMessages {}

pub type Unread = Count<UnreadMessages>;

pub fn use_unread() -> Unread {
    Unread::used()
}

/// The whole inbox's unread count, as the first page of threads carries it.
pub async fn fetch_unread(api: AuthorizedApi) -> Option<u64> {
    let page = api.threads(false, None).await.ok()?;
    Some(u64::try_from(page.total_unread).unwrap_or(0))
}
