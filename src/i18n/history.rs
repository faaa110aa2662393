//! The record's recent history: notes and calls.

use super::Lang;
use crate::model::CallStatus;

texts! {
    /// The history section.
    HistoryTexts {
        title: "История", "History";
        show_more: "Показать ещё", "Show more";
        read_whole: "Читать полностью", "Read all";
        recording: "Запись разговора", "Call recording";
        load_failed: "Не удалось загрузить", "Could not load";
    }
}

impl Lang {
    /// Texts of the history section.
    pub fn history(self) -> &'static HistoryTexts {
        HistoryTexts::of(self)
    }

    pub fn call_title(self, incoming: bool) -> &'static str {
        match (self, incoming) {
            (Lang::Ru, true) => "Входящий звонок",
            (Lang::Ru, false) => "Исходящий звонок",
            (Lang::En, true) => "Incoming call",
            (Lang::En, false) => "Outgoing call",
        }
    }

    pub fn call_status(self, status: CallStatus) -> &'static str {
        use CallStatus::*;
        match (self, status) {
            (Lang::Ru, Talked) => "Разговор состоялся",
            (Lang::Ru, LeftMessage) => "Оставил сообщение",
            (Lang::Ru, CallBackLater) => "Перезвонить позже",
            (Lang::Ru, NotAvailable) => "Нет на месте",
            (Lang::Ru, WrongNumber) => "Неверный номер",
            (Lang::Ru, NoAnswer) => "Не дозвонился",
            (Lang::Ru, Busy) => "Номер занят",
            (Lang::En, Talked) => "Talked",
            (Lang::En, LeftMessage) => "Left a message",
            (Lang::En, CallBackLater) => "Call back later",
            (Lang::En, NotAvailable) => "Not available",
            (Lang::En, WrongNumber) => "Wrong number",
            (Lang::En, NoAnswer) => "No answer",
            (Lang::En, Busy) => "Busy",
        }
    }

    /// A call's length: `5 min 12 s`.
    pub fn duration(self, secs: i64) -> String {
        let (m, s) = (secs / 60, secs % 60);
        let (min, sec) = match self {
            Lang::Ru => ("мин", "с"),
            Lang::En => ("min", "s"),
        };
        match (m, s) {
            (0, s) => format!("{s} {sec}"),
            (m, 0) => format!("{m} {min}"),
            (m, s) => format!("{m} {min} {s} {sec}"),
        }
    }
}
