//! The one loader: the account's metadata, the user's access and the
//! session's record, and the one place that decides "not found", "customers
//! off" and "not for you". The card, every quick action and the layout editor
//! load through [`load`]; they differ only in their [`Purpose`].

use std::sync::Arc;

use crate::model::{CardProblem, EntityKind, RightsGap};
use crate::server::amo::client::AccountMeta;
use crate::server::amo::custom_fields::RawCustomField;
use crate::server::amo::types::{Customer, Lead};
use crate::server::amo::{AmoClient, AmoError};
use crate::server::auth::session::CardSession;

use super::access::Access;
use super::lead_record;
use super::rights::{Area, Op, Record};

/// Why a record is loaded, which decides whose rights count and what is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Opening the card: the cached rights (unknown rights still show the
    /// record's name and stage), the record read alongside the metadata.
    View,
    /// A change: the acting user's rights, read again when stale, must be
    /// known. The record is read when `need_record`, or when the answer
    /// depends on it (anyone but an admin).
    Act { need_record: bool },
    /// An admin's page (the layout editor): known admin rights, no record.
    Administer,
}

/// The session's record as amoCRM holds it.
pub enum Entity {
    Lead(Lead),
    Customer(Customer),
}

impl Entity {
    /// Its custom field values and its `updated_at` (an edit's `seen`).
    pub fn values_and_seen(&self) -> (&[RawCustomField], i64) {
        match self {
            Entity::Lead(l) => (&l.custom_fields_values, l.updated_at.unwrap_or(0)),
            Entity::Customer(c) => (&c.custom_fields_values, c.updated_at.unwrap_or(0)),
        }
    }

    /// What the user's rights over it are asked about.
    pub fn subject(&self) -> (Area, Record) {
        match self {
            Entity::Lead(lead) => (Area::Lead, lead_record(lead)),
            Entity::Customer(c) => (Area::Customer, Record::owned_by(c.responsible_user_id)),
        }
    }

    pub fn lead(&self) -> Option<&Lead> {
        match self {
            Entity::Lead(l) => Some(l),
            Entity::Customer(_) => None,
        }
    }

    pub fn customer(&self) -> Option<&Customer> {
        match self {
            Entity::Customer(c) => Some(c),
            Entity::Lead(_) => None,
        }
    }
}

/// What [`load`] found: the user may do what the purpose asked.
pub struct Loaded {
    pub meta: Arc<AccountMeta>,
    pub access: Access,
    /// The record; `None` only when the purpose did not need it.
    pub entity: Option<Entity>,
}

impl Loaded {
    /// The record's area and what its rights are asked about (an unread
    /// record, an admin's, is anyone's).
    pub fn subject(&self, kind: EntityKind) -> (Area, Record) {
        match &self.entity {
            Some(e) => e.subject(),
            None => (Area::from(kind), Record::default()),
        }
    }
}

/// Why [`load`] refused.
#[derive(Debug)]
pub enum Refusal {
    /// amoCRM's answer: not found, no access, customers off, unavailable, …
    Amo(AmoError),
    /// The user's rights do not allow it, or could not be read (`Some(gap)`).
    NoRights(Option<RightsGap>),
}

impl From<AmoError> for Refusal {
    fn from(e: AmoError) -> Self {
        Refusal::Amo(e)
    }
}

impl From<&Refusal> for CardProblem {
    fn from(r: &Refusal) -> Self {
        match r {
            Refusal::Amo(e) => CardProblem::from(e),
            Refusal::NoRights(_) => CardProblem::NoRights,
        }
    }
}

/// Loads what `purpose` needs of the session's account, user and record, and
/// refuses what the user may not do. A card opens in one round trip (metadata
/// and lead together); a customer waits for the account's settings, since
/// with customers off the customer endpoints only fail.
pub async fn load(amo: &AmoClient, s: &CardSession, purpose: Purpose) -> Result<Loaded, Refusal> {
    let (account, id) = (s.account_id, s.entity_id);
    let (meta, early) = match (purpose, s.entity) {
        (Purpose::View, EntityKind::Lead) => {
            let (meta, lead) = tokio::try_join!(amo.meta(account), amo.lead(account, id))?;
            (meta, Some(Entity::Lead(lead)))
        }
        _ => (amo.meta(account).await?, None),
    };
    let reads_record = purpose != Purpose::Administer;
    if reads_record && s.entity == EntityKind::Customer && !meta.account.customers_enabled() {
        return Err(Refusal::Amo(AmoError::CustomersDisabled));
    }
    let access = match purpose {
        Purpose::View => Access::of(amo, &meta, account, s.user_id).await,
        Purpose::Act { .. } | Purpose::Administer => {
            let access = Access::acting(amo, &meta, account, s.user_id).await;
            if let Some(gap) = access.gap() {
                return Err(Refusal::NoRights(Some(gap)));
            }
            access
        }
    };
    if purpose == Purpose::Administer && !access.is_admin() {
        return Err(Refusal::NoRights(None));
    }
    let wanted = match purpose {
        Purpose::View => true,
        Purpose::Act { need_record } => need_record || !access.is_admin(),
        Purpose::Administer => false,
    };
    let entity = match (early, wanted) {
        (Some(e), _) => Some(e),
        (None, false) => None,
        (None, true) => Some(match s.entity {
            EntityKind::Lead => Entity::Lead(amo.lead(account, id).await?),
            EntityKind::Customer => Entity::Customer(amo.customer(account, id).await?),
        }),
    };
    let loaded = Loaded {
        meta,
        access,
        entity,
    };
    let (area, record) = loaded.subject(s.entity);
    if !loaded.access.may(area, Op::View, record) {
        tracing::info!(
            account_id = account,
            entity_id = id,
            user_id = s.user_id,
            "refused by the user's rights"
        );
        return Err(Refusal::NoRights(None));
    }
    Ok(loaded)
}
