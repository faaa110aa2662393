use serde_json::json;

use super::*;

const DAY: i64 = 86_400;
/// 2026-01-12 08:30 in São Paulo.
const NOW: i64 = 1_768_217_400;
const STAGE: (i64, i64) = (1, 11);

fn clock(lang: Lang) -> Clock {
    Clock {
        now: NOW,
        tz: format::timezone(Some("America/Sao_Paulo")),
        lang,
    }
}

fn event(kind: &str, ago: i64, after: serde_json::Value) -> Event {
    serde_json::from_value(json!({"type": kind, "entity_id": 1, "entity_type": "lead",
        "created_at": NOW - ago, "value_after": after}))
    .unwrap()
}

fn call(ago: i64, note: i64) -> Event {
    event("incoming_call", ago, json!([{"note": {"id": note}}]))
}

fn moved(ago: i64, into: (i64, i64)) -> Event {
    event(
        "lead_status_changed",
        ago,
        json!([{"lead_status": {"id": into.1, "pipeline_id": into.0}}]),
    )
}

fn note(id: i64, phone: &str) -> Note {
    serde_json::from_value(json!({"id": id, "note_type": "call_in", "params": {"phone": phone}}))
        .unwrap()
}

fn facts(events: &[Event]) -> LeadFacts<'_> {
    LeadFacts {
        events,
        countable: Countable::All,
        stage: Some(STAGE),
        created_at: Some(NOW - 3 * DAY),
        closed: false,
        next_due: Some(None),
    }
}

/// (data-strip-item, text, warn) of each fact.
fn read(items: &[StripItem]) -> Vec<(&'static str, String, bool)> {
    items
        .iter()
        .map(|i| (i.kind.code(), i.text.clone(), i.warn))
        .collect()
}

#[test]
fn a_new_lead_without_events_or_tasks() {
    let strip = lead(&facts(&[]), &clock(Lang::En));
    assert_eq!(
        read(&strip),
        [
            ("contact", "No contact".into(), true),
            ("stage", "3 days in stage".into(), false),
            ("next", "No task".into(), true),
        ]
    );
    assert_eq!(strip[0].icon, StripIcon::Warning);
    assert_eq!(strip[2].label, "Next step:");
}

#[test]
fn the_newest_of_a_call_and_a_chat_on_different_days() {
    let events = [
        call(5 * DAY, 1),
        event(
            "outgoing_chat_message",
            2 * DAY,
            json!([{"message": {"id": "m"}}]),
        ),
        moved(9 * DAY, STAGE),
    ];
    let strip = lead(&facts(&events), &clock(Lang::En));
    assert_eq!(strip[0].text, "2 days ago");
    assert_eq!(strip[0].icon, StripIcon::Chat);
    assert_eq!(strip[0].label, "Last chat message:");
    // The order amoCRM answers in does not matter.
    let reversed: Vec<Event> = events.iter().rev().cloned().collect();
    assert_eq!(
        lead(&facts(&reversed), &clock(Lang::En))[0].text,
        "2 days ago"
    );
    let ru = lead(&facts(&[call(12 * DAY, 1)]), &clock(Lang::Ru));
    assert_eq!(
        (ru[0].label.as_str(), ru[0].text.as_str()),
        ("Последний звонок:", "12 дней назад")
    );
    let today = lead(
        &facts(&[event("incoming_sms", 3_600, json!([]))]),
        &clock(Lang::Es),
    );
    assert_eq!(
        (today[0].icon, today[0].text.as_str()),
        (StripIcon::Sms, "Hoy")
    );
    // A type the strip does not know (amoCRM's feed has no e-mail type) is no contact.
    let odd = lead(
        &facts(&[event("incoming_mail", 3_600, json!([]))]),
        &clock(Lang::En),
    );
    assert_eq!(odd[0].text, "No contact");
}

#[test]
fn days_in_stage_from_the_move_into_it() {
    let c = clock(Lang::En);
    let events = [moved(30 * DAY + 600, STAGE), moved(40 * DAY, (1, 10))];
    assert_eq!(read(&lead(&facts(&events), &c))[1].1, "30 days in stage");
    // Moved back into the stage: the newest move counts.
    let back = [
        moved(2 * DAY, STAGE),
        moved(5 * DAY, (1, 12)),
        moved(9 * DAY, STAGE),
    ];
    assert_eq!(
        stage_since(&back, STAGE, Some(NOW - 20 * DAY)),
        Some(NOW - 2 * DAY)
    );
    assert_eq!(
        read(&lead(&facts(&[moved(3_600, STAGE)]), &c))[1].1,
        "New in stage"
    );
    let ru = lead(&facts(&[moved(21 * DAY, STAGE)]), &clock(Lang::Ru));
    assert_eq!(ru[1].text, "21 день на этапе");
    // The newest move went elsewhere: the feed disagrees, so no claim.
    assert_eq!(
        stage_since(&[moved(DAY, (1, 12))], STAGE, Some(NOW - 9 * DAY)),
        None
    );
}

#[test]
fn a_lead_that_never_moved_counts_from_its_creation() {
    assert_eq!(
        stage_since(&[call(DAY, 1)], STAGE, Some(NOW - 7 * DAY)),
        Some(NOW - 7 * DAY)
    );
    // A full page of calls may hide an older move: no claim then.
    let full: Vec<Event> = (0..EVENTS_PAGE as i64).map(|i| call(i * 60, i)).collect();
    assert_eq!(stage_since(&full, STAGE, Some(NOW - 7 * DAY)), None);
    let strip = lead(&facts(&full), &clock(Lang::En));
    assert_eq!(
        strip.iter().map(|i| i.kind.code()).collect::<Vec<_>>(),
        ["contact", "next"]
    );
}

#[test]
fn the_next_step_when_late_when_due_and_when_missing() {
    let c = clock(Lang::En);
    let next = |due: Option<Option<i64>>| {
        let f = LeadFacts {
            next_due: due,
            ..facts(&[])
        };
        lead(&f, &c).into_iter().find(|i| i.kind == StripKind::Next)
    };
    let text = |due: i64| next(Some(Some(due))).map(|i| (i.text, i.warn, i.icon));
    assert_eq!(
        text(NOW - 2 * DAY),
        Some(("2 days overdue".into(), true, StripIcon::Warning))
    );
    assert_eq!(
        text(NOW - DAY),
        Some(("1 day overdue".into(), true, StripIcon::Warning))
    );
    // 07:00 today São Paulo time.
    assert_eq!(
        text(NOW - 5_400),
        Some(("Overdue since 07:00".into(), true, StripIcon::Warning))
    );
    // 10:00 tomorrow.
    assert_eq!(
        text(NOW + DAY + 5_400),
        Some(("Tomorrow 10:00".into(), false, StripIcon::Task))
    );
    assert_eq!(
        text(NOW + 3_600),
        Some(("Today 09:30".into(), false, StripIcon::Task))
    );
    assert_eq!(
        text(NOW + 5 * DAY),
        Some(("In 5 days".into(), false, StripIcon::Task))
    );
    assert_eq!(
        next(Some(None)).map(|i| (i.text, i.warn)),
        Some(("No task".into(), true))
    );
    // Tasks not loaded: nothing is claimed about them.
    assert_eq!(next(None), None);
    let ru = LeadFacts {
        next_due: Some(Some(NOW - 2 * DAY)),
        ..facts(&[])
    };
    assert_eq!(lead(&ru, &clock(Lang::Ru))[2].text, "Просрочка 2 дня");
    let id = LeadFacts {
        next_due: Some(Some(NOW + DAY + 5_400)),
        ..facts(&[])
    };
    assert_eq!(lead(&id, &clock(Lang::Id))[2].text, "Besok 10.00");
    // A won or lost deal is asked for no next step.
    let closed = LeadFacts {
        closed: true,
        ..facts(&[])
    };
    assert!(lead(&closed, &c).iter().all(|i| i.kind != StripKind::Next));
}

#[test]
fn a_hidden_contacts_events_do_not_count_and_say_nothing() {
    let c = clock(Lang::En);
    let notes = [note(1, "+7 900 123-45-67"), note(2, "+7 916 555-00-11")];
    let shown = PhoneScope::Of(vec![format::phone_key("+7 916 555-00-11").unwrap()]);
    let restricted = |events| LeadFacts {
        countable: Countable::CallsFrom {
            notes: &notes,
            phones: &shown,
        },
        ..facts(events)
    };
    // The newest call is with the hidden contact: the older one, with a shown contact, counts.
    let events = [call(DAY, 1), call(6 * DAY, 2)];
    let strip = lead(&restricted(&events), &c);
    assert_eq!(
        (strip[0].kind, strip[0].text.as_str()),
        (StripKind::Contact, "6 days ago")
    );
    // Chats reach the rules only for contacts the card shows: one counts.
    let chat = [
        call(DAY, 1),
        event("incoming_chat_message", 3_600, json!([])),
    ];
    let strip = lead(&restricted(&chat), &c);
    assert_eq!(
        (strip[0].icon, strip[0].text.as_str()),
        (StripIcon::Chat, "Today")
    );
    // Only the hidden contact's call and a call whose note is not at hand:
    // no contact fact at all, not "no contact".
    let hidden = [call(DAY, 1), call(2 * DAY, 99)];
    let strip = lead(&restricted(&hidden), &c);
    assert!(
        strip.iter().all(|i| i.kind != StripKind::Contact),
        "{strip:?}"
    );
    let text: String = strip
        .iter()
        .map(|i| format!("{} {}", i.label, i.text))
        .collect();
    assert!(!text.contains("900") && !text.contains("Иван"), "{text}");
}

#[test]
fn a_customers_next_purchase_and_next_step() {
    let c = clock(Lang::En);
    let f = |next_date| CustomerFacts {
        events: &[],
        countable: Countable::All,
        next_date,
        next_due: Some(Some(NOW + DAY + 5_400)),
    };
    assert_eq!(
        read(&customer(&f(Some(NOW + 5 * DAY)), &c)),
        [
            ("contact", "No contact".into(), true),
            ("next-purchase", "In 5 days".into(), false),
            ("next", "Tomorrow 10:00".into(), false),
        ]
    );
    let late = customer(&f(Some(NOW - 3 * DAY)), &c);
    assert_eq!(
        (late[1].text.as_str(), late[1].warn, late[1].icon),
        ("3 days overdue", true, StripIcon::Warning)
    );
    assert_eq!(late[1].label, "Next purchase:");
    assert_eq!(customer(&f(Some(NOW + 3_600)), &c)[1].text, "Today");
    assert_eq!(customer(&f(None), &c).len(), 2);
    let pt = customer(&f(Some(NOW + 5 * DAY)), &clock(Lang::Pt));
    assert_eq!(
        (pt[1].label.as_str(), pt[1].text.as_str()),
        ("Próxima compra:", "Em 5 dias")
    );
}

#[test]
fn the_strip_asks_for_stage_moves_on_leads_only() {
    assert!(event_types(true).contains(&"lead_status_changed"));
    assert!(!event_types(false).contains(&"lead_status_changed"));
    // Calls and SMS on the record; chats are asked of the contacts, and
    // amoCRM documents no e-mail event type.
    assert_eq!(
        event_types(false),
        [
            "incoming_call",
            "outgoing_call",
            "incoming_sms",
            "outgoing_sms"
        ]
    );
}

#[test]
fn a_deal_past_the_admins_limit_reads_stale_in_words() {
    let c = clock(Lang::En);
    let mut items = lead(&facts(&[moved(21 * DAY + 600, STAGE)]), &c);
    // Within the limit (21 days is not past 30): the usual fact.
    mark_stale(&mut items, 30, &c);
    assert_eq!(
        (items[1].text.as_str(), items[1].stale_after),
        ("21 days in stage", None)
    );
    mark_stale(&mut items, 14, &c);
    let fact = &items[1];
    assert_eq!(fact.text, "21 days in stage — stale after 14");
    assert_eq!(
        (fact.icon, fact.warn, fact.stale_after),
        (StripIcon::Warning, true, Some(14))
    );
    // Exactly the limit is not past it; a second past is.
    for (ago, stale) in [(14 * DAY, None), (14 * DAY + 1, Some(14))] {
        let mut items = lead(&facts(&[moved(ago, STAGE)]), &c);
        mark_stale(&mut items, 14, &c);
        assert_eq!(items[1].stale_after, stale, "{ago}");
    }
    let mut ru = lead(&facts(&[moved(21 * DAY, STAGE)]), &clock(Lang::Ru));
    mark_stale(&mut ru, 14, &clock(Lang::Ru));
    assert_eq!(ru[1].text, "21 день на этапе — застой после 14");
    // No stage fact (a full page of other events): nothing to mark.
    let full: Vec<Event> = (0..EVENTS_PAGE as i64).map(|i| call(i * 60, i)).collect();
    let mut items = lead(&facts(&full), &c);
    mark_stale(&mut items, 1, &c);
    assert!(items.iter().all(|i| i.stale_after.is_none()));
}
