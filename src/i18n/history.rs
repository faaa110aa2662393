//! The record's recent history: notes and calls.

use super::Lang;
use crate::model::CallStatus;

texts! {
    /// The history section.
    HistoryTexts {
        title { ru: "История", en: "History", es: "Historial", pt: "Histórico", tr: "Geçmiş", id: "Riwayat" }
        show_more {
            ru: "Показать ещё", en: "Show more", es: "Ver más", pt: "Ver mais", tr: "Daha fazla",
            id: "Tampilkan lagi",
        }
        read_whole {
            ru: "Читать полностью", en: "Read all", es: "Leer completo", pt: "Ler tudo",
            tr: "Tamamını oku", id: "Baca selengkapnya",
        }
        recording {
            ru: "Запись разговора", en: "Call recording", es: "Grabación de la llamada",
            pt: "Gravação da ligação", tr: "Görüşme kaydı", id: "Rekaman panggilan",
        }
        load_failed {
            ru: "Не удалось загрузить", en: "Could not load", es: "No se pudo cargar",
            pt: "Não foi possível carregar", tr: "Yüklenemedi", id: "Gagal memuat",
        }
    }
}

impl Lang {
    /// Texts of the history section.
    pub fn history(self) -> &'static HistoryTexts {
        HistoryTexts::of(self)
    }

    pub fn call_title(self, incoming: bool) -> &'static str {
        match (self, incoming) {
            (Lang::Ru, true) => "Входящий звонок",
            (Lang::Ru, false) => "Исходящий звонок",
            (Lang::En, true) => "Incoming call",
            (Lang::En, false) => "Outgoing call",
            (Lang::Es, true) => "Llamada entrante",
            (Lang::Es, false) => "Llamada saliente",
            (Lang::Pt, true) => "Ligação recebida",
            (Lang::Pt, false) => "Ligação feita",
            (Lang::Tr, true) => "Gelen arama",
            (Lang::Tr, false) => "Giden arama",
            (Lang::Id, true) => "Panggilan masuk",
            (Lang::Id, false) => "Panggilan keluar",
        }
    }

    pub fn call_status(self, status: CallStatus) -> &'static str {
        use CallStatus::*;
        match (self, status) {
            (Lang::Ru, Talked) => "Разговор состоялся",
            (Lang::Ru, LeftMessage) => "Оставил сообщение",
            (Lang::Ru, CallBackLater) => "Перезвонить позже",
            (Lang::Ru, NotAvailable) => "Нет на месте",
            (Lang::Ru, WrongNumber) => "Неверный номер",
            (Lang::Ru, NoAnswer) => "Не дозвонился",
            (Lang::Ru, Busy) => "Номер занят",
            (Lang::En, Talked) => "Talked",
            (Lang::En, LeftMessage) => "Left a message",
            (Lang::En, CallBackLater) => "Call back later",
            (Lang::En, NotAvailable) => "Not available",
            (Lang::En, WrongNumber) => "Wrong number",
            (Lang::En, NoAnswer) => "No answer",
            (Lang::En, Busy) => "Busy",
            (Lang::Es, Talked) => "Hablamos",
            (Lang::Es, LeftMessage) => "Dejé un mensaje",
            (Lang::Es, CallBackLater) => "Volver a llamar",
            (Lang::Es, NotAvailable) => "No estaba disponible",
            (Lang::Es, WrongNumber) => "Número equivocado",
            (Lang::Es, NoAnswer) => "No contestó",
            (Lang::Es, Busy) => "Ocupado",
            (Lang::Pt, Talked) => "Conversamos",
            (Lang::Pt, LeftMessage) => "Deixei recado",
            (Lang::Pt, CallBackLater) => "Ligar mais tarde",
            (Lang::Pt, NotAvailable) => "Não estava disponível",
            (Lang::Pt, WrongNumber) => "Número errado",
            (Lang::Pt, NoAnswer) => "Não atendeu",
            (Lang::Pt, Busy) => "Ocupado",
            (Lang::Tr, Talked) => "Görüşüldü",
            (Lang::Tr, LeftMessage) => "Mesaj bırakıldı",
            (Lang::Tr, CallBackLater) => "Sonra aranacak",
            (Lang::Tr, NotAvailable) => "Müsait değildi",
            (Lang::Tr, WrongNumber) => "Yanlış numara",
            (Lang::Tr, NoAnswer) => "Cevap yok",
            (Lang::Tr, Busy) => "Meşgul",
            (Lang::Id, Talked) => "Sudah bicara",
            (Lang::Id, LeftMessage) => "Meninggalkan pesan",
            (Lang::Id, CallBackLater) => "Telepon lagi nanti",
            (Lang::Id, NotAvailable) => "Sedang tidak ada",
            (Lang::Id, WrongNumber) => "Nomor salah",
            (Lang::Id, NoAnswer) => "Tidak diangkat",
            (Lang::Id, Busy) => "Sibuk",
        }
    }

    /// A call's length: `5 min 12 s`.
    pub fn duration(self, secs: i64) -> String {
        let (m, s) = (secs / 60, secs % 60);
        let (min, sec) = match self {
            Lang::Ru => ("мин", "с"),
            Lang::En | Lang::Es | Lang::Pt => ("min", "s"),
            Lang::Tr => ("dk", "sn"),
            Lang::Id => ("mnt", "dtk"),
        };
        match (m, s) {
            (0, s) => format!("{s} {sec}"),
            (m, 0) => format!("{m} {min}"),
            (m, s) => format!("{m} {min} {s} {sec}"),
        }
    }
}
