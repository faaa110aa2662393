//! The status strip: each fact's short visible text and what a screen reader
//! hears before it (the icon's meaning). Short on purpose: three facts share
//! one line of a 390 px phone in every language.

use super::Lang;

texts! {
    /// The strip under the card's header.
    StripTexts {
        strip {
            ru: "Коротко о главном", en: "At a glance", es: "De un vistazo", pt: "Resumo",
            tr: "Bir bakışta", id: "Sekilas",
        }
        last_call {
            ru: "Последний звонок:", en: "Last call:", es: "Última llamada:", pt: "Última ligação:",
            tr: "Son arama:", id: "Panggilan terakhir:",
        }
        last_chat {
            ru: "Последнее сообщение в чате:", en: "Last chat message:", es: "Último mensaje de chat:",
            pt: "Última mensagem de chat:", tr: "Son sohbet mesajı:", id: "Pesan obrolan terakhir:",
        }
        last_sms {
            ru: "Последнее SMS:", en: "Last SMS:", es: "Último SMS:", pt: "Último SMS:",
            tr: "Son SMS:", id: "SMS terakhir:",
        }
        last_contact {
            ru: "Контакт с клиентом:", en: "Contact with the client:", es: "Contacto con el cliente:",
            pt: "Contato com o cliente:", tr: "Müşteriyle temas:", id: "Kontak dengan klien:",
        }
        no_contact {
            ru: "Нет контактов", en: "No contact", es: "Sin contacto", pt: "Sem contato",
            tr: "Temas yok", id: "Tanpa kontak",
        }
        stage {
            ru: "Сделка на текущем этапе:", en: "Time in the current stage:", es: "Tiempo en la etapa actual:",
            pt: "Tempo na etapa atual:", tr: "Mevcut aşamadaki süre:", id: "Waktu di tahap saat ini:",
        }
        in_stage {
            ru: "{days} на этапе", en: "{days} in stage", es: "{days} en etapa", pt: "{days} na etapa",
            tr: "{days} aşamada", id: "{days} di tahap",
        }
        in_stage_new {
            ru: "Новая на этапе", en: "New in stage", es: "Nuevo en etapa",
            pt: "Novo na etapa", tr: "Aşamada yeni", id: "Baru di tahap",
        }
        stale {
            ru: "{days} на этапе — застой после {limit}", en: "{days} in stage — stale after {limit}",
            es: "{days} en etapa — estancado tras {limit}", pt: "{days} na etapa — parado após {limit}",
            tr: "{days} aşamada — {limit} günden sonra durgun", id: "{days} di tahap — macet setelah {limit}",
        }
        next_step {
            ru: "Следующий шаг:", en: "Next step:", es: "Próximo paso:", pt: "Próximo passo:",
            tr: "Sonraki adım:", id: "Langkah berikutnya:",
        }
        no_next_step {
            ru: "Нет задачи", en: "No task", es: "Sin tarea", pt: "Sem tarefa",
            tr: "Görev yok", id: "Tanpa tugas",
        }
        overdue_by {
            ru: "Просрочка {days}", en: "{days} overdue", es: "{days} de atraso",
            pt: "{days} de atraso", tr: "{days} gecikme", id: "Terlambat {days}",
        }
        overdue_since {
            ru: "Просрочка с {time}", en: "Overdue since {time}", es: "Venció a las {time}",
            pt: "Venceu às {time}", tr: "Gecikti: {time}", id: "Terlambat sejak {time}",
        }
        next_purchase {
            ru: "Следующая покупка:", en: "Next purchase:", es: "Próxima compra:", pt: "Próxima compra:",
            tr: "Sonraki satın alma:", id: "Pembelian berikutnya:",
        }
    }
}

impl Lang {
    pub fn strip(self) -> &'static StripTexts {
        StripTexts::of(self)
    }
}
