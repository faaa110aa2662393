//! The account's sales process on the card: a stage's required fields and
//! the loss reasons, in the stage sheet and in what a move answers.

use super::Lang;

texts! {
    /// The stage sheet's rules and the move's refusals.
    ProcessTexts {
        next_step_offer {
            ru: "У сделки не осталось открытых задач. Запланировать следующий шаг?",
            en: "This deal has no open task left. Plan the next step?",
            es: "Este trato ya no tiene tareas abiertas. ¿Planificar el siguiente paso?",
            pt: "Este negócio não tem mais tarefas abertas. Planejar o próximo passo?",
            tr: "Bu anlaşmanın açık görevi kalmadı. Sonraki adımı planlayalım mı?",
            id: "Deal ini tidak punya tugas terbuka lagi. Rencanakan langkah berikutnya?",
        }
        plan_next_step {
            ru: "Запланировать", en: "Plan it", es: "Planificar", pt: "Planejar",
            tr: "Planla", id: "Rencanakan",
        }
        not_now {
            ru: "Не сейчас", en: "Not now", es: "Ahora no", pt: "Agora não", tr: "Şimdi değil", id: "Nanti saja",
        }
        guide_less {
            ru: "Свернуть", en: "Show less", es: "Mostrar menos", pt: "Mostrar menos",
            tr: "Daha az göster", id: "Tampilkan lebih sedikit",
        }
        stage_needs {
            ru: "Для этого этапа нужно заполнить:", en: "This stage needs:",
            es: "Esta etapa requiere:", pt: "Esta etapa exige:",
            tr: "Bu aşama için gerekli:", id: "Tahap ini memerlukan:",
        }
        fill_in_amocrm {
            ru: "Заполните «{field}» в amoCRM: здесь это поле не изменить",
            en: "Fill in “{field}” in amoCRM: it cannot be changed here",
            es: "Rellena «{field}» en Kommo: aquí no se puede cambiar",
            pt: "Preencha “{field}” no Kommo: aqui não dá para alterar",
            tr: "“{field}” alanını Kommo'da doldurun: burada değiştirilemez",
            id: "Isi “{field}” di Kommo: di sini tidak bisa diubah",
        }
        fill_contact_first {
            ru: "Сначала заполните у контакта «{field}» в amoCRM",
            en: "Fill the contact's “{field}” in amoCRM first",
            es: "Primero rellena «{field}» del contacto en Kommo",
            pt: "Primeiro preencha “{field}” do contato no Kommo",
            tr: "Önce Kommo'da kişinin “{field}” alanını doldurun",
            id: "Isi dulu “{field}” kontak di Kommo",
        }
        fill_company_first {
            ru: "Сначала заполните у компании «{field}» в amoCRM",
            en: "Fill the company's “{field}” in amoCRM first",
            es: "Primero rellena «{field}» de la empresa en Kommo",
            pt: "Primeiro preencha “{field}” da empresa no Kommo",
            tr: "Önce Kommo'da şirketin “{field}” alanını doldurun",
            id: "Isi dulu “{field}” perusahaan di Kommo",
        }
        required_missing {
            ru: "Заполните «{field}»: без него сделку не перевести на этот этап",
            en: "Fill in “{field}”: the deal cannot enter this stage without it",
            es: "Rellena «{field}»: sin él el negocio no pasa a esta etapa",
            pt: "Preencha “{field}”: sem ele o negócio não entra nesta etapa",
            tr: "“{field}” alanını doldurun: fırsat bu aşamaya onsuz geçemez",
            id: "Isi “{field}”: tanpanya kesepakatan tidak bisa masuk tahap ini",
        }
        loss_reason {
            ru: "Причина отказа", en: "Loss reason", es: "Motivo de pérdida",
            pt: "Motivo da perda", tr: "Kayıp nedeni", id: "Alasan kalah",
        }
        choose_reason {
            ru: "Выберите причину", en: "Choose a reason", es: "Elige un motivo",
            pt: "Escolha um motivo", tr: "Bir neden seçin", id: "Pilih alasan",
        }
        loss_reason_needed {
            ru: "Выберите причину отказа: в этом аккаунте без неё сделку не закрыть",
            en: "Choose why the deal was lost: this account closes deals as lost only with a reason",
            es: "Elige por qué se perdió el negocio: esta cuenta solo cierra negocios perdidos con un motivo",
            pt: "Escolha por que o negócio foi perdido: esta conta só fecha negócios perdidos com um motivo",
            tr: "Fırsatın neden kaybedildiğini seçin: bu hesap kayıpları yalnızca bir nedenle kapatır",
            id: "Pilih alasan kesepakatan kalah: akun ini menutup kesepakatan kalah hanya dengan alasan",
        }
        loss_reason_foreign {
            ru: "Такой причины отказа в аккаунте нет", en: "This account has no such loss reason",
            es: "Esta cuenta no tiene ese motivo de pérdida", pt: "Esta conta não tem esse motivo de perda",
            tr: "Bu hesapta böyle bir kayıp nedeni yok", id: "Akun ini tidak punya alasan kalah itu",
        }
        loss_reason_not_lost {
            ru: "Причина отказа указывается только при закрытии сделки как нереализованной",
            en: "A loss reason goes only with closing the deal as lost",
            es: "El motivo de pérdida solo acompaña al cierre del negocio como perdido",
            pt: "O motivo da perda só acompanha o fechamento do negócio como perdido",
            tr: "Kayıp nedeni yalnızca fırsat kaybedildi olarak kapatılırken verilir",
            id: "Alasan kalah hanya diberikan saat kesepakatan ditutup sebagai kalah",
        }
        field_not_required {
            ru: "Это поле не нужно для этого этапа", en: "This stage does not ask for this field",
            es: "Esta etapa no pide este campo", pt: "Esta etapa não pede este campo",
            tr: "Bu aşama bu alanı istemiyor", id: "Tahap ini tidak meminta kolom ini",
        }
    }
}

impl Lang {
    pub fn process(self) -> &'static ProcessTexts {
        ProcessTexts::of(self)
    }
}
