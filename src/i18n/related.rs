//! What else the client is (#42): a contact's other deals on the card, and
//! the list they open.

use super::{russian_plural, Lang};

texts! {
    /// The related-deals line and its list.
    RelatedTexts {
        other_deals {
            ru: "Другие сделки", en: "Other deals", es: "Otros tratos", pt: "Outros negócios",
            tr: "Diğer anlaşmalar", id: "Deal lainnya",
        }
        products {
            ru: "Товары ({n})", en: "Products ({n})", es: "Productos ({n})", pt: "Produtos ({n})",
            tr: "Ürünler ({n})", id: "Produk ({n})",
        }
        products_title {
            ru: "Товары сделки", en: "The deal's products", es: "Productos del trato",
            pt: "Produtos do negócio", tr: "Anlaşmanın ürünleri", id: "Produk deal",
        }
        products_total {
            ru: "Итого: {total}", en: "Total: {total}", es: "Importe total: {total}",
            pt: "Valor total: {total}", tr: "Toplam: {total}", id: "Jumlah: {total}",
        }
        title {
            ru: "Другие сделки: {name}", en: "Other deals: {name}", es: "Otros tratos: {name}",
            pt: "Outros negócios: {name}", tr: "Diğer anlaşmalar: {name}", id: "Deal lainnya: {name}",
        }
        summary {
            ru: "Открытых: {o}, успешных: {w} · выиграно {total}",
            en: "Open: {o}, won: {w} · {total} won in total",
            es: "Abiertos: {o}, ganados: {w} · {total} ganado en total",
            pt: "Abertos: {o}, ganhos: {w} · {total} ganho no total",
            tr: "Açık: {o}, kazanılan: {w} · toplam {total} kazanıldı",
            id: "Terbuka: {o}, menang: {w} · total menang {total}",
        }
        and_more {
            ru: "и ещё {n}: откройте контакт в amoCRM", en: "and {n} more: open the contact in amoCRM",
            es: "y {n} más: abre el contacto en Kommo", pt: "e mais {n}: abra o contato no Kommo",
            tr: "ve {n} tane daha: kişiyi Kommo'da açın", id: "dan {n} lagi: buka kontak di Kommo",
        }
        none_visible {
            ru: "Других сделок, которые вам видны, нет.", en: "No other deals you may see.",
            es: "No hay otros tratos que puedas ver.", pt: "Não há outros negócios que você possa ver.",
            tr: "Görebileceğiniz başka anlaşma yok.", id: "Tidak ada deal lain yang bisa Anda lihat.",
        }
        back {
            ru: "Назад к карточке", en: "Back to the card", es: "Volver a la ficha", pt: "Voltar ao card",
            tr: "Karta dön", id: "Kembali ke kartu",
        }
        open_deal {
            ru: "Открыть", en: "Open", es: "Abrir", pt: "Abrir", tr: "Aç", id: "Buka",
        }
        changed {
            ru: "Изменена {date}", en: "Changed {date}", es: "Cambiado {date}", pt: "Alterado {date}",
            tr: "Değişti: {date}", id: "Diubah {date}",
        }
        not_linked {
            ru: "Эта сделка не связана с контактами карточки.",
            en: "This deal is not linked to the card's contacts.",
            es: "Este trato no está vinculado a los contactos de la ficha.",
            pt: "Este negócio não está ligado aos contatos do card.",
            tr: "Bu anlaşma kartın kişilerine bağlı değil.",
            id: "Deal ini tidak terhubung dengan kontak kartu.",
        }
        not_loaded {
            ru: "Сделки не загрузились. Попробуйте ещё раз.", en: "The deals did not load. Try again.",
            es: "Los tratos no se cargaron. Inténtalo de nuevo.", pt: "Os negócios não carregaram. Tente de novo.",
            tr: "Anlaşmalar yüklenmedi. Tekrar deneyin.", id: "Deal tidak termuat. Coba lagi.",
        }
        products_not_loaded {
            ru: "Товары не загрузились. Попробуйте ещё раз.", en: "The products did not load. Try again.",
            es: "Los productos no se cargaron. Inténtalo de nuevo.", pt: "Os produtos não carregaram. Tente de novo.",
            tr: "Ürünler yüklenmedi. Tekrar deneyin.", id: "Produk tidak termuat. Coba lagi.",
        }
        no_products {
            ru: "В сделке нет товаров.", en: "No products in this deal.", es: "El trato no tiene productos.",
            pt: "O negócio não tem produtos.", tr: "Bu anlaşmada ürün yok.", id: "Deal ini tidak punya produk.",
        }
        quantity {
            ru: "Количество", en: "Quantity", es: "Cantidad", pt: "Quantidade", tr: "Miktar", id: "Kuantitas",
        }
        save_quantity {
            ru: "Сохранить", en: "Save", es: "Guardar", pt: "Salvar", tr: "Kaydet", id: "Simpan",
        }
        remove {
            ru: "Убрать", en: "Remove", es: "Quitar", pt: "Remover", tr: "Kaldır", id: "Hapus",
        }
        products_saved {
            ru: "Товары сделки обновлены", en: "The deal's products are updated",
            es: "Productos del trato actualizados", pt: "Produtos do negócio atualizados",
            tr: "Anlaşmanın ürünleri güncellendi", id: "Produk deal diperbarui",
        }
        bad_quantity {
            ru: "Количество — число больше нуля и не больше 1 000 000, до трёх знаков после запятой.",
            en: "The quantity is a number above zero and up to 1,000,000, with at most three decimals.",
            es: "La cantidad es un número mayor que cero y hasta 1.000.000, con tres decimales como máximo.",
            pt: "A quantidade é um número maior que zero e até 1.000.000, com no máximo três casas decimais.",
            tr: "Miktar sıfırdan büyük ve en çok 1.000.000 olan, en fazla üç ondalıklı bir sayıdır.",
            id: "Kuantitas adalah angka di atas nol dan paling banyak 1.000.000, maksimal tiga desimal.",
        }
        not_in_deal {
            ru: "Этого товара нет в сделке: обновите страницу.", en: "This product is not in this deal: reload the page.",
            es: "Este producto no está en el trato: recarga la página.",
            pt: "Este produto não está no negócio: recarregue a página.",
            tr: "Bu ürün bu anlaşmada yok: sayfayı yenileyin.", id: "Produk ini tidak ada di deal ini: muat ulang halaman.",
        }
        budget_offer {
            ru: "Поставить бюджет {total}?", en: "Set the budget to {total}?",
            es: "¿Poner el presupuesto en {total}?", pt: "Definir o orçamento como {total}?",
            tr: "Bütçe {total} olarak ayarlansın mı?", id: "Atur anggaran menjadi {total}?",
        }
        set_budget {
            ru: "Поставить бюджет", en: "Set the budget", es: "Poner el presupuesto", pt: "Definir orçamento",
            tr: "Bütçeyi ayarla", id: "Atur anggaran",
        }
        retry {
            ru: "Повторить", en: "Try again", es: "Reintentar", pt: "Tentar de novo", tr: "Tekrar dene",
            id: "Coba lagi",
        }
    }
}

impl Lang {
    pub fn related(self) -> &'static RelatedTexts {
        RelatedTexts::of(self)
    }

    /// "3 other deals", in the language's plural.
    pub fn other_deals(self, n: u64) -> String {
        let words = match self {
            Lang::Ru => russian_plural(n, "другая сделка", "другие сделки", "других сделок"),
            Lang::En => self.plural(n, "other deal", "other deals"),
            Lang::Es => self.plural(n, "trato más", "tratos más"),
            Lang::Pt => self.plural(n, "outro negócio", "outros negócios"),
            Lang::Tr => "başka anlaşma",
            Lang::Id => "deal lain",
        };
        format!("{n} {words}")
    }
}
