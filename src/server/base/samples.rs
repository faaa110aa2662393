//! What the demo offers the service's pages: the preview's sample users,
//! records and accounts, and the start page at `/`. The demo hands them over
//! at start-up (its one door, see `app/startup.rs`) as an extension of the
//! card's and the preview's routes; in production there are none, and the
//! operator names a real account, record and user.

use crate::i18n::Lang;
use crate::model::EntityKind;

#[derive(Clone, Debug)]
pub struct PreviewSamples {
    /// The users the preview's picker offers: (amoCRM id, label).
    pub users: Vec<(i64, &'static str)>,
    pub default_user: i64,
    /// A user whose rights do not reach the sample records ("no-rights").
    pub user_without_rights: i64,
    pub account: i64,
    /// An account with customers switched off ("customers-disabled").
    pub account_without_customers: i64,
    pub lead: i64,
    pub customer: i64,
    /// The demo's start page (a whole HTML document) in a language.
    pub start_page: fn(Lang) -> String,
}

impl PreviewSamples {
    pub fn record(&self, kind: EntityKind) -> i64 {
        match kind {
            EntityKind::Lead => self.lead,
            EntityKind::Customer => self.customer,
        }
    }

    pub fn knows_user(&self, user: i64) -> bool {
        self.users.iter().any(|(id, _)| *id == user)
    }
}
