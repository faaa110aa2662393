//! The preview's controls, in the language the card is previewed in.

use super::Lang;

texts! {
    /// Labels of the preview page.
    PreviewTexts {
        heading {
            ru: "Предпросмотр", en: "Preview", es: "Vista previa", pt: "Pré-visualização",
            tr: "Önizleme", id: "Pratinjau",
        }
        kind { ru: "Карточка", en: "Card", es: "Ficha", pt: "Tipo de card", tr: "Kart", id: "Kartu" }
        lead { ru: "сделка", en: "lead", es: "lead", pt: "lead", tr: "lead", id: "lead" }
        customer { ru: "покупатель", en: "customer", es: "cliente", pt: "cliente", tr: "müşteri", id: "pelanggan" }
        state { ru: "Состояние", en: "State", es: "Estado", pt: "Estado", tr: "Durum", id: "Keadaan" }
        scheme { ru: "Оформление", en: "Appearance", es: "Apariencia", pt: "Aparência", tr: "Görünüm", id: "Tampilan" }
        light { ru: "светлое", en: "light", es: "claro", pt: "claro", tr: "açık", id: "terang" }
        dark { ru: "тёмное", en: "dark", es: "oscuro", pt: "escuro", tr: "koyu", id: "gelap" }
        lang { ru: "Язык", en: "Language", es: "Idioma", pt: "Idioma", tr: "Dil", id: "Bahasa" }
        width { ru: "Ширина", en: "Width", es: "Ancho", pt: "Largura", tr: "Genişlik", id: "Lebar" }
        record { ru: "ID записи", en: "Record ID", es: "ID del registro", pt: "ID do registro", tr: "Kayıt kimliği", id: "ID data" }
        user { ru: "Пользователь", en: "User", es: "Usuario", pt: "Usuário", tr: "Kullanıcı", id: "Pengguna" }
        account { ru: "Аккаунт", en: "Account", es: "Cuenta", pt: "Conta", tr: "Hesap", id: "Akun" }
        color {
            ru: "Цвет заголовка", en: "Title colour", es: "Color del título", pt: "Cor do título",
            tr: "Başlık rengi", id: "Warna judul",
        }
        link {
            ru: "Ссылка на этот вид", en: "Link to this view", es: "Enlace a esta vista",
            pt: "Link para esta visualização", tr: "Bu görünümün bağlantısı", id: "Tautan ke tampilan ini",
        }
        one_state {
            ru: "Одно состояние", en: "One state", es: "Un solo estado", pt: "Um só estado",
            tr: "Tek durum", id: "Satu keadaan",
        }
        gallery {
            ru: "Галерея: все состояния, светлые и тёмные",
            en: "Gallery: every state, light and dark",
            es: "Galería: todos los estados, claros y oscuros",
            pt: "Galeria: todos os estados, claros e escuros",
            tr: "Galeri: tüm durumlar, açık ve koyu",
            id: "Galeri: semua keadaan, terang dan gelap",
        }
        widget {
            ru: "Архив виджета", en: "Widget archive", es: "Archivo del widget", pt: "Arquivo do widget",
            tr: "Widget arşivi", id: "Arsip widget",
        }
        support_email {
            ru: "E-mail поддержки", en: "Support e-mail", es: "Correo de soporte", pt: "E-mail de suporte",
            tr: "Destek e-postası", id: "Email dukungan",
        }
        download { ru: "Скачать", en: "Download", es: "Descargar", pt: "Baixar", tr: "İndir", id: "Unduh" }
    }
}

impl Lang {
    /// Texts of the preview page.
    pub fn preview(self) -> &'static PreviewTexts {
        PreviewTexts::of(self)
    }
}
