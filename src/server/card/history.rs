//! A record's notes as the card's history: text notes, calls and service
//! messages, in the account's timezone and the user's language. Text stays
//! text (Leptos escapes it); links are made only from values that pass
//! `format::tel` / `format::web`.

use chrono_tz::Tz;

use crate::i18n::Lang;
use crate::model::{CallInfo, CallStatus, HistoryEntry, HistoryKind, HistoryView, Link};
use crate::server::amo::client::HISTORY_PAGE;
use crate::server::amo::types::{Note, User};
use crate::server::card::format;

/// What the history needs besides the notes.
pub struct HistoryCtx<'a> {
    pub users: &'a [User],
    pub tz: Tz,
    pub lang: Lang,
    /// Which numbers in calls the user may read; the others are masked.
    pub phones: PhoneScope,
}

/// Phone numbers in calls are contact details: a number is shown (and dialable)
/// only when the user may see every contact, or when it belongs to a contact
/// this very card shows them. Any other number is masked, with no link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneScope {
    All,
    /// [`format::phone_key`]s of the numbers of the contacts on this card.
    Of(Vec<String>),
}

impl PhoneScope {
    /// Whether the user may read `raw` (and so a call with it may count as theirs).
    pub fn shows(&self, raw: &str) -> bool {
        match self {
            PhoneScope::All => true,
            PhoneScope::Of(keys) => format::phone_key(raw).is_some_and(|k| keys.contains(&k)),
        }
    }
}

/// Page `page` of the history, `more` when amoCRM has another after it.
pub fn view(notes: &[Note], page: u32, more: bool, ctx: &HistoryCtx) -> HistoryView {
    HistoryView {
        entries: notes.iter().filter_map(|n| entry(n, ctx)).collect(),
        next_page: more.then_some(page + 1),
    }
}

/// How many entries a page holds (the card's first page and each "show more").
pub const PAGE: u32 = HISTORY_PAGE;

fn entry(n: &Note, ctx: &HistoryCtx) -> Option<HistoryEntry> {
    let text_param = |k: &str| {
        n.params
            .get(k)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let author = n
        .created_by
        .and_then(|id| ctx.users.iter().find(|u| u.id == id))
        .map(|u| u.name.clone());
    let when = n
        .created_at
        .filter(|t| *t > 0)
        .map(|t| format::datetime(t, ctx.tz, ctx.lang, true))
        .unwrap_or_default();
    let (kind, text, author, call) = match n.note_type.as_str() {
        "common" => (HistoryKind::Text, text_param("text")?, author, None),
        "call_in" | "call_out" => {
            let kind = if n.note_type == "call_in" {
                HistoryKind::CallIn
            } else {
                HistoryKind::CallOut
            };
            (
                kind,
                ctx.lang.call_title(kind == HistoryKind::CallIn).to_owned(),
                author,
                Some(call(n, ctx)),
            )
        }
        // The sending service names itself (a site form, a messenger).
        "service_message" => (
            HistoryKind::Service,
            text_param("text")?,
            text_param("service").or(author),
            None,
        ),
        _ => (HistoryKind::Other, text_param("text")?, author, None),
    };
    Some(HistoryEntry {
        id: n.id,
        kind,
        when,
        author,
        text,
        call,
    })
}

fn call(n: &Note, ctx: &HistoryCtx) -> CallInfo {
    let p = &n.params;
    let phone = p
        .get("phone")
        .and_then(|v| v.as_str())
        .filter(|raw| !raw.trim().is_empty())
        .map(|raw| {
            if ctx.phones.shows(raw) {
                (raw.to_owned(), format::tel(raw))
            } else {
                (format::masked_phone(raw), Link::None)
            }
        });
    let duration = p
        .get("duration")
        .and_then(|d| d.as_i64().or_else(|| d.as_str()?.parse().ok()))
        .filter(|d| *d > 0)
        .map(|d| ctx.lang.duration(d));
    let status = p
        .get("call_status")
        .and_then(|s| s.as_i64())
        .and_then(CallStatus::from_code)
        .map(|s| ctx.lang.call_status(s).to_owned());
    let result = p
        .get("call_result")
        .and_then(|r| r.as_str())
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    let outcome = match (status, result) {
        (Some(s), Some(r)) => Some(format!("{s} · {r}")),
        (s, r) => s.or(r),
    };
    let recording = p
        .get("link")
        .and_then(|l| l.as_str())
        .map(format::web)
        .filter(|l| *l != Link::None);
    CallInfo {
        phone,
        duration,
        outcome,
        recording,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn note(note_type: &str, params: serde_json::Value) -> Note {
        Note {
            id: 1,
            note_type: note_type.into(),
            created_at: Some(1_767_268_800),
            created_by: Some(5),
            params,
        }
    }

    fn ctx(show_phones: bool) -> HistoryCtx<'static> {
        ctx_with(if show_phones {
            PhoneScope::All
        } else {
            PhoneScope::Of(Vec::new())
        })
    }

    fn ctx_with(phones: PhoneScope) -> HistoryCtx<'static> {
        HistoryCtx {
            users: &[],
            tz: format::timezone(Some("Europe/Moscow")),
            lang: Lang::En,
            phones,
        }
    }

    #[test]
    fn calls_show_direction_duration_outcome_and_only_safe_links() {
        let n = note(
            "call_out",
            json!({"phone": "+7 900 123-45-67", "duration": 312, "call_status": 4,
                "call_result": "Agreed", "link": "javascript:alert(1)"}),
        );
        let e = entry(&n, &ctx(true)).unwrap();
        assert_eq!(e.kind, HistoryKind::CallOut);
        let call = e.call.unwrap();
        assert_eq!(call.phone.unwrap().1, Link::Tel("tel:+79001234567".into()));
        assert_eq!(call.duration.as_deref(), Some("5 min 12 s"));
        assert_eq!(call.outcome.as_deref(), Some("Talked · Agreed"));
        assert_eq!(call.recording, None, "javascript: is not a link");

        let hidden = entry(&n, &ctx(false)).unwrap().call.unwrap();
        assert_eq!(
            hidden.phone,
            Some(("••• 67".to_owned(), Link::None)),
            "no contact details without contacts rights: masked, not dialable"
        );
    }

    #[test]
    fn a_number_shows_only_when_its_contact_is_on_the_card() {
        let n = |phone: &str| note("call_in", json!({ "phone": phone, "duration": 5 }));
        // The card shows a contact with +7 916 555-12-34 (written another way).
        let scope = PhoneScope::Of(vec![format::phone_key("8 (916) 555 12 34").unwrap()]);
        let shown = entry(&n("+7 916 555-12-34"), &ctx_with(scope.clone()))
            .unwrap()
            .call
            .unwrap()
            .phone
            .unwrap();
        assert_eq!(shown.1, Link::Tel("tel:+79165551234".into()));
        let other = entry(&n("+7 900 123-45-67"), &ctx_with(scope))
            .unwrap()
            .call
            .unwrap()
            .phone
            .unwrap();
        assert_eq!(other, ("••• 67".to_owned(), Link::None));
        assert!(!other.0.contains("900"));
    }

    #[test]
    fn notes_without_text_are_left_out_and_unknown_kinds_keep_their_text() {
        assert!(entry(&note("common", json!({"text": "  "})), &ctx(true)).is_none());
        assert!(entry(&note("lead_status_changed", json!({"old": 1})), &ctx(true)).is_none());
        let sms = entry(&note("sms_out", json!({"text": "hi"})), &ctx(true)).unwrap();
        assert_eq!((sms.kind, sms.text.as_str()), (HistoryKind::Other, "hi"));
        let service = entry(
            &note(
                "service_message",
                json!({"service": "Site", "text": "Form sent"}),
            ),
            &ctx(true),
        )
        .unwrap();
        assert_eq!(service.author.as_deref(), Some("Site"));
    }
}
