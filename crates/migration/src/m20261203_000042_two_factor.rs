//! Staff two-factor sign-in: each person's TOTP secret (pending until confirmed with a code)
//! and the last time step accepted (a code works once), their single-use recovery codes
//! (hashed), the shop's "require it for everyone" switch, and failed sign-ins counted per
//! normalised email, so the slowdown holds across every instance on one database and an
//! unknown address is treated like a known one.

use crate::fk;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("staff_two_factor")
                    .col(pk_uuid("staff_id"))
                    // Base32, as the authenticator app is given it.
                    .col(string_len("secret", 64))
                    // Null while enrolment waits for its first code: not in force yet.
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    // The last 30-second step whose code was accepted; older or equal steps
                    // are refused, so a code seen over a shoulder cannot be replayed.
                    .col(big_integer_null("last_step"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(&mut fk("staff_two_factor", "staff_id", "staff"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("staff_recovery_codes")
                    .col(pk_uuid("id"))
                    .col(uuid("staff_id"))
                    // SHA-256 of the normalised code: each is 50 random bits, used once.
                    .col(string_len("code_hash", 64))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk("staff_recovery_codes", "staff_id", "staff"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(crate::index("staff_recovery_codes", &["staff_id"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("merchant_security")
                    .col(pk_uuid("merchant_id"))
                    .col(boolean("require_two_factor").default(false))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("merchant_security", "merchant_id", "merchants"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sign_in_failures")
                    // Lowercased and trimmed, whether or not an account has it.
                    .col(string_len("email", 254).primary_key())
                    // Failed attempts in a row (an attempt counts from its start, so parallel
                    // guesses cannot slip past the count).
                    .col(integer("failures"))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        // Old rows are swept by age.
        manager
            .create_index(crate::index("sign_in_failures", &["updated_at"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "sign_in_failures",
            "merchant_security",
            "staff_recovery_codes",
            "staff_two_factor",
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
