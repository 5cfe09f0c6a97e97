//! Staff management calls: change a colleague's role, remove them, list and revoke pending
//! invitations. Part of the one typed client (`crate::api`).

use gloo_net::http::Request;
use rebound_shared::Role;
use rebound_shared::api::auth::StaffView;
use rebound_shared::api::staff::{ChangeRole, InvitationView};
use uuid::Uuid;

use super::{ApiResult, AuthorizedApi, fetch, send, send_json, url};

impl AuthorizedApi {
    pub async fn change_staff_role(&self, id: Uuid, role: Role) -> ApiResult<StaffView> {
        send_json(
            self.authorize(Request::put(&url(&format!("/staff/{id}/role")))),
            &ChangeRole { role },
        )
        .await
    }

    pub async fn remove_staff(&self, id: Uuid) -> ApiResult<()> {
        let request = self
            .authorize(Request::delete(&url(&format!("/staff/{id}"))))
            .build()
            .map_err(super::bad_request)?;
        fetch(request).await.map(|_| ())
    }

    pub async fn list_invitations(&self) -> ApiResult<Vec<InvitationView>> {
        send(self.authorize(Request::get(&url("/staff/invitations")))).await
    }

    pub async fn revoke_invitation(&self, id: Uuid) -> ApiResult<()> {
        let request = self
            .authorize(Request::delete(&url(&format!("/staff/invitations/{id}"))))
            .build()
            .map_err(super::bad_request)?;
        fetch(request).await.map(|_| ())
    }
}
