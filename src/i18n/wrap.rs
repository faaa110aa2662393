//! "After the meeting": the one sheet for the update after a meeting (#41),
//! and what its answer says about each part.

use super::Lang;

texts! {
    /// The after-meeting sheet and its answers.
    WrapTexts {
        open {
            ru: "После встречи", en: "After the meeting", es: "Tras la reunión", pt: "Após a reunião",
            tr: "Görüşmeden sonra", id: "Setelah pertemuan",
        }
        what_happened {
            ru: "Что было", en: "What happened", es: "Qué pasó", pt: "O que aconteceu",
            tr: "Ne oldu", id: "Apa yang terjadi",
        }
        no_change {
            ru: "Без изменений", en: "No change", es: "Sin cambios", pt: "Sem mudança",
            tr: "Değişiklik yok", id: "Tidak berubah",
        }
        confirm_close {
            ru: "Да, закрыть сделку этим этапом", en: "Yes, close the deal with this stage",
            es: "Sí, cerrar el trato con esta etapa", pt: "Sim, fechar o negócio nesta etapa",
            tr: "Evet, anlaşmayı bu aşamayla kapat", id: "Ya, tutup deal dengan tahap ini",
        }
        next_step {
            ru: "Следующий шаг", en: "Next step", es: "Próximo paso", pt: "Próximo passo",
            tr: "Sonraki adım", id: "Langkah berikutnya",
        }
        in_3_days {
            ru: "Через 3 дня", en: "In 3 days", es: "En 3 días", pt: "Em 3 dias", tr: "3 gün sonra",
            id: "3 hari lagi",
        }
        empty {
            ru: "Заполните хотя бы одну часть.", en: "Fill in at least one part.",
            es: "Rellena al menos una parte.", pt: "Preencha pelo menos uma parte.",
            tr: "En az bir bölümü doldurun.", id: "Isi setidaknya satu bagian.",
        }
        changed {
            ru: "Сделку изменили в amoCRM, пока карточка была открыта: ничего не сохранено. Проверьте этап и бюджет и сохраните снова.",
            en: "The deal was changed in amoCRM while the card was open: nothing was saved. Check the stage and budget and save again.",
            es: "El trato cambió en Kommo mientras la ficha estaba abierta: no se guardó nada. Revisa la etapa y el presupuesto y guarda de nuevo.",
            pt: "O negócio mudou no Kommo enquanto o card estava aberto: nada foi salvo. Confira a etapa e o orçamento e salve de novo.",
            tr: "Kart açıkken anlaşma Kommo'da değişti: hiçbir şey kaydedilmedi. Aşamayı ve bütçeyi kontrol edip yeniden kaydedin.",
            id: "Deal diubah di Kommo saat kartu terbuka: tidak ada yang disimpan. Periksa tahap dan anggaran lalu simpan lagi.",
        }
        saved {
            ru: "Сохранено", en: "Saved", es: "Guardado", pt: "Salvo", tr: "Kaydedildi", id: "Tersimpan",
        }
        part_lead {
            ru: "этап и бюджет", en: "stage and budget", es: "etapa y presupuesto", pt: "etapa e orçamento",
            tr: "aşama ve bütçe", id: "tahap dan anggaran",
        }
        part_customer {
            ru: "следующая покупка", en: "next purchase", es: "próxima compra", pt: "próxima compra",
            tr: "sonraki satın alma", id: "pembelian berikutnya",
        }
        part_note {
            ru: "заметка", en: "note", es: "nota", pt: "nota", tr: "not", id: "catatan",
        }
        part_task {
            ru: "задача", en: "task", es: "tarea", pt: "tarefa", tr: "görev", id: "tugas",
        }
        saved_parts {
            ru: "Сохранено: {parts}.", en: "Saved: {parts}.", es: "Guardado: {parts}.", pt: "Salvo: {parts}.",
            tr: "Kaydedildi: {parts}.", id: "Tersimpan: {parts}.",
        }
        not_saved {
            ru: "Не сохранено: {parts} — {why}", en: "Not saved: {parts} — {why}",
            es: "No guardado: {parts} — {why}", pt: "Não salvo: {parts} — {why}",
            tr: "Kaydedilmedi: {parts} — {why}", id: "Tidak tersimpan: {parts} — {why}",
        }
        maybe_saved {
            ru: "Возможно, сохранено: {parts} — проверьте историю карточки, прежде чем отправлять снова.",
            en: "May have been saved: {parts} — look at the card's history before sending it again.",
            es: "Puede que se haya guardado: {parts} — revisa el historial de la ficha antes de enviarlo de nuevo.",
            pt: "Pode ter sido salvo: {parts} — veja o histórico do card antes de enviar de novo.",
            tr: "Kaydedilmiş olabilir: {parts} — yeniden göndermeden önce kartın geçmişine bakın.",
            id: "Mungkin sudah tersimpan: {parts} — lihat riwayat kartu sebelum mengirim lagi.",
        }
    }
}

impl Lang {
    /// Texts of the after-meeting sheet.
    pub fn wrap(self) -> &'static WrapTexts {
        WrapTexts::of(self)
    }
}
