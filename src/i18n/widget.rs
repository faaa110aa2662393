//! The widget as amoCRM lists it (the archive's `i18n/*.json`) and the title
//! bar the app draws above the card.

use super::Lang;

texts! {
    /// The widget's name and descriptions.
    WidgetTexts {
        name {
            ru: "Мобильная карточка", en: "Mobile card", es: "Ficha móvil", pt: "Card móvel",
            tr: "Mobil kart", id: "Kartu seluler",
        }
        description {
            ru: "Показывает сделку или покупателя прямо в карточке приложения amoCRM для iOS: контакты, задачи, поля и быстрые действия.",
            en: "Shows the lead or customer inside the amoCRM iOS app card: contacts, tasks, fields and quick actions.",
            es: "Muestra el lead o el cliente dentro de la ficha de la app de Kommo para iOS: contactos, tareas, campos y acciones rápidas.",
            pt: "Mostra o lead ou o cliente dentro do card do app do Kommo para iOS: contatos, tarefas, campos e ações rápidas.",
            tr: "Lead'i ya da müşteriyi Kommo iOS uygulamasının kartında gösterir: kişiler, görevler, alanlar ve hızlı işlemler.",
            id: "Menampilkan lead atau pelanggan di kartu aplikasi Kommo untuk iOS: kontak, tugas, kolom, dan tindakan cepat.",
        }
        short_description {
            ru: "Карточка сделки в приложении amoCRM", en: "The lead card in the amoCRM app",
            es: "La ficha del lead en la app de Kommo", pt: "O card do lead no app do Kommo",
            tr: "Kommo uygulamasında lead kartı", id: "Kartu lead di aplikasi Kommo",
        }
    }
}

impl Lang {
    /// Texts of the widget's listing.
    pub fn widget(self) -> &'static WidgetTexts {
        WidgetTexts::of(self)
    }
}
