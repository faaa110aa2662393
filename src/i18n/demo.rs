//! The demo's start page (demo mode only): what this is and where to go.

use super::Lang;

texts! {
    /// The demo's front door at `/`.
    DemoTexts {
        title {
            ru: "Демо карточки amoCRM", en: "amoCRM card demo", es: "Demo de la ficha de Kommo",
            pt: "Demonstração do card do Kommo", tr: "Kommo kartı demosu", id: "Demo kartu Kommo",
        }
        intro {
            ru: "Карточка интеграции в приложении amoCRM на iPhone, с примерами данных из встроенного демо-amoCRM. Каждая ссылка открывает карточку так, как её открывает приложение.",
            en: "An integration's card in the amoCRM iPhone app, with sample data from a built-in demo amoCRM. Each link opens the card as the app opens it.",
            es: "La ficha de una integración en la app de Kommo para iPhone, con datos de ejemplo de un Kommo de demostración integrado. Cada enlace abre la ficha como la abre la app.",
            pt: "O card de uma integração no app do Kommo para iPhone, com dados de exemplo de um Kommo de demonstração embutido. Cada link abre o card como o app o abre.",
            tr: "Bir entegrasyonun iPhone Kommo uygulamasındaki kartı; yerleşik bir demo Kommo'dan örnek verilerle. Her bağlantı kartı uygulamanın açtığı gibi açar.",
            id: "Kartu integrasi di aplikasi Kommo untuk iPhone, dengan data contoh dari Kommo demo bawaan. Setiap tautan membuka kartu seperti aplikasi membukanya.",
        }
        cards { ru: "Карточки", en: "Cards", es: "Fichas", pt: "Exemplos de cards", tr: "Kartlar", id: "Kartu" }
        lead {
            ru: "Сделка с контактами, задачами и историей", en: "A lead with contacts, tasks and history",
            es: "Un lead con contactos, tareas e historial", pt: "Um lead com contatos, tarefas e histórico",
            tr: "Kişileri, görevleri ve geçmişiyle bir lead", id: "Lead dengan kontak, tugas, dan riwayat",
        }
        customer {
            ru: "Покупатель и его следующая покупка", en: "A customer and their next purchase",
            es: "Un cliente y su próxima compra", pt: "Um cliente e sua próxima compra",
            tr: "Bir müşteri ve sonraki satın alması", id: "Pelanggan dan pembelian berikutnya",
        }
        stale {
            ru: "Сделка, застрявшая на этапе", en: "A deal stuck in its stage",
            es: "Un trato estancado en su etapa", pt: "Um negócio parado na etapa",
            tr: "Aşamasında takılmış bir anlaşma", id: "Kesepakatan yang macet di tahapnya",
        }
        won {
            ru: "Выигранная сделка (на английском)", en: "A won deal (in English)",
            es: "Un trato ganado (en inglés)", pt: "Um negócio ganho (em inglês)",
            tr: "Kazanılmış bir anlaşma (İngilizce)", id: "Kesepakatan yang dimenangkan (bahasa Inggris)",
        }
        limited {
            ru: "Пользователь, который видит только свои контакты", en: "A user who sees only their own contacts",
            es: "Un usuario que solo ve sus propios contactos", pt: "Um usuário que só vê os próprios contatos",
            tr: "Yalnızca kendi kişilerini gören bir kullanıcı", id: "Pengguna yang hanya melihat kontaknya sendiri",
        }
        languages {
            ru: "Языки пользователей", en: "Users' languages", es: "Idiomas de los usuarios",
            pt: "Idiomas dos usuários", tr: "Kullanıcıların dilleri", id: "Bahasa pengguna",
        }
        admin {
            ru: "Для администратора", en: "For the administrator", es: "Para el administrador",
            pt: "Para o administrador", tr: "Yönetici için", id: "Untuk admin",
        }
        layout {
            ru: "Раскладка карточки: откройте сделку и нажмите «Настроить карточку»",
            en: "The card's layout: open the lead and tap “Customise card”",
            es: "El diseño de la ficha: abre el lead y toca «Personalizar ficha»",
            pt: "O layout do card: abra o lead e toque em “Personalizar card”",
            tr: "Kartın düzeni: lead'i açıp “Kartı özelleştir”e dokunun",
            id: "Tata letak kartu: buka lead lalu ketuk “Atur kartu”",
        }
        preview {
            ru: "Предпросмотр на компьютере", en: "Desktop preview", es: "Vista previa de escritorio",
            pt: "Pré-visualização no computador", tr: "Masaüstü önizlemesi", id: "Pratinjau desktop",
        }
        gallery {
            ru: "Все состояния карточки рядом", en: "Every state of the card side by side",
            es: "Todos los estados de la ficha lado a lado", pt: "Todos os estados do card lado a lado",
            tr: "Kartın tüm durumları yan yana", id: "Semua keadaan kartu berdampingan",
        }
    }
}

impl Lang {
    pub fn demo(self) -> &'static DemoTexts {
        DemoTexts::of(self)
    }
}
