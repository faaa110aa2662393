//! The card: its sections, the record's details and the refresh bar.

use super::{russian_plural, Lang};

texts! {
    /// Section headers, detail labels and the page shell.
    CardTexts {
        page_title {
            ru: "Карточка amoCRM", en: "amoCRM card", es: "Ficha de Kommo",
            pt: "Card do Kommo", tr: "Kommo kartı", id: "Kartu Kommo",
        }
        demo_badge { ru: "Демо", en: "Demo", es: "Demo", pt: "Demo", tr: "Demo", id: "Demo" }
        more_details {
            ru: "Подробнее", en: "Details", es: "Detalles", pt: "Detalhes", tr: "Ayrıntılar",
            id: "Detail",
        }
        hide_details { ru: "Скрыть", en: "Hide", es: "Ocultar", pt: "Ocultar", tr: "Gizle", id: "Sembunyikan" }
        try_again {
            ru: "Повторить", en: "Try again", es: "Reintentar", pt: "Tentar de novo",
            tr: "Tekrar dene", id: "Coba lagi",
        }
        contacts { ru: "Контакты", en: "Contacts", es: "Contactos", pt: "Contatos", tr: "Kişiler", id: "Kontak" }
        company { ru: "Компания", en: "Company", es: "Empresa", pt: "Empresa", tr: "Şirket", id: "Perusahaan" }
        open_tasks {
            ru: "Открытые задачи", en: "Open tasks", es: "Tareas pendientes",
            pt: "Tarefas abertas", tr: "Açık görevler", id: "Tugas terbuka",
        }
        fields { ru: "Поля", en: "Fields", es: "Campos", pt: "Campos", tr: "Alanlar", id: "Kolom" }
        show_all {
            ru: "Показать все", en: "Show all", es: "Ver todos", pt: "Ver todos",
            tr: "Tümünü göster", id: "Tampilkan semua",
        }
        main { ru: "основной", en: "main", es: "principal", pt: "principal", tr: "ana", id: "utama" }
        overdue { ru: "Просрочена", en: "Overdue", es: "Vencida", pt: "Atrasada", tr: "Gecikti", id: "Terlambat" }
        responsible {
            ru: "Ответственный", en: "Responsible", es: "Responsable", pt: "Responsável",
            tr: "Sorumlu", id: "Penanggung jawab",
        }
        closest_task {
            ru: "Ближайшая задача", en: "Closest task", es: "Próxima tarea",
            pt: "Próxima tarefa", tr: "En yakın görev", id: "Tugas terdekat",
        }
        created { ru: "Создана", en: "Created", es: "Creado", pt: "Criado", tr: "Oluşturuldu", id: "Dibuat" }
        updated { ru: "Изменена", en: "Updated", es: "Modificado", pt: "Alterado", tr: "Güncellendi", id: "Diubah" }
        closed { ru: "Закрыта", en: "Closed", es: "Cerrado", pt: "Fechado", tr: "Kapandı", id: "Ditutup" }
        next_purchase {
            ru: "Следующая покупка", en: "Next purchase", es: "Próxima compra",
            pt: "Próxima compra", tr: "Sonraki satın alma", id: "Pembelian berikutnya",
        }
        periodicity {
            ru: "Периодичность", en: "Periodicity", es: "Frecuencia", pt: "Frequência",
            tr: "Sıklık", id: "Frekuensi",
        }
        ltv { ru: "LTV", en: "LTV", es: "LTV", pt: "LTV", tr: "LTV", id: "LTV" }
        purchases { ru: "Покупок", en: "Purchases", es: "Compras", pt: "Compras", tr: "Satın alma", id: "Pembelian" }
        average_check {
            ru: "Средний чек", en: "Average check", es: "Ticket promedio", pt: "Ticket médio",
            tr: "Ortalama sepet", id: "Rata-rata transaksi",
        }
        created_customer { ru: "Создан", en: "Created", es: "Creado", pt: "Criado", tr: "Oluşturuldu", id: "Dibuat" }
        yes { ru: "Да", en: "Yes", es: "Sí", pt: "Sim", tr: "Evet", id: "Ya" }
        no { ru: "Нет", en: "No", es: "No", pt: "Não", tr: "Hayır", id: "Tidak" }
        refresh { ru: "Обновить", en: "Refresh", es: "Actualizar", pt: "Atualizar", tr: "Yenile", id: "Muat ulang" }
        refreshing {
            ru: "Обновляется…", en: "Refreshing…", es: "Actualizando…", pt: "Atualizando…",
            tr: "Yenileniyor…", id: "Memuat ulang…",
        }
        refresh_failed {
            ru: "Не удалось обновить", en: "Could not refresh", es: "No se pudo actualizar",
            pt: "Não foi possível atualizar", tr: "Yenilenemedi", id: "Gagal memuat ulang",
        }
        unloaded {
            ru: "Часть карточки не загрузилась: amoCRM просит подождать. Обновите через минуту.",
            en: "Part of this card did not load: amoCRM asked us to wait. Refresh in a minute.",
            es: "Parte de la ficha no se cargó: Kommo pidió esperar. Actualiza en un minuto.",
            pt: "Parte do card não carregou: o Kommo pediu para aguardar. Atualize em um minuto.",
            tr: "Kartın bir kısmı yüklenemedi: Kommo beklememizi istedi. Bir dakika sonra yenileyin.",
            id: "Sebagian kartu tidak termuat: Kommo meminta kami menunggu. Muat ulang dalam semenit.",
        }
        company_withheld {
            ru: "Компания скрыта вашими правами доступа в amoCRM",
            en: "The company is hidden by your amoCRM access rights",
            es: "La empresa está oculta por tus permisos de acceso en Kommo",
            pt: "A empresa está oculta pelas suas permissões de acesso no Kommo",
            tr: "Şirket, Kommo erişim izinleriniz nedeniyle gizli",
            id: "Perusahaan disembunyikan oleh hak akses Kommo Anda",
        }
    }
}

impl Lang {
    /// Texts of the card page.
    pub fn card(self) -> &'static CardTexts {
        CardTexts::of(self)
    }

    /// The card's note that some linked records are left out by the user's rights.
    pub fn contacts_withheld(self, n: u32) -> String {
        let c = u64::from(n);
        match self {
            Lang::Ru => format!(
                "{n} {} скрыто вашими правами доступа в amoCRM",
                russian_plural(c, "контакт", "контакта", "контактов")
            ),
            Lang::En => format!(
                "{n} {} hidden by your amoCRM access rights",
                self.plural(c, "contact", "contacts")
            ),
            Lang::Es => format!(
                "{n} {} por tus permisos de acceso en Kommo",
                self.plural(c, "contacto oculto", "contactos ocultos")
            ),
            Lang::Pt => format!(
                "{n} {} pelas suas permissões de acesso no Kommo",
                self.plural(c, "contato oculto", "contatos ocultos")
            ),
            Lang::Tr => format!("{n} kişi, Kommo erişim izinleriniz nedeniyle gizli"),
            Lang::Id => format!("{n} kontak disembunyikan oleh hak akses Kommo Anda"),
        }
    }

    /// A count of days: a customer's purchase period, `30 дней`, `1 day`.
    pub fn days(self, n: u64) -> String {
        let unit = match self {
            Lang::Ru => russian_plural(n, "день", "дня", "дней"),
            Lang::En => self.plural(n, "day", "days"),
            Lang::Es => self.plural(n, "día", "días"),
            Lang::Pt => self.plural(n, "dia", "dias"),
            Lang::Tr => "gün",
            Lang::Id => "hari",
        };
        format!("{n} {unit}")
    }

    /// A distance in calendar days from today, in words: `-2` is "hace 2 días".
    pub fn relative_days(self, delta: i64) -> String {
        let n = delta.unsigned_abs();
        let words = match (self, delta) {
            (Lang::Ru, 0) => "сегодня",
            (Lang::Ru, -1) => "вчера",
            (Lang::Ru, 1) => "завтра",
            (Lang::En, 0) => "today",
            (Lang::En, -1) => "yesterday",
            (Lang::En, 1) => "tomorrow",
            (Lang::Es, 0) => "hoy",
            (Lang::Es, -1) => "ayer",
            (Lang::Es, 1) => "mañana",
            (Lang::Pt, 0) => "hoje",
            (Lang::Pt, -1) => "ontem",
            (Lang::Pt, 1) => "amanhã",
            (Lang::Tr, 0) => "bugün",
            (Lang::Tr, -1) => "dün",
            (Lang::Tr, 1) => "yarın",
            (Lang::Id, 0) => "hari ini",
            (Lang::Id, -1) => "kemarin",
            (Lang::Id, 1) => "besok",
            _ => "",
        };
        if !words.is_empty() {
            return words.to_owned();
        }
        let days = self.days(n);
        match (self, delta < 0) {
            (Lang::Ru, true) => format!("{days} назад"),
            (Lang::Ru, false) => format!("через {days}"),
            (Lang::En, true) => format!("{days} ago"),
            (Lang::En, false) => format!("in {days}"),
            (Lang::Es, true) => format!("hace {days}"),
            (Lang::Es, false) => format!("dentro de {days}"),
            (Lang::Pt, true) => format!("há {days}"),
            (Lang::Pt, false) => format!("em {days}"),
            (Lang::Tr, true) => format!("{days} önce"),
            (Lang::Tr, false) => format!("{days} sonra"),
            (Lang::Id, true) => format!("{days} yang lalu"),
            (Lang::Id, false) => format!("{days} lagi"),
        }
    }
}
