//! Adds a common note to the card's lead or customer.

use crate::contract::ActionOutcome;
use crate::model::NOTE_MAX_CHARS;

use super::context::{text, written, ActionCtx, Step};
use super::idempotency::claim;
use super::subject::Subject;

pub async fn add_note(cx: &ActionCtx, raw_text: &str) -> Step<ActionOutcome> {
    let (s, lang) = (&cx.session, cx.lang);
    let note = text("text", raw_text, NOTE_MAX_CHARS, lang)?;
    Subject::changeable(cx).await?;
    let claimed = claim(cx).await?;
    let result = cx
        .amo
        .add_note(s.account_id, s.entity, s.entity_id, &note, s.user_id)
        .await;
    Ok(claimed.settle(written(result, lang)).await)
}
