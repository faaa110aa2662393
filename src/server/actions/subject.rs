//! The acting user's rights over the session's record, read when the action
//! runs: the record's owner or stage may have changed since the card rendered,
//! and the user may have lost rights (re-read after `AMO_RIGHTS_RECHECK_SECS`).

use std::sync::Arc;

use crate::i18n::Lang;
use crate::server::amo::client::AccountMeta;
use crate::server::amo::types::{Customer, Lead};
use crate::server::card::access::Access;
use crate::server::card::load::{self, Entity, Purpose, Refusal};
use crate::server::card::rights::{Area, Op, Record};

use super::context::{failed, no_rights, ActionCtx, Step};

pub struct Subject {
    pub meta: Arc<AccountMeta>,
    pub access: Access,
    pub area: Area,
    pub record: Record,
    /// The record, when it had to be read.
    entity: Option<Entity>,
}

impl Subject {
    /// Loads through the card's loader (see `card::load`): the account's
    /// metadata, the acting user's rights and, unless the user is an admin
    /// whose answer does not depend on it, the record.
    pub async fn load(cx: &ActionCtx, need_record: bool) -> Step<Self> {
        let purpose = Purpose::Act { need_record };
        let loaded = match load::load(&cx.amo, &cx.session, purpose).await {
            Ok(loaded) => loaded,
            Err(Refusal::Amo(e)) => return Err(failed(&e, cx.lang)),
            Err(Refusal::NoRights(gap)) => return Err(no_rights(cx.lang, gap)),
        };
        let (area, record) = loaded.subject(cx.session.entity);
        Ok(Self {
            meta: loaded.meta,
            access: loaded.access,
            area,
            record,
            entity: loaded.entity,
        })
    }

    pub fn lead(&self) -> Option<&Lead> {
        self.entity.as_ref().and_then(Entity::lead)
    }

    pub fn customer(&self) -> Option<&Customer> {
        self.entity.as_ref().and_then(Entity::customer)
    }

    /// Loads the subject of a note, a new task or a logged call, refusing it
    /// unless the user sees and may change the record.
    pub async fn changeable(cx: &ActionCtx) -> Step<Self> {
        let subject = Self::load(cx, false).await?;
        if subject.may(Op::View) && subject.may(Op::Edit) {
            Ok(subject)
        } else {
            Err(no_rights(cx.lang, None))
        }
    }

    pub fn may(&self, op: Op) -> bool {
        self.access.may(self.area, op, self.record)
    }

    /// The language's refusal when `allowed` is false.
    pub fn require(allowed: bool, lang: Lang) -> Step<()> {
        if allowed {
            Ok(())
        } else {
            Err(no_rights(lang, None))
        }
    }
}
