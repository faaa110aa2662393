//! "Log the call?": after the user tapped a contact's number and comes back to
//! the card, the island fills this sheet (who, how long) and opens it.
//! Dismissing is one tap, and a tap is never asked about twice. The sheet is
//! server-rendered; it needs the island, since only script sees the tap.

use leptos::prelude::*;

use crate::components::forms::FormAuth;
use crate::contract::{endpoint, role, roles, sheet};
use crate::i18n::Lang;
use crate::model::{CallStatus, CALL_COMMENT_MAX_CHARS};

#[component]
pub fn CallSheet(csrf: String, lang: Lang) -> impl IntoView {
    let (t, a) = (lang.calls(), lang.actions());
    let presets = [
        ("none", t.no_task),
        ("hour", a.in_1_hour),
        ("today", a.today),
        ("tomorrow", a.tomorrow),
        ("week", a.next_week),
    ];
    let talked = CallStatus::Talked as i64;
    view! {
        <div class="call-log" data-uncertain=a.write_uncertain data-enhance=roles(&[role::HOST, role::CALL_LOG])>
            <p class="call-toast" role="status" data-enhance=role::TOAST></p>
            <a class="sheet-backdrop" href="#" tabindex="-1" aria-hidden="true" data-enhance=role::CLOSE></a>
            <div class="sheet call-sheet" role="dialog" aria-modal="true" hidden data-enhance=role::SHEET>
                <form class="sheet-form call-form" method="post" action=endpoint::LOG_CALL data-sheet=sheet::CALL
                    data-enhance=roles(&[role::SEND, role::PANEL])
                    data-done=t.call_logged data-title=t.log_call_to data-estimate=t.minutes_estimate>
                    <FormAuth csrf />
                    <input type="hidden" name="call[phone]" />
                    <input type="hidden" name="call[name]" />
                    <input type="hidden" name="call[duration]" value="0" />
                    <h2 class="sheet-title" data-enhance=role::TITLE></h2>
                    <p class="call-estimate num" data-enhance=role::ESTIMATE></p>
                    <fieldset class="presets call-outcomes">
                        <legend>{t.outcome}</legend>
                        {CallStatus::ALL.into_iter().map(|st| {
                            let code = st as i64;
                            view! {
                                <label class="preset">
                                    <input type="radio" name="call[status]" value=code checked=code == talked />
                                    <span>{lang.call_status(st)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                    <textarea name="call[comment]" aria-label=t.comment rows="3"
                        maxlength=CALL_COMMENT_MAX_CHARS.to_string() placeholder=t.comment_optional></textarea>
                    <label class="field">
                        <span>{t.follow_up_task}</span>
                        <select name="call[follow_up]">
                            {presets.into_iter().map(|(value, label)| view! {
                                <option value=value selected=value == "none">{label}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <p class="field-error" role="alert" data-enhance=role::ERROR></p>
                    <div class="sheet-buttons">
                        <a class="link-button call-dismiss" role="button" href="#" data-enhance=role::CLOSE>{t.not_now}</a>
                        <button type="submit" class="button primary" data-busy-label=a.saving>{t.log_call}</button>
                    </div>
                </form>
            </div>
        </div>
    }
}
