//! The widget as amoCRM lists it (the archive's `i18n/*.json`) and the title
//! bar the app draws above the card.

use super::Lang;

texts! {
    /// The widget's name and descriptions.
    WidgetTexts {
        name: "Мобильная карточка", "Mobile card";
        description: "Показывает сделку или покупателя прямо в карточке приложения amoCRM для iOS: контакты, задачи, поля и быстрые действия.", "Shows the lead or customer inside the amoCRM iOS app card: contacts, tasks, fields and quick actions.";
        short_description: "Карточка сделки в приложении amoCRM", "The lead card in the amoCRM app";
    }
}

impl Lang {
    /// Texts of the widget's listing.
    pub fn widget(self) -> &'static WidgetTexts {
        WidgetTexts::of(self)
    }
}
