//! The opening user's rights for a card session, read from the account's users
//! (cached with the metadata), and the one place that decides what happens when
//! they cannot be read: the record is shown, but no contact details and no
//! changes (fail closed), with an explanation for the account's administrator.

use crate::i18n::choice::LangSources;
use crate::i18n::Lang;
use crate::model::RightsGap;
use crate::server::amo::client::AccountMeta;
use crate::server::amo::types::User;
use crate::server::amo::AmoClient;
use crate::server::auth::session::CardSession;
use crate::server::card::rights::{Area, Op, Record, Viewer};

#[derive(Clone, Debug)]
pub enum Access {
    Known(Viewer),
    /// Rights unknown, and why.
    Unknown(RightsGap),
}

impl Access {
    /// The rights of `user_id` from `meta`; asks amoCRM for that one user when
    /// the cached list does not hold them (more users than one page).
    pub async fn of(amo: &AmoClient, meta: &AccountMeta, account_id: i64, user_id: i64) -> Self {
        if meta.grant_not_admin {
            return Access::Unknown(RightsGap::GrantNotAdmin);
        }
        if meta.users_failed {
            return Access::Unknown(RightsGap::UsersUnreadable);
        }
        let fetched;
        let user = match meta.users.iter().find(|u| u.id == user_id) {
            Some(u) => u,
            None => match amo.user(account_id, user_id).await {
                Ok(u) => {
                    fetched = u;
                    &fetched
                }
                Err(e) => {
                    tracing::warn!(account_id, error = %e, "the opening user is not among the account's users");
                    return Access::Unknown(RightsGap::UserUnknown);
                }
            },
        };
        Self::from_user(user, &meta.users)
    }

    /// The rights of the user about to write: as [`Access::of`] while the
    /// cached users are fresh, else read again from amoCRM, so that a user
    /// switched off or cut back in amoCRM stops writing within
    /// [`AmoClient::rights_recheck`], not the metadata's 10 minutes.
    pub async fn acting(
        amo: &AmoClient,
        meta: &AccountMeta,
        account_id: i64,
        user_id: i64,
    ) -> Self {
        if meta.loaded_at.elapsed() < amo.rights_recheck() || meta.grant_not_admin {
            return Self::of(amo, meta, account_id, user_id).await;
        }
        let user = match amo.user(account_id, user_id).await {
            Ok(user) => user,
            Err(e) => {
                tracing::warn!(account_id, error = %e, "the acting user could not be read again");
                return Access::Unknown(RightsGap::UsersUnreadable);
            }
        };
        // Group rights decide by who is in which group now: the list too is
        // read again (a user moved out of the group loses the right in time).
        if user.rights.as_ref().is_some_and(|r| r.uses_groups()) {
            return match amo.users(account_id).await {
                Ok(users) => Self::from_user(&user, &users),
                Err(e) => {
                    tracing::warn!(account_id, error = %e, "the account's groups could not be read again");
                    Access::Unknown(RightsGap::UsersUnreadable)
                }
            };
        }
        Self::from_user(&user, &meta.users)
    }

    fn from_user(user: &User, users: &[User]) -> Self {
        match &user.rights {
            Some(rights) => Access::Known(Viewer::new(
                user.id,
                rights.clone(),
                // The user themself may come from `/users/{id}`, not the list.
                users
                    .iter()
                    .chain(std::iter::once(user))
                    .map(|u| (u.id, u.rights.as_ref().and_then(|r| r.group_id))),
            )),
            // amoCRM gives rights only to an admin's grant.
            None => Access::Unknown(RightsGap::GrantNotAdmin),
        }
    }

    /// May the user do `op` on the record? Unknown rights allow looking at the
    /// lead or customer itself, nothing else.
    pub fn may(&self, area: Area, op: Op, record: Record) -> bool {
        match self {
            Access::Known(v) => v.may(area, op, record),
            Access::Unknown(_) => op == Op::View && matches!(area, Area::Lead | Area::Customer),
        }
    }

    /// Whether any record of `area` could be viewed: when not, it is not even fetched.
    pub fn may_view_some(&self, area: Area) -> bool {
        match self {
            Access::Known(v) => v.may_view_some(area),
            Access::Unknown(_) => false,
        }
    }

    /// Whether every record of `area` may be viewed; never with unknown rights.
    pub fn may_view_all(&self, area: Area) -> bool {
        match self {
            Access::Known(v) => v.may_view_all(area),
            Access::Unknown(_) => false,
        }
    }

    pub fn is_admin(&self) -> bool {
        matches!(self, Access::Known(v) if v.is_admin())
    }

    pub fn may_edit_task(&self, responsible: Option<i64>) -> bool {
        matches!(self, Access::Known(v) if v.may_edit_task(responsible))
    }

    pub fn may_move(&self, lead: Record, to: (i64, i64)) -> bool {
        matches!(self, Access::Known(v) if v.may_move(lead, to))
    }

    pub fn may_change_products(&self, lead: Record) -> bool {
        matches!(self, Access::Known(v) if v.may_change_products(lead))
    }

    pub fn gap(&self) -> Option<RightsGap> {
        match self {
            Access::Known(_) => None,
            Access::Unknown(gap) => Some(*gap),
        }
    }
}

/// The language to answer the session's user in without an amoCRM call: the
/// profile language from the cached metadata, else the device's, else the
/// account's market (see `i18n::choice`).
pub async fn session_lang(amo: &AmoClient, s: &CardSession, device: Option<Lang>) -> Lang {
    LangSources {
        explicit: None,
        profile: cached_user_lang(amo, s).await,
        device,
        account_host: Some(&s.account_host),
    }
    .choose()
}

/// The session user's amoCRM language from the cached metadata, without a call.
pub async fn cached_user_lang(amo: &AmoClient, s: &CardSession) -> Option<Lang> {
    let meta = amo.cached_meta(s.account_id).await?;
    user_lang(&meta, s.user_id)
}

/// The amoCRM user's own language, when their profile names one we speak.
pub fn user_lang(meta: &AccountMeta, user_id: i64) -> Option<Lang> {
    meta.users
        .iter()
        .find(|u| u.id == user_id)?
        .lang
        .as_deref()
        .and_then(Lang::from_tag)
}
