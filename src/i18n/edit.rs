//! Editing a field from the card: the rows' labels, the sheet, and what a
//! save answers (a conflict, a refusal, a value amoCRM would not take).

use super::Lang;
use crate::model::FieldType;

texts! {
    /// The edit sheet and its answers.
    EditTexts {
        not_set {
            ru: "Не указано", en: "Not set", es: "Sin definir", pt: "Não definido",
            tr: "Belirtilmemiş", id: "Belum diisi",
        }
        edit_field {
            ru: "Изменить: {field}", en: "Edit {field}", es: "Editar {field}",
            pt: "Editar {field}", tr: "Düzenle: {field}", id: "Ubah {field}",
        }
        budget { ru: "Бюджет", en: "Budget", es: "Presupuesto", pt: "Orçamento", tr: "Bütçe", id: "Anggaran" }
        next_amount {
            ru: "Сумма следующей покупки", en: "Next purchase amount",
            es: "Monto de la próxima compra", pt: "Valor da próxima compra",
            tr: "Sonraki satın alma tutarı", id: "Nilai pembelian berikutnya",
        }
        saved {
            ru: "Поле сохранено", en: "Field saved", es: "Campo guardado", pt: "Campo salvo",
            tr: "Alan kaydedildi", id: "Kolom disimpan",
        }
        conflict_lead {
            ru: "Эта сделка изменилась в amoCRM после того, как вы открыли карточку. Сейчас: {current}. Сохраните ещё раз, чтобы записать ваше значение: {yours}.",
            en: "This deal changed in amoCRM after you opened the card. Now: {current}. Save again to apply yours: {yours}.",
            es: "Este lead cambió en Kommo después de que abriste la ficha. Ahora: {current}. Guarda de nuevo para aplicar el tuyo: {yours}.",
            pt: "Este lead mudou no Kommo depois que você abriu o card. Agora: {current}. Salve de novo para aplicar o seu: {yours}.",
            tr: "Bu fırsat, kartı açtıktan sonra Kommo'da değişti. Şimdi: {current}. Sizinkini uygulamak için yeniden kaydedin: {yours}.",
            id: "Lead ini berubah di Kommo setelah Anda membuka kartu. Sekarang: {current}. Simpan lagi untuk menerapkan nilai Anda: {yours}.",
        }
        conflict_customer {
            ru: "Этот покупатель изменился в amoCRM после того, как вы открыли карточку. Сейчас: {current}. Сохраните ещё раз, чтобы записать ваше значение: {yours}.",
            en: "This customer changed in amoCRM after you opened the card. Now: {current}. Save again to apply yours: {yours}.",
            es: "Este cliente cambió en Kommo después de que abriste la ficha. Ahora: {current}. Guarda de nuevo para aplicar el tuyo: {yours}.",
            pt: "Este cliente mudou no Kommo depois que você abriu o card. Agora: {current}. Salve de novo para aplicar o seu: {yours}.",
            tr: "Bu müşteri, kartı açtıktan sonra Kommo'da değişti. Şimdi: {current}. Sizinkini uygulamak için yeniden kaydedin: {yours}.",
            id: "Pelanggan ini berubah di Kommo setelah Anda membuka kartu. Sekarang: {current}. Simpan lagi untuk menerapkan nilai Anda: {yours}.",
        }
        stale_card {
            ru: "Карточка устарела: обновите её", en: "The card is out of date: refresh it",
            es: "La ficha está desactualizada: actualízala", pt: "O card está desatualizado: atualize-o",
            tr: "Kart güncel değil: yenileyin", id: "Kartu sudah usang: muat ulang",
        }
        not_editable {
            ru: "Это поле нельзя изменить из карточки", en: "This field cannot be edited from the card",
            es: "Este campo no se puede editar desde la ficha", pt: "Este campo não pode ser editado pelo card",
            tr: "Bu alan karttan düzenlenemez", id: "Kolom ini tidak dapat diubah dari kartu",
        }
        field_gone {
            ru: "Этого поля больше нет в amoCRM", en: "This field no longer exists in amoCRM",
            es: "Este campo ya no existe en Kommo", pt: "Este campo não existe mais no Kommo",
            tr: "Bu alan artık Kommo'da yok", id: "Kolom ini sudah tidak ada di Kommo",
        }
        empty {
            ru: "Введите значение", en: "Enter a value", es: "Introduce un valor",
            pt: "Digite um valor", tr: "Bir değer girin", id: "Masukkan nilai",
        }
        not_number {
            ru: "Это не число", en: "That is not a number", es: "Eso no es un número",
            pt: "Isso não é um número", tr: "Bu bir sayı değil", id: "Itu bukan angka",
        }
        not_whole {
            ru: "Введите сумму целым числом", en: "Enter a whole amount", es: "Introduce un importe entero",
            pt: "Digite um valor inteiro", tr: "Tam sayı bir tutar girin", id: "Masukkan jumlah bulat",
        }
        range {
            ru: "Допустимо от {min} до {max}", en: "Allowed: {min} to {max}",
            es: "Permitido: de {min} a {max}", pt: "Permitido: de {min} até {max}",
            tr: "İzin verilen: {min} ile {max} arası", id: "Diizinkan: {min} sampai {max}",
        }
        unknown_option {
            ru: "«{value}» — не вариант этого поля", en: "“{value}” is not one of this field's options",
            es: "«{value}» no es una opción de este campo", pt: "“{value}” não é uma opção deste campo",
            tr: "“{value}” bu alanın seçeneklerinden biri değil", id: "“{value}” bukan pilihan kolom ini",
        }
        bad_date {
            ru: "Введите дату как ГГГГ-ММ-ДД", en: "Enter the date as YYYY-MM-DD",
            es: "Escribe la fecha como AAAA-MM-DD", pt: "Digite a data como AAAA-MM-DD",
            tr: "Tarihi YYYY-AA-GG olarak girin", id: "Masukkan tanggal sebagai TTTT-BB-HH",
        }
        bad_datetime {
            ru: "Введите дату и время как ГГГГ-ММ-ДДTЧЧ:ММ", en: "Enter the date and time as YYYY-MM-DDTHH:MM",
            es: "Escribe la fecha y la hora como AAAA-MM-DDTHH:MM", pt: "Digite a data e a hora como AAAA-MM-DDTHH:MM",
            tr: "Tarih ve saati YYYY-AA-GGTSS:DD olarak girin", id: "Masukkan tanggal dan waktu sebagai TTTT-BB-HHTJJ:MM",
        }
        not_web {
            ru: "Адрес должен начинаться с http:// или https://", en: "A web address starts with http:// or https://",
            es: "Una dirección web empieza por http:// o https://", pt: "Um endereço web começa com http:// ou https://",
            tr: "Web adresi http:// veya https:// ile başlar", id: "Alamat web diawali http:// atau https://",
        }
        not_yes_no {
            ru: "Выберите «Да» или «Нет»", en: "Choose Yes or No", es: "Elige Sí o No",
            pt: "Escolha Sim ou Não", tr: "Evet veya Hayır seçin", id: "Pilih Ya atau Tidak",
        }
        editable {
            ru: "Менять с телефона", en: "Editable on the phone", es: "Editable en el móvil",
            pt: "Editável no celular", tr: "Telefondan düzenlenebilir", id: "Dapat diubah dari ponsel",
        }
        view_only {
            ru: "Только просмотр", en: "View only", es: "Solo lectura", pt: "Somente leitura",
            tr: "Yalnızca görüntüleme", id: "Hanya lihat",
        }
        computed_field {
            ru: "Считает amoCRM, не меняется", en: "Computed by amoCRM, not editable",
            es: "Lo calcula Kommo, no se edita", pt: "Calculado pelo Kommo, não editável",
            tr: "Kommo hesaplar, düzenlenmez", id: "Dihitung Kommo, tidak dapat diubah",
        }
        api_only_field {
            ru: "Меняют только интеграции", en: "Only integrations change it",
            es: "Solo lo cambian las integraciones", pt: "Só integrações o alteram",
            tr: "Yalnızca entegrasyonlar değiştirir", id: "Hanya integrasi yang mengubahnya",
        }
        read_only_type {
            ru: "Этот тип поля с телефона не меняется", en: "This type of field is not edited from the phone",
            es: "Este tipo de campo no se edita desde el móvil", pt: "Este tipo de campo não é editado pelo celular",
            tr: "Bu alan türü telefondan düzenlenmez", id: "Jenis kolom ini tidak diubah dari ponsel",
        }
    }
}

texts! {
    /// amoCRM's custom field types by name, for the layout editor.
    FieldTypeTexts {
        text { ru: "Текст", en: "Text", es: "Texto", pt: "Texto", tr: "Metin", id: "Teks" }
        textarea {
            ru: "Многострочный текст", en: "Long text", es: "Texto largo", pt: "Texto longo",
            tr: "Uzun metin", id: "Teks panjang",
        }
        numeric { ru: "Число", en: "Number", es: "Número", pt: "Número", tr: "Sayı", id: "Angka" }
        checkbox { ru: "Флаг", en: "Checkbox", es: "Casilla", pt: "Caixa de seleção", tr: "Onay kutusu", id: "Kotak centang" }
        select { ru: "Список", en: "List", es: "Lista", pt: "Lista", tr: "Liste", id: "Daftar" }
        multiselect {
            ru: "Мультисписок", en: "Multi-select list", es: "Lista múltiple", pt: "Lista múltipla",
            tr: "Çoklu liste", id: "Daftar pilihan ganda",
        }
        radiobutton { ru: "Переключатель", en: "Radio buttons", es: "Botones de opción", pt: "Botões de opção", tr: "Seçenek düğmeleri", id: "Tombol pilihan" }
        date { ru: "Дата", en: "Date", es: "Fecha", pt: "Data", tr: "Tarih", id: "Tanggal" }
        date_time {
            ru: "Дата и время", en: "Date and time", es: "Fecha y hora", pt: "Data e hora",
            tr: "Tarih ve saat", id: "Tanggal dan waktu",
        }
        birthday { ru: "День рождения", en: "Birthday", es: "Cumpleaños", pt: "Aniversário", tr: "Doğum günü", id: "Ulang tahun" }
        url { ru: "Ссылка", en: "Link", es: "Enlace", pt: "Endereço da web", tr: "Bağlantı", id: "Tautan" }
        multitext {
            ru: "Телефоны и e-mail", en: "Phones and e-mails", es: "Teléfonos y correos",
            pt: "Telefones e e-mails", tr: "Telefonlar ve e-postalar", id: "Telepon dan email",
        }
        address { ru: "Адрес", en: "Address", es: "Dirección", pt: "Endereço", tr: "Adres", id: "Alamat" }
        legal_entity { ru: "Юр. лицо", en: "Legal entity", es: "Persona jurídica", pt: "Pessoa jurídica", tr: "Tüzel kişi", id: "Badan hukum" }
        price { ru: "Цена", en: "Price", es: "Precio", pt: "Preço", tr: "Fiyat", id: "Harga" }
        monetary { ru: "Денежное", en: "Money", es: "Monetario", pt: "Monetário", tr: "Parasal", id: "Uang" }
        tracking_data { ru: "Метка отслеживания", en: "Tracking data", es: "Datos de seguimiento", pt: "Dados de rastreamento", tr: "İzleme verisi", id: "Data pelacakan" }
        file { ru: "Файл", en: "File", es: "Archivo", pt: "Arquivo", tr: "Dosya", id: "Berkas" }
        other { ru: "Другой тип", en: "Other type", es: "Otro tipo", pt: "Outro tipo", tr: "Diğer tür", id: "Jenis lain" }
    }
}

impl Lang {
    pub fn edit(self) -> &'static EditTexts {
        EditTexts::of(self)
    }

    /// amoCRM's field type by its name in this language.
    pub fn field_type(self, field_type: FieldType) -> &'static str {
        let t = FieldTypeTexts::of(self);
        match field_type {
            FieldType::Text => t.text,
            FieldType::Textarea => t.textarea,
            FieldType::Numeric => t.numeric,
            FieldType::Checkbox => t.checkbox,
            FieldType::Select => t.select,
            FieldType::Multiselect => t.multiselect,
            FieldType::Radiobutton => t.radiobutton,
            FieldType::Date => t.date,
            FieldType::DateTime => t.date_time,
            FieldType::Birthday => t.birthday,
            FieldType::Url => t.url,
            FieldType::Multitext => t.multitext,
            FieldType::SmartAddress | FieldType::Streetaddress => t.address,
            FieldType::LegalEntity => t.legal_entity,
            FieldType::Price => t.price,
            FieldType::Monetary => t.monetary,
            FieldType::TrackingData => t.tracking_data,
            FieldType::File => t.file,
            // Catalog-only and paid "super field" types: amoCRM's own word for
            // them is the catalog's, which the card does not show.
            FieldType::Category
            | FieldType::Items
            | FieldType::LinkedEntity
            | FieldType::ChainedList
            | FieldType::Payer
            | FieldType::Supplier
            | FieldType::Other => t.other,
        }
    }
}
