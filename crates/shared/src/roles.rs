//! Staff roles and what each may do. The API enforces these, the dashboard hides what a role
//! cannot use; both ask `Role::allows`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Created with the merchant; everything, including staff, billing and the audit log.
    Owner,
    /// Runs the shop day to day: settings, returns, orders, but not staff.
    Manager,
    /// Customer service: returns, orders and messages; reads settings.
    Agent,
}

/// Something a staff member may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    ReadSettings,
    ManageSettings,
    ViewStaff,
    ManageStaff,
    ViewAuditLog,
    /// Act on returns (and create them for shoppers who phone in).
    HandleReturns,
    /// Read the returns queue, a return's case and its label.
    ReadReturns,
    /// Push orders, shipments and imports.
    ManageOrders,
    /// Read orders and imports.
    ReadOrders,
    ManageApiKeys,
    /// Add and change webhook endpoints.
    ManageWebhooks,
    /// Export or erase everything held about a shopper (GDPR articles 15 and 17). The owner's
    /// alone: erasure cannot be undone, and only the owner reads the audit log that records it.
    HandleDataRequests,
}

impl Permission {
    pub const ALL: [Permission; 12] = [
        Permission::ReadSettings,
        Permission::ManageSettings,
        Permission::ViewStaff,
        Permission::ManageStaff,
        Permission::ViewAuditLog,
        Permission::HandleReturns,
        Permission::ReadReturns,
        Permission::ManageOrders,
        Permission::ReadOrders,
        Permission::ManageApiKeys,
        Permission::ManageWebhooks,
        Permission::HandleDataRequests,
    ];
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Owner, Role::Manager, Role::Agent];

    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Owner => true,
            Role::Manager => !matches!(
                permission,
                ManageStaff | ViewAuditLog | ManageApiKeys | HandleDataRequests
            ),
            // Reading returns and orders goes with handling them: the split matters to keys.
            Role::Agent => matches!(
                permission,
                ReadSettings | HandleReturns | ReadReturns | ManageOrders | ReadOrders
            ),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Manager => "manager",
            Role::Agent => "agent",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_may_do_everything() {
        assert!(Permission::ALL.iter().all(|p| Role::Owner.allows(*p)));
    }

    #[test]
    fn manager_changes_settings_but_not_staff() {
        assert!(Role::Manager.allows(Permission::ManageSettings));
        assert!(Role::Manager.allows(Permission::ViewStaff));
        assert!(!Role::Manager.allows(Permission::ManageStaff));
        assert!(!Role::Manager.allows(Permission::ViewAuditLog));
        assert!(Role::Manager.allows(Permission::ManageWebhooks));
        assert!(!Role::Manager.allows(Permission::ManageApiKeys));
        assert!(!Role::Manager.allows(Permission::HandleDataRequests));
    }

    #[test]
    fn agent_reads_settings_and_handles_returns_only() {
        let allowed: Vec<_> = Permission::ALL
            .into_iter()
            .filter(|p| Role::Agent.allows(*p))
            .collect();
        assert_eq!(
            allowed,
            vec![
                Permission::ReadSettings,
                Permission::HandleReturns,
                Permission::ReadReturns,
                Permission::ManageOrders,
                Permission::ReadOrders
            ]
        );
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
