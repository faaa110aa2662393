//! The names the server's markup and the client enhancer both rely on, in one
//! place both sides compile: the `data-enhance` roles that tell the client
//! what an element is for, the `data-optimistic` marks on forms, the data
//! attributes it reads, the form fields it fills, the endpoints it posts to,
//! and [`ActionOutcome`], the answer of every quick action, with a pinned wire
//! shape. The client finds nothing by class, tag name or URL suffix; CSS keeps
//! the classes to itself. A test renders the card and checks that every name
//! here appears in it (`tests/integration/contract.rs`).

mod outcome;

pub use outcome::{ActionOutcome, Answer};

/// The attribute that carries an element's roles (space-separated).
pub const ENHANCE: &str = "data-enhance";

/// What the client does with an element marked `data-enhance="…"`.
pub mod role {
    /// A form the client sends in place with `fetch`.
    pub const SEND: &str = "send";
    /// Holds a sheet and the lines that report on it: the quick actions, the
    /// call logger, a task's "Complete".
    pub const HOST: &str = "host";
    /// A button that opens its host's sheet on the panel named by `data-sheet`.
    pub const OPEN_SHEET: &str = "open-sheet";
    /// Closes its host's sheet (Cancel, the backdrop).
    pub const CLOSE: &str = "close";
    /// The dialog of a host.
    pub const SHEET: &str = "sheet";
    /// One screen of a sheet (`data-sheet` names it; unnamed panels always show).
    pub const PANEL: &str = "panel";
    /// Where a failed send says why.
    pub const ERROR: &str = "error";
    /// Where a confirmed send says so.
    pub const TOAST: &str = "toast";
    /// A field whose length a counter shows, and the counter (`data-max`).
    pub const COUNTED: &str = "counted";
    pub const COUNTER: &str = "counter";
    /// Texts the client fills in from templates (the call sheet's title and estimate).
    pub const TITLE: &str = "title";
    pub const ESTIMATE: &str = "estimate";
    /// Reloads the card in place; its failures show in `REFRESH_STATUS`.
    pub const REFRESH: &str = "refresh";
    pub const REFRESH_STATUS: &str = "refresh-status";
    /// The card's content, which a refresh replaces.
    pub const CARD: &str = "card";
    /// "Show more" history: the block (`data-page`), its button and its status line.
    pub const MORE: &str = "more";
    pub const LOAD_MORE: &str = "load-more";
    pub const MORE_STATUS: &str = "more-status";
    /// The history list further pages are appended to.
    pub const HISTORY: &str = "history";
    /// The card's stage pill, and each stage a user can pick (`data-status`).
    pub const PILL: &str = "pill";
    pub const STAGE: &str = "stage";
    /// The call logger, and a number whose tap offers to log the call.
    pub const CALL_LOG: &str = "call-log";
    pub const CALL: &str = "call";
    /// The offer to plan the next step (shown when a send answers with
    /// [`super::NEXT_STEP_HEADER`]), and its "Not now", which hides it.
    pub const OFFER: &str = "offer";
    pub const DISMISS: &str = "dismiss";
    /// A button brought back into view when the keyboard takes its room (a
    /// stage's move button at the foot of its opened row).
    pub const KEEP_IN_VIEW: &str = "keep-in-view";

    /// Every role, for the test that finds each in a rendered card.
    pub const ALL: [&str; 26] = [
        SEND,
        HOST,
        OPEN_SHEET,
        CLOSE,
        SHEET,
        PANEL,
        ERROR,
        TOAST,
        COUNTED,
        COUNTER,
        TITLE,
        ESTIMATE,
        REFRESH,
        REFRESH_STATUS,
        CARD,
        MORE,
        LOAD_MORE,
        MORE_STATUS,
        HISTORY,
        PILL,
        STAGE,
        CALL_LOG,
        CALL,
        OFFER,
        DISMISS,
        KEEP_IN_VIEW,
    ];
}

/// The response header of a quick action that left the deal without an open
/// task (a task completed, a stage moved): the client offers the next step.
pub const NEXT_STEP_HEADER: &str = "x-amc-next-step";

/// The panels of the sheets, by their `data-sheet` names (also the `#sheet-…`
/// targets a panel opens as without script).
pub mod sheet {
    pub const NOTE: &str = "note";
    pub const TASK: &str = "task";
    pub const STAGE: &str = "stage";
    pub const CALL: &str = "call";
    pub const WRAP_UP: &str = "wrap-up";
}

/// The attribute on a form that names what it shows before the answer comes.
pub const OPTIMISTIC: &str = "data-optimistic";

pub mod optimistic {
    /// The stage pill shows the chosen stage (`data-status`, `data-name`,
    /// `data-pill` on the clicked button or the form).
    pub const STAGE: &str = "stage";
    /// The task's row is marked done ([`super::class::DONE`]).
    pub const COMPLETE: &str = "complete";
}

/// The attribute on a form that names what the client does once the send is
/// confirmed (beyond closing its sheet).
pub const AFTER: &str = "data-after";

pub mod after {
    /// Reload the card in place: the row shows the value amoCRM confirmed.
    pub const REFRESH: &str = "refresh";
}

/// Data attributes the client reads or writes.
pub mod attr {
    /// A panel's name, and the panel an open-sheet button opens.
    pub const SHEET: &str = "data-sheet";
    /// Set on a host while its sheet is open, to the panel's name.
    pub const OPEN: &str = "data-open";
    /// What a form's toast says once amoCRM confirmed it.
    pub const DONE: &str = "data-done";
    /// What a host says when a send got no answer.
    pub const UNCERTAIN: &str = "data-uncertain";
    /// What a refresh or "show more" says when it failed.
    pub const FAILED: &str = "data-failed";
    /// The session's CSRF value on elements that post without a form.
    pub const CSRF: &str = "data-csrf";
    /// The history page "show more" loads next.
    pub const PAGE: &str = "data-page";
    /// The counter's limit.
    pub const MAX: &str = "data-max";
    /// A button's label while it is busy; its own label is kept in `LABEL`.
    pub const BUSY_LABEL: &str = "data-busy-label";
    pub const LABEL: &str = "data-label";
    /// Templates of the call sheet: `{who}` and `{minutes}`.
    pub const TITLE_TEMPLATE: &str = "data-title";
    pub const ESTIMATE_TEMPLATE: &str = "data-estimate";
    /// Whom a tapped number belongs to.
    pub const CALL_NAME: &str = "data-call-name";
    /// A stage: its id, its name and its pill's class.
    pub const STATUS: &str = "data-status";
    pub const STAGE_NAME: &str = "data-name";
    pub const STAGE_PILL: &str = "data-pill";
    /// Set on the root once the client is installed.
    pub const CONTROLS: &str = "data-controls";

    /// Every attribute the server renders for the client (the client sets
    /// `OPEN`, `LABEL` and `CONTROLS` itself), for the test that finds each.
    pub const RENDERED: [&str; 14] = [
        SHEET,
        DONE,
        UNCERTAIN,
        FAILED,
        CSRF,
        PAGE,
        MAX,
        BUSY_LABEL,
        TITLE_TEMPLATE,
        ESTIMATE_TEMPLATE,
        CALL_NAME,
        STATUS,
        STAGE_NAME,
        STAGE_PILL,
    ];
}

/// Marks in the card that outside tests and tools read (the client reads
/// none of them); named here so a rename fails the contract test.
pub mod mark {
    /// The page state (`ok`, `not-found`, …) on `<html>`.
    pub const CARD_STATE: &str = "data-card-state";
    /// A lead's pipeline id.
    pub const PIPELINE: &str = "data-pipeline";
    /// Each custom field row, in display order.
    pub const FIELD_ID: &str = "data-field-id";
    /// The field an admin put beside the price.
    pub const HEADER_FIELD: &str = "data-header-field";
    /// Each section, in display order.
    pub const SECTION: &str = "data-section";
    /// The layout editor's link (admins only).
    pub const CUSTOMISE: &str = "data-customise";
    /// Each row the user may edit, by `/api/edit_field`'s `field`.
    pub const EDITABLE: &str = "data-editable";
    /// The status strip, and each of its facts.
    pub const STRIP: &str = "data-strip";
    pub const STRIP_ITEM: &str = "data-strip-item";
    /// Each stage the lead may move to, and on one whose move needs lead
    /// fields the lead lacks, their ids.
    pub const STAGE: &str = "data-stage";
    pub const REQUIRES: &str = "data-requires";
    /// Each loss reason offered when closing as lost.
    pub const LOSS_REASON: &str = "data-loss-reason";
    /// A stage's guidance in the stage sheet, by its status id.
    pub const GUIDANCE: &str = "data-guidance";
    /// The offer to plan the next step (hidden until an action earns it).
    pub const NEXT_STEP: &str = "data-next-step";
    /// The control that opens the after-meeting update.
    pub const WRAP_UP: &str = "data-wrap-up";
    /// A contact's line of other deals (`deals`), and each deal of its list.
    pub const RELATED: &str = "data-related";
    pub const RELATED_DEAL: &str = "data-related-deal";
    /// The products page (not the card): each line by its catalog element,
    /// the offer to set the budget to the products' total, and a failed
    /// list's one-line retry.
    pub const PRODUCT: &str = "data-product";
    pub const BUDGET_OFFER: &str = "data-budget-offer";
    pub const RETRY: &str = "data-retry";
    /// The strip's stage fact of a deal in its stage past the admin's limit
    /// (the limit in days); only a stale deal has it, so it is not in `ALL`.
    pub const STALE: &str = "data-stale";

    /// Every mark an admin's lead card with a layout renders.
    pub const ALL: [&str; 16] = [
        CARD_STATE,
        PIPELINE,
        FIELD_ID,
        HEADER_FIELD,
        SECTION,
        CUSTOMISE,
        EDITABLE,
        STRIP,
        STRIP_ITEM,
        STAGE,
        REQUIRES,
        LOSS_REASON,
        GUIDANCE,
        NEXT_STEP,
        WRAP_UP,
        RELATED,
    ];
}

/// Form fields the client fills or reads (the server functions' own names).
pub mod field {
    pub const CSRF: &str = "csrf";
    pub const KEY: &str = "key";
    pub const PAGE: &str = "page";
    pub const CALL_PHONE: &str = "call[phone]";
    pub const CALL_NAME: &str = "call[name]";
    pub const CALL_DURATION: &str = "call[duration]";
    /// `/api/edit_field`: the field, its value, a multiselect's options
    /// (joined into `value` by the server) and the record's `updated_at`.
    pub const FIELD: &str = "field";
    pub const VALUE: &str = "value";
    pub const CHOICES: &str = "choices[]";
    pub const SEEN: &str = "seen";
    /// `/api/move_status`: the chosen loss reason when closing as lost.
    pub const LOSS_REASON: &str = "loss_reason";

    /// `/api/move_status`: a value for a lead field the target stage requires.
    pub fn required(field_id: i64) -> String {
        format!("cf_{field_id}")
    }

    /// The field id of a [`required`] name.
    pub fn required_id(name: &str) -> Option<i64> {
        name.strip_prefix("cf_")?.parse().ok().filter(|id| *id > 0)
    }

    /// Every field a lead card's forms carry (`page` goes in a bare post;
    /// `choices[]` only with a multiselect).
    pub const ALL: [&str; 8] = [
        CSRF,
        KEY,
        CALL_PHONE,
        CALL_NAME,
        CALL_DURATION,
        FIELD,
        VALUE,
        SEEN,
    ];
}

/// Classes the client sets for CSS to show a state.
pub mod class {
    /// A task completed in place, hidden until amoCRM answers.
    pub const DONE: &str = "is-done";
    /// The refresh line saying a change was saved (not an error).
    pub const SAVED: &str = "is-saved";
}

/// The server functions' paths: the card's forms post to them without
/// script, the client with `fetch` (`refresh_card` and `history_page` only
/// that way). Each is pinned to its server function by a test in `api`.
pub mod endpoint {
    pub const ADD_NOTE: &str = "/api/add_note";
    pub const ADD_TASK: &str = "/api/add_task";
    pub const COMPLETE_TASK: &str = "/api/complete_task";
    pub const EDIT_FIELD: &str = "/api/edit_field";
    pub const LOG_CALL: &str = "/api/log_call";
    pub const MOVE_STATUS: &str = "/api/move_status";
    pub const SAVE_LAYOUT: &str = "/api/save_layout";
    pub const REFRESH_CARD: &str = "/api/refresh_card";
    pub const HISTORY_PAGE: &str = "/api/history_page";
    pub const WRAP_UP: &str = "/api/wrap_up";
    pub const OPEN_RELATED: &str = "/api/open_related";
    pub const CHANGE_PRODUCT: &str = "/api/change_product";
}

/// The pages beside the card that its links open (plain HTML, no script).
pub mod page {
    /// A contact's other deals (`?contact=<id>`).
    pub const RELATED_DEALS: &str = "/related/deals";
    /// The deal's products.
    pub const PRODUCTS: &str = "/related/products";
}

/// Several roles for one element's `data-enhance`.
pub fn roles(list: &[&str]) -> String {
    list.join(" ")
}

/// A CSS selector for elements with `role`.
pub fn with_role(role: &str) -> String {
    format!("[{ENHANCE}~=\"{role}\"]")
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::CardProblem;

    #[test]
    fn action_outcome_wire_shape_is_pinned() {
        let cases = [
            (ActionOutcome::Done, json!({"outcome": "done"})),
            (ActionOutcome::Duplicate, json!({"outcome": "duplicate"})),
            (ActionOutcome::Uncertain, json!({"outcome": "uncertain"})),
            (
                ActionOutcome::Invalid {
                    field: "text".into(),
                    message: "Empty".into(),
                },
                json!({"outcome": "invalid", "field": "text", "message": "Empty"}),
            ),
            (
                ActionOutcome::Failed {
                    problem: CardProblem::NoRights,
                    message: "No".into(),
                },
                json!({"outcome": "failed", "problem": "no-rights", "message": "No"}),
            ),
            (
                ActionOutcome::Conflict {
                    message: "Changed".into(),
                    seen: 1_700_000_000,
                },
                json!({"outcome": "conflict", "message": "Changed", "seen": 1_700_000_000}),
            ),
        ];
        for (outcome, wire) in cases {
            assert_eq!(serde_json::to_value(&outcome).unwrap(), wire);
            assert_eq!(wire[ActionOutcome::TAG], outcome.tag());
            let back: ActionOutcome = serde_json::from_value(wire).unwrap();
            assert_eq!(back, outcome);
        }
    }

    #[test]
    fn every_card_problem_travels_as_its_code() {
        for p in CardProblem::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), json!(p.code()));
        }
    }

    #[test]
    fn the_client_reads_answers_by_their_tags() {
        assert_eq!(Answer::from_tag("done"), Answer::Saved);
        assert_eq!(Answer::from_tag("duplicate"), Answer::Saved);
        assert_eq!(Answer::from_tag("invalid"), Answer::Refused);
        assert_eq!(Answer::from_tag("failed"), Answer::Refused);
        assert_eq!(Answer::from_tag("conflict"), Answer::Refused);
        assert_eq!(Answer::from_tag("uncertain"), Answer::Unknown);
        assert_eq!(Answer::from_tag("Done"), Answer::Unknown);
        assert_eq!(with_role(role::SEND), "[data-enhance~=\"send\"]");
    }
}
