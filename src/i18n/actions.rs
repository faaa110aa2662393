//! The quick actions: their sheets, and what the server answers to a submission.

use super::Lang;

texts! {
    /// Notes, tasks, stage changes and their validation messages.
    ActionTexts {
        write_uncertain {
            ru: "amoCRM не подтвердил запись: она могла сохраниться. Посмотрите историю карточки, прежде чем писать ещё раз.",
            en: "amoCRM did not confirm the write: it may have been saved. Look at the card's history before writing it again.",
            es: "Kommo no confirmó el cambio: puede que se haya guardado. Revisa el historial de la ficha antes de escribirlo otra vez.",
            pt: "O Kommo não confirmou a alteração: ela pode ter sido salva. Veja o histórico do card antes de escrever de novo.",
            tr: "Kommo kaydı onaylamadı: kaydedilmiş olabilir. Yeniden yazmadan önce kartın geçmişine bakın.",
            id: "Kommo tidak mengonfirmasi penyimpanan: mungkin sudah tersimpan. Lihat riwayat kartu sebelum menulisnya lagi.",
        }
        note_added {
            ru: "Заметка добавлена", en: "Note added", es: "Nota añadida", pt: "Nota adicionada",
            tr: "Not eklendi", id: "Catatan ditambahkan",
        }
        task_created {
            ru: "Задача создана", en: "Task created", es: "Tarea creada", pt: "Tarefa criada",
            tr: "Görev oluşturuldu", id: "Tugas dibuat",
        }
        stage_changed {
            ru: "Этап изменён", en: "Stage changed", es: "Etapa cambiada", pt: "Etapa alterada",
            tr: "Aşama değişti", id: "Tahap diubah",
        }
        // The result amoCRM gets when the user completes a task without one
        // (its docs: completing a task takes `result` with `is_completed`).
        task_done_result {
            ru: "Выполнено", en: "Done", es: "Hecho", pt: "Concluído",
            tr: "Tamamlandı", id: "Selesai",
        }
        task_completed {
            ru: "Задача выполнена", en: "Task completed", es: "Tarea completada",
            pt: "Tarefa concluída", tr: "Görev tamamlandı", id: "Tugas selesai",
        }
        note { ru: "Заметка", en: "Note", es: "Nota", pt: "Nota", tr: "Not", id: "Catatan" }
        task { ru: "Задача", en: "Task", es: "Tarea", pt: "Tarefa", tr: "Görev", id: "Tugas" }
        stage { ru: "Этап", en: "Stage", es: "Etapa", pt: "Etapa", tr: "Aşama", id: "Tahap" }
        new_note { ru: "Новая заметка", en: "New note", es: "Nueva nota", pt: "Nova nota", tr: "Yeni not", id: "Catatan baru" }
        note_text {
            ru: "Текст заметки", en: "Note text", es: "Texto de la nota", pt: "Texto da nota",
            tr: "Not metni", id: "Isi catatan",
        }
        new_task { ru: "Новая задача", en: "New task", es: "Nueva tarea", pt: "Nova tarefa", tr: "Yeni görev", id: "Tugas baru" }
        what_to_do {
            ru: "Что сделать", en: "What to do", es: "Qué hay que hacer", pt: "O que fazer",
            tr: "Yapılacak iş", id: "Yang harus dikerjakan",
        }
        due { ru: "Срок", en: "Due", es: "Vencimiento", pt: "Prazo", tr: "Bitiş", id: "Tenggat" }
        in_1_hour {
            ru: "Через час", en: "In 1 hour", es: "En 1 hora", pt: "Em 1 hora", tr: "1 saat sonra",
            id: "1 jam lagi",
        }
        today { ru: "Сегодня", en: "Today", es: "Hoy", pt: "Hoje", tr: "Bugün", id: "Hari ini" }
        tomorrow { ru: "Завтра", en: "Tomorrow", es: "Mañana", pt: "Amanhã", tr: "Yarın", id: "Besok" }
        next_week {
            ru: "На неделе", en: "Next week", es: "La próxima semana", pt: "Próxima semana",
            tr: "Gelecek hafta", id: "Minggu depan",
        }
        custom_date { ru: "Дата…", en: "Date…", es: "Fecha…", pt: "Data…", tr: "Tarih…", id: "Tanggal…" }
        task_type {
            ru: "Тип задачи", en: "Task type", es: "Tipo de tarea", pt: "Tipo de tarefa",
            tr: "Görev türü", id: "Jenis tugas",
        }
        lead_stage {
            ru: "Этап сделки", en: "Lead stage", es: "Etapa del lead", pt: "Etapa do lead",
            tr: "Lead aşaması", id: "Tahap lead",
        }
        cancel { ru: "Отмена", en: "Cancel", es: "Cancelar", pt: "Cancelar", tr: "Vazgeç", id: "Batal" }
        saving {
            ru: "Сохраняется…", en: "Saving…", es: "Guardando…", pt: "Salvando…",
            tr: "Kaydediliyor…", id: "Menyimpan…",
        }
        save { ru: "Сохранить", en: "Save", es: "Guardar", pt: "Salvar", tr: "Kaydet", id: "Simpan" }
        complete { ru: "Выполнить", en: "Complete", es: "Completar", pt: "Concluir", tr: "Tamamla", id: "Selesaikan" }
        result { ru: "Результат", en: "Result", es: "Resultado", pt: "Resultado", tr: "Sonuç", id: "Hasil" }
        result_optional {
            ru: "Результат (необязательно)", en: "Result (optional)", es: "Resultado (opcional)",
            pt: "Resultado (opcional)", tr: "Sonuç (isteğe bağlı)", id: "Hasil (opsional)",
        }
        done { ru: "Готово", en: "Done", es: "Listo", pt: "Pronto", tr: "Tamam", id: "Selesai" }
        amo_rejected {
            ru: "amoCRM отклонил изменение.", en: "amoCRM rejected the change.",
            es: "Kommo rechazó el cambio.", pt: "O Kommo recusou a alteração.",
            tr: "Kommo değişikliği reddetti.", id: "Kommo menolak perubahan ini.",
        }
        record_not_found {
            ru: "Запись не найдена.", en: "The record was not found.",
            es: "No se encontró el registro.", pt: "O registro não foi encontrado.",
            tr: "Kayıt bulunamadı.", id: "Data tidak ditemukan.",
        }
        amo_no_access {
            ru: "Нет прав на это действие.", en: "You have no rights for this action.",
            es: "No tienes permiso para esta acción.", pt: "Você não tem permissão para esta ação.",
            tr: "Bu işlem için izniniz yok.", id: "Anda tidak punya hak untuk tindakan ini.",
        }
        rate_limited {
            ru: "Слишком много запросов, повторите через минуту.",
            en: "Too many requests, try again in a minute.",
            es: "Demasiadas solicitudes; inténtalo en un minuto.",
            pt: "Solicitações demais; tente de novo em um minuto.",
            tr: "Çok fazla istek; bir dakika sonra yeniden deneyin.",
            id: "Terlalu banyak permintaan; coba lagi dalam semenit.",
        }
        amo_unavailable {
            ru: "amoCRM не ответил. Ничего не сохранено.", en: "amoCRM did not answer. Nothing was saved.",
            es: "Kommo no respondió. No se guardó nada.", pt: "O Kommo não respondeu. Nada foi salvo.",
            tr: "Kommo yanıt vermedi. Hiçbir şey kaydedilmedi.", id: "Kommo tidak menjawab. Tidak ada yang disimpan.",
        }
        no_rights {
            ru: "Ваши права в amoCRM не позволяют это изменить.",
            en: "Your amoCRM rights do not allow this change.",
            es: "Tus permisos en Kommo no permiten este cambio.",
            pt: "Suas permissões no Kommo não permitem esta alteração.",
            tr: "Kommo izinleriniz bu değişikliğe izin vermiyor.",
            id: "Hak akses Kommo Anda tidak mengizinkan perubahan ini.",
        }
        rights_unknown {
            ru: "amoCRM не сообщил ваши права, поэтому изменения отключены. Администратору: установите интеграцию от имени администратора аккаунта.",
            en: "amoCRM did not report your rights, so changes are off. Administrator: install the integration as an account administrator.",
            es: "Kommo no informó tus permisos, así que los cambios están desactivados. Administrador: instala la integración con un usuario administrador de la cuenta.",
            pt: "O Kommo não informou suas permissões, então as alterações estão desativadas. Administrador: instale a integração com um usuário administrador da conta.",
            tr: "Kommo izinlerinizi bildirmedi, bu yüzden değişiklikler kapalı. Yöneticiye: entegrasyonu bir hesap yöneticisi olarak kurun.",
            id: "Kommo tidak melaporkan hak akses Anda, jadi perubahan dinonaktifkan. Untuk admin: pasang integrasi sebagai admin akun.",
        }
        text_empty {
            ru: "Введите текст.", en: "Enter some text.", es: "Escribe un texto.", pt: "Digite um texto.",
            tr: "Bir metin yazın.", id: "Tulis teksnya.",
        }
        due_missing {
            ru: "Укажите срок.", en: "Choose a due time.", es: "Elige un vencimiento.",
            pt: "Escolha um prazo.", tr: "Bir bitiş zamanı seçin.", id: "Pilih tenggat.",
        }
        due_past {
            ru: "Срок уже прошёл.", en: "The due time is in the past.", es: "Ese vencimiento ya pasó.",
            pt: "Esse prazo já passou.", tr: "Bitiş zamanı geçmişte kalıyor.", id: "Tenggat itu sudah lewat.",
        }
        due_too_far {
            ru: "Срок слишком далеко.", en: "The due time is too far away.",
            es: "Ese vencimiento está demasiado lejos.", pt: "Esse prazo está longe demais.",
            tr: "Bitiş zamanı çok ileride.", id: "Tenggat itu terlalu jauh.",
        }
        task_type_missing {
            ru: "Выберите тип задачи.", en: "Choose a task type.", es: "Elige un tipo de tarea.",
            pt: "Escolha um tipo de tarefa.", tr: "Bir görev türü seçin.", id: "Pilih jenis tugas.",
        }
        result_too_long {
            ru: "Результат слишком длинный.", en: "The result is too long.",
            es: "El resultado es demasiado largo.", pt: "O resultado está longo demais.",
            tr: "Sonuç çok uzun.", id: "Hasilnya terlalu panjang.",
        }
        task_not_open {
            ru: "Задача уже закрыта или не относится к карточке.",
            en: "The task is closed or does not belong to this card.",
            es: "La tarea ya está cerrada o no pertenece a esta ficha.",
            pt: "A tarefa já está fechada ou não pertence a este card.",
            tr: "Görev zaten kapalı ya da bu karta ait değil.",
            id: "Tugas sudah ditutup atau bukan milik kartu ini.",
        }
        stage_leads_only {
            ru: "Этап меняется только у сделок.", en: "Only leads have stages.",
            es: "Solo los leads tienen etapas.", pt: "Só leads têm etapas.",
            tr: "Yalnızca lead'lerin aşaması olur.", id: "Hanya lead yang punya tahap.",
        }
        pipeline_missing {
            ru: "Воронка сделки не найдена.", en: "The lead's pipeline was not found.",
            es: "No se encontró el embudo del lead.", pt: "O funil do lead não foi encontrado.",
            tr: "Lead'in satış hunisi bulunamadı.", id: "Pipeline lead tidak ditemukan.",
        }
        stage_foreign {
            ru: "Этот этап не из воронки сделки.", en: "This stage is not in the lead's pipeline.",
            es: "Esta etapa no es del embudo del lead.", pt: "Esta etapa não é do funil do lead.",
            tr: "Bu aşama lead'in satış hunisinde değil.", id: "Tahap ini bukan bagian dari pipeline lead.",
        }
        confirm_close {
            ru: "Подтвердите закрытие сделки.", en: "Confirm closing the lead.",
            es: "Confirma el cierre del lead.", pt: "Confirme o fechamento do lead.",
            tr: "Lead'in kapatılmasını onaylayın.", id: "Konfirmasi penutupan lead.",
        }
        phone_invalid {
            ru: "Неверный номер.", en: "Not a phone number.", es: "No es un número de teléfono.",
            pt: "Não é um número de telefone.", tr: "Geçerli bir telefon numarası değil.",
            id: "Bukan nomor telepon.",
        }
        call_status_missing {
            ru: "Выберите итог звонка.", en: "Choose how the call went.",
            es: "Elige cómo fue la llamada.", pt: "Escolha como foi a ligação.",
            tr: "Aramanın nasıl geçtiğini seçin.", id: "Pilih hasil panggilan.",
        }
        follow_up_missing {
            ru: "Выберите срок задачи.", en: "Choose when to follow up.",
            es: "Elige cuándo hacer el seguimiento.", pt: "Escolha quando fazer o retorno.",
            tr: "Ne zaman geri döneceğinizi seçin.", id: "Pilih kapan menindaklanjuti.",
        }
        duration_estimated {
            ru: "Длительность оценена по времени вне карточки.",
            en: "Duration estimated from the time away from the card.",
            es: "Duración estimada según el tiempo fuera de la ficha.",
            pt: "Duração estimada pelo tempo fora do card.",
            tr: "Süre, karttan uzak kalınan zamana göre tahmin edildi.",
            id: "Durasi diperkirakan dari waktu di luar kartu.",
        }
        confirm_won {
            ru: "Закрыть сделку как успешную?", en: "Close the lead as won?",
            es: "¿Cerrar el lead como ganado?", pt: "Fechar o lead como ganho?",
            tr: "Lead kazanıldı olarak kapatılsın mı?", id: "Tutup lead sebagai berhasil?",
        }
        confirm_lost {
            ru: "Закрыть сделку как нереализованную?", en: "Close the lead as lost?",
            es: "¿Cerrar el lead como perdido?", pt: "Fechar o lead como perdido?",
            tr: "Lead kaybedildi olarak kapatılsın mı?", id: "Tutup lead sebagai gagal?",
        }
        too_long {
            ru: "Не длиннее {max} символов (сейчас {len}).", en: "At most {max} characters (now {len}).",
            es: "Máximo {max} caracteres (ahora {len}).", pt: "No máximo {max} caracteres (agora {len}).",
            tr: "En fazla {max} karakter (şu an {len}).", id: "Maksimal {max} karakter (sekarang {len}).",
        }
        task_type_follow_up {
            ru: "Связаться", en: "Follow-up", es: "Seguimiento", pt: "Acompanhamento",
            tr: "Takip", id: "Tindak lanjut",
        }
        task_type_meeting {
            ru: "Встреча", en: "Meeting", es: "Reunión", pt: "Reunião", tr: "Toplantı", id: "Rapat",
        }
        preview_no_edits {
            ru: "В предпросмотре поля и раскладки не меняются: изменение записалось бы от имени выбранного пользователя.",
            en: "The preview does not edit fields or save layouts: the change would be saved in the chosen user's name.",
            es: "La vista previa no edita campos ni guarda diseños: el cambio se guardaría a nombre del usuario elegido.",
            pt: "A pré-visualização não edita campos nem salva layouts: a alteração seria salva em nome do usuário escolhido.",
            tr: "Önizleme alanları düzenlemez ve düzenleri kaydetmez: değişiklik seçilen kullanıcı adına kaydedilirdi.",
            id: "Pratinjau tidak mengubah kolom atau menyimpan tata letak: perubahan akan tersimpan atas nama pengguna yang dipilih.",
        }
        preview_read_only {
            ru: "Предпросмотр только для чтения.", en: "The preview is read-only.",
            es: "La vista previa es de solo lectura.", pt: "A pré-visualização é somente leitura.",
            tr: "Önizleme salt okunur.", id: "Pratinjau hanya bisa dibaca.",
        }
        session_expired {
            ru: "Сеанс истёк: закройте и снова откройте карточку.",
            en: "Session expired: close and reopen the card.",
            es: "La sesión caducó: cierra la ficha y vuelve a abrirla.",
            pt: "A sessão expirou: feche o card e abra de novo.",
            tr: "Oturumun süresi doldu: kartı kapatıp yeniden açın.",
            id: "Sesi berakhir: tutup lalu buka lagi kartunya.",
        }
        service_unavailable {
            ru: "Сервис временно недоступен.", en: "The service is temporarily unavailable.",
            es: "El servicio no está disponible por ahora.", pt: "O serviço está indisponível no momento.",
            tr: "Hizmet geçici olarak kullanılamıyor.", id: "Layanan sedang tidak tersedia.",
        }
    }
}

impl Lang {
    /// Texts of the quick actions.
    pub fn actions(self) -> &'static ActionTexts {
        ActionTexts::of(self)
    }
}
