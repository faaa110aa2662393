//! The quick actions: their sheets, and what the server answers to a submission.

use super::Lang;

texts! {
    /// Notes, tasks, stage changes and their validation messages.
    ActionTexts {
        write_uncertain: "amoCRM не ответил вовремя: изменение могло не сохраниться. Проверьте карточку и повторите.", "amoCRM did not answer in time: the change may not have been saved. Check the card and retry.";
        note_added: "Заметка добавлена", "Note added";
        task_created: "Задача создана", "Task created";
        stage_changed: "Этап изменён", "Stage changed";
        task_completed: "Задача выполнена", "Task completed";
        note: "Заметка", "Note";
        task: "Задача", "Task";
        stage: "Этап", "Stage";
        new_note: "Новая заметка", "New note";
        note_text: "Текст заметки", "Note text";
        new_task: "Новая задача", "New task";
        what_to_do: "Что сделать", "What to do";
        due: "Срок", "Due";
        in_1_hour: "Через час", "In 1 hour";
        today: "Сегодня", "Today";
        tomorrow: "Завтра", "Tomorrow";
        next_week: "На неделе", "Next week";
        custom_date: "Дата…", "Date…";
        task_type: "Тип задачи", "Task type";
        lead_stage: "Этап сделки", "Lead stage";
        cancel: "Отмена", "Cancel";
        saving: "Сохраняется…", "Saving…";
        save: "Сохранить", "Save";
        complete: "Выполнить", "Complete";
        result: "Результат", "Result";
        result_optional: "Результат (необязательно)", "Result (optional)";
        done: "Готово", "Done";
        amo_rejected: "amoCRM отклонил изменение.", "amoCRM rejected the change.";
        record_not_found: "Запись не найдена.", "The record was not found.";
        amo_no_access: "Нет прав на это действие.", "You have no rights for this action.";
        rate_limited: "Слишком много запросов, повторите через минуту.", "Too many requests, try again in a minute.";
        amo_unavailable: "amoCRM не ответил. Ничего не сохранено.", "amoCRM did not answer. Nothing was saved.";
        no_rights: "Ваши права в amoCRM не позволяют это изменить.", "Your amoCRM rights do not allow this change.";
        rights_unknown: "amoCRM не сообщил ваши права, поэтому изменения отключены. Администратору: установите интеграцию от имени администратора аккаунта.", "amoCRM did not report your rights, so changes are off. Administrator: install the integration as an account administrator.";
        text_empty: "Введите текст.", "Enter some text.";
        due_missing: "Укажите срок.", "Choose a due time.";
        due_past: "Срок уже прошёл.", "The due time is in the past.";
        due_too_far: "Срок слишком далеко.", "The due time is too far away.";
        task_type_missing: "Выберите тип задачи.", "Choose a task type.";
        result_too_long: "Результат слишком длинный.", "The result is too long.";
        task_not_open: "Задача уже закрыта или не относится к карточке.", "The task is closed or does not belong to this card.";
        stage_leads_only: "Этап меняется только у сделок.", "Only leads have stages.";
        pipeline_missing: "Воронка сделки не найдена.", "The lead's pipeline was not found.";
        stage_foreign: "Этот этап не из воронки сделки.", "This stage is not in the lead's pipeline.";
        confirm_close: "Подтвердите закрытие сделки.", "Confirm closing the lead.";
        phone_invalid: "Неверный номер.", "Not a phone number.";
        call_status_missing: "Выберите итог звонка.", "Choose how the call went.";
        follow_up_missing: "Выберите срок задачи.", "Choose when to follow up.";
        duration_estimated: "Длительность оценена по времени вне карточки.", "Duration estimated from the time away from the card.";
        confirm_won: "Закрыть сделку как успешную?", "Close the lead as won?";
        confirm_lost: "Закрыть сделку как нереализованную?", "Close the lead as lost?";
        too_long: "Не длиннее {max} символов (сейчас {len}).", "At most {max} characters (now {len}).";
        preview_read_only: "Предпросмотр только для чтения.", "The preview is read-only.";
        session_expired: "Сеанс истёк: закройте и снова откройте карточку.", "Session expired: close and reopen the card.";
        service_unavailable: "Сервис временно недоступен.", "The service is temporarily unavailable.";
    }
}

impl Lang {
    /// Texts of the quick actions.
    pub fn actions(self) -> &'static ActionTexts {
        ActionTexts::of(self)
    }
}
