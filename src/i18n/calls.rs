//! Logging a call made from the card.

use super::Lang;

texts! {
    /// The call logger sheet and the follow-up task.
    CallTexts {
        call_logged {
            ru: "Звонок записан", en: "Call logged", es: "Llamada registrada", pt: "Ligação registrada",
            tr: "Arama kaydedildi", id: "Panggilan dicatat",
        }
        no_task { ru: "Без задачи", en: "No task", es: "Sin tarea", pt: "Sem tarefa", tr: "Görev yok", id: "Tanpa tugas" }
        outcome { ru: "Итог", en: "Outcome", es: "Resultado", pt: "Resultado", tr: "Sonuç", id: "Hasil" }
        comment { ru: "Комментарий", en: "Comment", es: "Comentario", pt: "Comentário", tr: "Yorum", id: "Komentar" }
        comment_optional {
            ru: "Комментарий (необязательно)", en: "Comment (optional)", es: "Comentario (opcional)",
            pt: "Comentário (opcional)", tr: "Yorum (isteğe bağlı)", id: "Komentar (opsional)",
        }
        follow_up_task {
            ru: "Задача перезвонить", en: "Follow-up task", es: "Tarea de seguimiento",
            pt: "Tarefa de retorno", tr: "Geri arama görevi", id: "Tugas tindak lanjut",
        }
        not_now { ru: "Не сейчас", en: "Not now", es: "Ahora no", pt: "Agora não", tr: "Şimdi değil", id: "Nanti saja" }
        log_call { ru: "Записать", en: "Log call", es: "Registrar", pt: "Registrar", tr: "Kaydet", id: "Catat" }
        log_call_to {
            ru: "Записать звонок: {who}?", en: "Log the call to {who}?",
            es: "¿Registrar la llamada a {who}?", pt: "Registrar a ligação para {who}?",
            tr: "{who} ile yapılan arama kaydedilsin mi?", id: "Catat panggilan ke {who}?",
        }
        minutes_estimate {
            ru: "≈ {minutes} мин (оценка по времени вне карточки)",
            en: "≈ {minutes} min (estimated from your time away)",
            es: "≈ {minutes} min (estimado por tu tiempo fuera)",
            pt: "≈ {minutes} min (estimado pelo tempo fora)",
            tr: "≈ {minutes} dk (uzakta geçen süreye göre tahmin)",
            id: "≈ {minutes} mnt (perkiraan dari waktu di luar kartu)",
        }
        comment_too_long {
            ru: "Не длиннее {max} символов.", en: "At most {max} characters.",
            es: "Máximo {max} caracteres.", pt: "No máximo {max} caracteres.",
            tr: "En fazla {max} karakter.", id: "Maksimal {max} karakter.",
        }
        call_back_task {
            ru: "Перезвонить после звонка", en: "Call back after the call",
            es: "Volver a llamar tras la llamada", pt: "Retornar depois da ligação",
            tr: "Görüşmeden sonra geri ara", id: "Telepon balik setelah panggilan",
        }
        logged_without_task {
            ru: "Звонок записан, но задача не создана: {message}",
            en: "The call was logged, but the task was not created: {message}",
            es: "La llamada se registró, pero la tarea no se creó: {message}",
            pt: "A ligação foi registrada, mas a tarefa não foi criada: {message}",
            tr: "Arama kaydedildi ama görev oluşturulamadı: {message}",
            id: "Panggilan dicatat, tetapi tugas tidak dibuat: {message}",
        }
    }
}

impl Lang {
    /// Texts of the call logger.
    pub fn calls(self) -> &'static CallTexts {
        CallTexts::of(self)
    }
}
