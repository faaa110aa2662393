//! The acting user's rights over the session's record, read when the action
//! runs: the record's owner or stage may have changed since the card rendered,
//! and the user may have lost rights (re-read after `AMO_RIGHTS_RECHECK_SECS`).

use std::sync::Arc;

use crate::i18n::Lang;
use crate::model::EntityKind;
use crate::server::amo::client::AccountMeta;
use crate::server::amo::types::{Customer, Lead};
use crate::server::amo::AmoError;
use crate::server::card::access::Access;
use crate::server::card::lead_record;
use crate::server::card::rights::{Area, Op, Record};

use super::context::{failed, no_rights, ActionCtx, Step};

pub struct Subject {
    pub meta: Arc<AccountMeta>,
    pub access: Access,
    pub area: Area,
    pub record: Record,
    /// The record, when it had to be read.
    pub lead: Option<Lead>,
    pub customer: Option<Customer>,
}

impl Subject {
    /// Reads the account's metadata, the acting user's rights and, unless the
    /// user is an admin whose answer does not depend on it, the record.
    pub async fn load(cx: &ActionCtx, need_record: bool) -> Step<Self> {
        let (amo, s, lang) = (&cx.amo, &cx.session, cx.lang);
        let fail = |e: AmoError| failed(&e, lang);
        let meta = amo.meta(s.account_id).await.map_err(fail)?;
        let access = Access::acting(amo, &meta, s.account_id, s.user_id).await;
        if let Some(gap) = access.gap() {
            return Err(no_rights(lang, Some(gap)));
        }
        let (mut record, mut lead, mut customer) = (Record::default(), None, None);
        if need_record || !access.is_admin() {
            match s.entity {
                EntityKind::Lead => {
                    let l = amo.lead(s.account_id, s.entity_id).await.map_err(fail)?;
                    record = lead_record(&l);
                    lead = Some(l);
                }
                EntityKind::Customer => {
                    let c = amo.customer(s.account_id, s.entity_id).await;
                    let c = c.map_err(fail)?;
                    record = Record::owned_by(c.responsible_user_id);
                    customer = Some(c);
                }
            }
        }
        Ok(Self {
            meta,
            access,
            area: Area::from(s.entity),
            record,
            lead,
            customer,
        })
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
