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
        last_mail {
            ru: "Последнее письмо:", en: "Last e-mail:", es: "Último correo:", pt: "Último e-mail:",
            tr: "Son e-posta:", id: "Email terakhir:",
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
            ru: "Контактов не было", en: "No contact yet", es: "Sin contacto aún", pt: "Sem contato ainda",
            tr: "Henüz temas yok", id: "Belum ada kontak",
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
            ru: "Меньше дня на этапе", en: "Under a day in stage", es: "Menos de un día en etapa",
            pt: "Menos de um dia na etapa", tr: "Bir günden az aşamada", id: "Kurang dari sehari di tahap",
        }
        next_step {
            ru: "Следующий шаг:", en: "Next step:", es: "Próximo paso:", pt: "Próximo passo:",
            tr: "Sonraki adım:", id: "Langkah berikutnya:",
        }
        no_next_step {
            ru: "Нет следующего шага", en: "No next step", es: "Sin próximo paso", pt: "Sem próximo passo",
            tr: "Sonraki adım yok", id: "Tanpa langkah lanjut",
        }
        overdue_by {
            ru: "Просрочено на {days}", en: "Overdue by {days}", es: "Vencido hace {days}",
            pt: "Atrasado há {days}", tr: "{days} gecikmiş", id: "Terlambat {days}",
        }
        overdue_since {
            ru: "Просрочено с {time}", en: "Overdue since {time}", es: "Vencido desde las {time}",
            pt: "Atrasado desde {time}", tr: "{time} itibarıyla gecikmiş", id: "Terlambat sejak {time}",
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
