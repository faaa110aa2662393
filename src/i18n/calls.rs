//! Logging a call made from the card.

use super::Lang;

texts! {
    /// The call logger sheet and the follow-up task.
    CallTexts {
        call_logged: "Звонок записан", "Call logged";
        no_task: "Без задачи", "No task";
        outcome: "Итог", "Outcome";
        comment: "Комментарий", "Comment";
        comment_optional: "Комментарий (необязательно)", "Comment (optional)";
        follow_up_task: "Задача перезвонить", "Follow-up task";
        not_now: "Не сейчас", "Not now";
        log_call: "Записать", "Log call";
        log_call_to: "Записать звонок: {who}?", "Log the call to {who}?";
        minutes_estimate: "≈ {minutes} мин (оценка по времени вне карточки)", "≈ {minutes} min (estimated from your time away)";
        comment_too_long: "Не длиннее {max} символов.", "At most {max} characters.";
        call_back_task: "Перезвонить после звонка", "Call back after the call";
        logged_without_task: "Звонок записан, но задача не создана: {message}", "The call was logged, but the task was not created: {message}";
    }
}

impl Lang {
    /// Texts of the call logger.
    pub fn calls(self) -> &'static CallTexts {
        CallTexts::of(self)
    }
}
