//! The card's layout: the admin's entry, the editor, and what a save answers.

use super::Lang;
use crate::model::Section;

texts! {
    /// The layout editor and its answers.
    LayoutTexts {
        customise {
            ru: "Настроить карточку", en: "Customise card", es: "Personalizar ficha",
            pt: "Personalizar card", tr: "Kartı özelleştir", id: "Atur kartu",
        }
        title {
            ru: "Вид карточки", en: "Card layout", es: "Diseño de la ficha", pt: "Layout do card",
            tr: "Kart düzeni", id: "Tata letak kartu",
        }
        key_fields {
            ru: "Главные поля", en: "Key fields", es: "Campos clave", pt: "Campos principais",
            tr: "Temel alanlar", id: "Kolom utama",
        }
        key_fields_hint {
            ru: "Показываются первыми, в этом порядке. Не больше {max}.",
            en: "Shown first, in this order. At most {max}.",
            es: "Se muestran primero, en este orden. Máximo {max}.",
            pt: "Aparecem primeiro, nesta ordem. No máximo {max}.",
            tr: "İlk önce, bu sırayla gösterilir. En fazla {max}.",
            id: "Ditampilkan paling atas, sesuai urutan ini. Maksimal {max}.",
        }
        other_fields {
            ru: "Остальные поля", en: "Other fields", es: "Otros campos", pt: "Outros campos",
            tr: "Diğer alanlar", id: "Kolom lainnya",
        }
        header_field {
            ru: "Поле в заголовке", en: "Header field", es: "Campo del encabezado",
            pt: "Campo do cabeçalho", tr: "Başlık alanı", id: "Kolom di judul",
        }
        no_header { ru: "Нет", en: "None", es: "Ninguno", pt: "Nenhum", tr: "Yok", id: "Tidak ada" }
        sections { ru: "Разделы", en: "Sections", es: "Secciones", pt: "Seções", tr: "Bölümler", id: "Bagian" }
        add { ru: "Добавить", en: "Add", es: "Añadir", pt: "Adicionar", tr: "Ekle", id: "Tambah" }
        remove { ru: "Убрать", en: "Remove", es: "Quitar", pt: "Remover", tr: "Kaldır", id: "Hapus" }
        up { ru: "Выше", en: "Move up", es: "Subir", pt: "Subir", tr: "Yukarı taşı", id: "Naikkan" }
        down { ru: "Ниже", en: "Move down", es: "Bajar", pt: "Descer", tr: "Aşağı taşı", id: "Turunkan" }
        hide { ru: "Скрыть", en: "Hide", es: "Ocultar", pt: "Ocultar", tr: "Gizle", id: "Sembunyikan" }
        show { ru: "Показать", en: "Show", es: "Mostrar", pt: "Mostrar", tr: "Göster", id: "Tampilkan" }
        hidden { ru: "скрыт", en: "hidden", es: "oculta", pt: "oculta", tr: "gizli", id: "tersembunyi" }
        make_header {
            ru: "В заголовок", en: "Use as header", es: "Usar en el encabezado",
            pt: "Usar no cabeçalho", tr: "Başlıkta göster", id: "Jadikan judul",
        }
        preview {
            ru: "Так будет выглядеть карточка", en: "How the card will look",
            es: "Así se verá la ficha", pt: "Assim o card vai ficar",
            tr: "Kart böyle görünecek", id: "Tampilan kartu nanti",
        }
        back {
            ru: "К карточке", en: "Back to the card", es: "Volver a la ficha", pt: "Voltar ao card",
            tr: "Karta dön", id: "Kembali ke kartu",
        }
        saved {
            ru: "Вид карточки сохранён", en: "Card layout saved", es: "Diseño de la ficha guardado",
            pt: "Layout do card salvo", tr: "Kart düzeni kaydedildi", id: "Tata letak kartu disimpan",
        }
        changed {
            ru: "Пока вы редактировали, вид карточки изменил другой администратор. Откройте настройку снова: там текущий вид.",
            en: "Another administrator changed this layout while you were editing. Open the editor again to see the current one.",
            es: "Otro administrador cambió este diseño mientras editabas. Abre el editor de nuevo para ver el actual.",
            pt: "Outro administrador alterou este layout enquanto você editava. Abra o editor de novo para ver o atual.",
            tr: "Siz düzenlerken başka bir yönetici bu düzeni değiştirdi. Güncel hâlini görmek için düzenleyiciyi yeniden açın.",
            id: "Admin lain mengubah tata letak ini saat Anda menyunting. Buka lagi editor untuk melihat yang terbaru.",
        }
        admins_only {
            ru: "Вид карточки меняют только администраторы аккаунта.",
            en: "Only account administrators can change the card layout.",
            es: "Solo los administradores de la cuenta pueden cambiar el diseño de la ficha.",
            pt: "Só administradores da conta podem alterar o layout do card.",
            tr: "Kart düzenini yalnızca hesap yöneticileri değiştirebilir.",
            id: "Hanya admin akun yang bisa mengubah tata letak kartu.",
        }
        unknown_field {
            ru: "Поля «{id}» нет среди полей этой карточки.",
            en: "Field \u{201c}{id}\u{201d} is not one of this card's fields.",
            es: "El campo «{id}» no es de esta ficha.",
            pt: "O campo \u{201c}{id}\u{201d} não é deste card.",
            tr: "\u{201c}{id}\u{201d} alanı bu karta ait değil.",
            id: "Kolom \u{201c}{id}\u{201d} bukan kolom kartu ini.",
        }
        field_twice {
            ru: "Поле {id} указано дважды.", en: "Field {id} is listed twice.",
            es: "El campo {id} aparece dos veces.", pt: "O campo {id} aparece duas vezes.",
            tr: "{id} alanı iki kez yazılmış.", id: "Kolom {id} tercantum dua kali.",
        }
        too_many {
            ru: "Не больше {max} главных полей.", en: "At most {max} key fields.",
            es: "Máximo {max} campos clave.", pt: "No máximo {max} campos principais.",
            tr: "En fazla {max} temel alan.", id: "Maksimal {max} kolom utama.",
        }
        bad_section {
            ru: "Неизвестный раздел: {name}.", en: "Unknown section: {name}.",
            es: "Sección desconocida: {name}.", pt: "Seção desconhecida: {name}.",
            tr: "Bilinmeyen bölüm: {name}.", id: "Bagian tidak dikenal: {name}.",
        }
        stale_title {
            ru: "Зависшие сделки", en: "Stale deals", es: "Tratos estancados", pt: "Negócios parados",
            tr: "Durgun anlaşmalar", id: "Deal macet",
        }
        stale_hint {
            ru: "Через сколько дней на этапе карточка предупредит, что сделка зависла. Пусто — никогда.",
            en: "After how many days in a stage the card warns that the deal is stale. Empty: never.",
            es: "Tras cuántos días en una etapa la ficha avisa de que el trato está estancado. Vacío: nunca.",
            pt: "Após quantos dias numa etapa o card avisa que o negócio está parado. Vazio: nunca.",
            tr: "Bir aşamada kaç gün sonra kartın anlaşmanın durgun olduğunu uyaracağı. Boş: asla.",
            id: "Setelah berapa hari di satu tahap kartu memperingatkan bahwa deal macet. Kosong: tidak pernah.",
        }
        stale_days_of {
            ru: "Дней до застоя: {stage}", en: "Days until stale: {stage}", es: "Días hasta estancarse: {stage}",
            pt: "Dias até parar: {stage}", tr: "Durgunluğa kadar gün: {stage}", id: "Hari sampai macet: {stage}",
        }
        stale_no_stages {
            ru: "Только этапы воронок сделок могут зависать.", en: "Only the stages of a deal pipeline can go stale.",
            es: "Solo las etapas de un embudo de tratos pueden estancarse.", pt: "Só as etapas de um funil de negócios podem ficar paradas.",
            tr: "Yalnızca anlaşma hunisinin aşamaları durgunlaşabilir.", id: "Hanya tahap pipeline deal yang bisa macet.",
        }
        bad_stale_days {
            ru: "«{item}»: укажите этап и число дней от 1 до {max}.",
            en: "“{item}”: give a stage and a whole number of days from 1 to {max}.",
            es: "«{item}»: indica una etapa y un número entero de días de 1 a {max}.",
            pt: "“{item}”: informe uma etapa e um número inteiro de dias de 1 a {max}.",
            tr: "“{item}”: bir aşama ve 1 ile {max} arasında tam gün sayısı girin.",
            id: "“{item}”: isi tahap dan jumlah hari bulat dari 1 sampai {max}.",
        }
        bad_stale_stage {
            ru: "Этапа {id} нет среди открытых этапов этой воронки.",
            en: "Stage {id} is not an open stage of this pipeline.",
            es: "La etapa {id} no es una etapa abierta de este embudo.",
            pt: "A etapa {id} não é uma etapa aberta deste funil.",
            tr: "{id} aşaması bu huninin açık aşamalarından biri değil.",
            id: "Tahap {id} bukan tahap terbuka pipeline ini.",
        }
        bad_scope {
            ru: "Такой воронки нет в аккаунте.", en: "There is no such pipeline in this account.",
            es: "Ese embudo no existe en la cuenta.", pt: "Esse funil não existe na conta.",
            tr: "Hesapta böyle bir satış hunisi yok.", id: "Pipeline itu tidak ada di akun ini.",
        }
    }
}

impl Lang {
    /// Texts of the layout editor.
    pub fn layout(self) -> &'static LayoutTexts {
        LayoutTexts::of(self)
    }

    /// A section's name as the editor lists it.
    pub fn section(self, section: Section) -> &'static str {
        match section {
            Section::Contacts => self.card().contacts,
            Section::Company => self.card().company,
            Section::Tasks => self.card().open_tasks,
            Section::History => self.history().title,
            Section::Fields => self.layout().other_fields,
        }
    }
}
