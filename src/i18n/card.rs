//! The card: its sections, the record's details and the refresh bar.

use super::Lang;

texts! {
    /// Section headers, detail labels and the page shell.
    CardTexts {
        page_title: "Карточка amoCRM", "amoCRM card";
        demo_badge: "Демо", "Demo";
        more_details: "Подробнее", "Details";
        hide_details: "Скрыть", "Hide";
        try_again: "Повторить", "Try again";
        contacts: "Контакты", "Contacts";
        company: "Компания", "Company";
        open_tasks: "Открытые задачи", "Open tasks";
        fields: "Поля", "Fields";
        show_all: "Показать все", "Show all";
        main: "основной", "main";
        overdue: "Просрочена", "Overdue";
        responsible: "Ответственный", "Responsible";
        closest_task: "Ближайшая задача", "Closest task";
        created: "Создана", "Created";
        updated: "Изменена", "Updated";
        closed: "Закрыта", "Closed";
        next_purchase: "Следующая покупка", "Next purchase";
        periodicity: "Периодичность", "Periodicity";
        ltv: "LTV", "LTV";
        purchases: "Покупок", "Purchases";
        average_check: "Средний чек", "Average check";
        created_customer: "Создан", "Created";
        yes: "Да", "Yes";
        no: "Нет", "No";
        refresh: "Обновить", "Refresh";
        refreshing: "Обновляется…", "Refreshing…";
        refresh_failed: "Не удалось обновить", "Could not refresh";
        unloaded: "Часть карточки не загрузилась: amoCRM просит подождать. Обновите через минуту.", "Part of this card did not load: amoCRM asked us to wait. Refresh in a minute.";
        company_withheld: "Компания скрыта вашими правами доступа в amoCRM", "The company is hidden by your amoCRM access rights";
    }
}

impl Lang {
    /// Texts of the card page.
    pub fn card(self) -> &'static CardTexts {
        CardTexts::of(self)
    }

    /// The card's note that some linked records are left out by the user's rights.
    pub fn contacts_withheld(self, n: u32) -> String {
        let n64 = u64::from(n);
        match self {
            Lang::Ru => format!(
                "{n} {} скрыто вашими правами доступа в amoCRM",
                self.plural(n64, "контакт", "контакта", "контактов")
            ),
            Lang::En => format!(
                "{n} {} hidden by your amoCRM access rights",
                self.plural(n64, "contact", "contacts", "contacts")
            ),
        }
    }

    /// A customer's purchase period: `30 дней`, `1 day`.
    pub fn days(self, n: u64) -> String {
        let unit = match self {
            Lang::Ru => self.plural(n, "день", "дня", "дней"),
            Lang::En => self.plural(n, "day", "days", "days"),
        };
        format!("{n} {unit}")
    }
}
