//! The context one card renders in: the account, the user's access, the
//! timezone and language; money, dates, rows and the history's context.

use chrono_tz::Tz;

use super::access::Access;
use super::history::{HistoryCtx, PhoneScope};
use super::rights::{Area, Op, Record};
use super::{format, strip, Opened};
use crate::i18n::Lang;
use crate::model::{ContactView, Link, Row};
use crate::server::amo::client::AccountMeta;
use crate::server::amo::types::Contact;

/// What rendering one card needs at hand: the account, the user's access,
/// the timezone and language; formats money, dates and the history's context.
pub(super) struct Ctx<'a> {
    pub(super) meta: &'a AccountMeta,
    pub(super) access: &'a Access,
    pub(super) writable: bool,
    /// Notes and new tasks may be added (see [`Opened::may_change`]).
    pub(super) may_change: bool,
    pub(super) tz: Tz,
    pub(super) lang: Lang,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(opened: &'a Opened, lang: Lang) -> Self {
        Self {
            tz: format::timezone(opened.meta.account.timezone()),
            meta: &opened.meta,
            access: &opened.access,
            writable: opened.writable,
            may_change: opened.may_change(),
            lang,
        }
    }

    /// A context for a page beside the card (the related deals): nothing
    /// there is changed through it.
    pub(super) fn of(meta: &'a AccountMeta, access: &'a Access, lang: Lang) -> Self {
        Self {
            tz: format::timezone(meta.account.timezone()),
            meta,
            access,
            writable: false,
            may_change: false,
            lang,
        }
    }

    /// How history entries are written; numbers in calls as `phones` allows.
    pub(super) fn history(&self, phones: PhoneScope) -> HistoryCtx<'a> {
        HistoryCtx {
            users: &self.meta.users,
            tz: self.tz,
            lang: self.lang,
            phones,
        }
    }

    /// Which call numbers the user may read: all of them with rights to every
    /// contact, else those of the contacts this card shows.
    pub(super) fn phone_scope(&self, shown: &[ContactView]) -> PhoneScope {
        if self.access.may_view_all(Area::Contact) {
            return PhoneScope::All;
        }
        PhoneScope::Of(
            shown
                .iter()
                .flat_map(|c| c.phones.iter())
                .filter_map(|(text, _)| format::phone_key(text))
                .collect(),
        )
    }

    /// The record's contacts split into those the user may see and the rest.
    pub(super) fn visible_contacts(&self, contacts: Vec<Contact>) -> (Vec<Contact>, Vec<Contact>) {
        contacts.into_iter().partition(|c| {
            self.access.may(
                Area::Contact,
                Op::View,
                Record::owned_by(c.responsible_user_id),
            )
        })
    }

    pub(super) fn user(&self, id: Option<i64>) -> Option<String> {
        let id = id?;
        self.meta
            .users
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
    }
    /// Where the after-meeting sheet starts: the record's version, its
    /// amount and a customer's next date as the forms write them, and the
    /// due chips' days (tomorrow, in three days, next Monday) here.
    pub(super) fn wrap_start(
        &self,
        seen: Option<i64>,
        amount: Option<f64>,
        next_date: Option<Option<i64>>,
    ) -> crate::model::WrapStart {
        use chrono::{Datelike, Duration, Utc};
        let today = Utc::now().with_timezone(&self.tz).date_naive();
        let to_monday = 7 - i64::from(today.weekday().num_days_from_monday());
        let day = |n: i64| (today + Duration::days(n)).format("%Y-%m-%d").to_string();
        crate::model::WrapStart {
            seen: seen.unwrap_or(0),
            amount: crate::server::edit::start::amount_code(amount),
            next_date: next_date.map(|d| crate::server::edit::start::record_date_code(d, self.tz)),
            dues: [day(1), day(3), day(to_monday)],
        }
    }

    /// Now, for the status strip's "days ago" and "overdue".
    pub(super) fn clock(&self) -> strip::Clock {
        strip::Clock {
            now: chrono::Utc::now().timestamp(),
            tz: self.tz,
            lang: self.lang,
        }
    }

    pub(super) fn date(&self, unix: Option<i64>, with_time: bool) -> Option<String> {
        unix.filter(|u| *u > 0)
            .map(|u| format::datetime(u, self.tz, self.lang, with_time))
    }
    /// A row of the record's own amount or date the user may change.
    pub(super) fn editable_row(
        &self,
        label: &str,
        shown: Option<String>,
        field: crate::model::EditField,
        value: String,
        seen: Option<i64>,
    ) -> Row {
        let control =
            crate::server::edit::record_control(field).unwrap_or(crate::model::Control::Money);
        Row {
            edit: Some(crate::model::EditSpec {
                field,
                control,
                value,
                seen: seen.unwrap_or(0),
            }),
            ..num_row(
                label.to_owned(),
                shown.unwrap_or_else(|| self.lang.edit().not_set.to_owned()),
            )
        }
    }

    pub(super) fn money(&self, v: f64) -> String {
        let currency = format::currency_of_country(self.meta.account.country.as_deref());
        format::money(
            v,
            currency.map(|(code, _)| code),
            currency.map(|(_, symbol)| symbol),
            self.lang,
        )
    }
}

pub(super) fn row(label: String, value: String) -> Row {
    Row {
        field_id: None,
        label,
        value,
        link: Link::None,
        numeric: false,
        edit: None,
    }
}

pub(super) fn num_row(label: String, value: String) -> Row {
    Row {
        field_id: None,
        label,
        value,
        link: Link::None,
        numeric: true,
        edit: None,
    }
}
