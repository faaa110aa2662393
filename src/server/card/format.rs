//! Money, dates and links formatted on the server, so the wasm bundle carries no
//! locale data and the HTML is final.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::i18n::Lang;
use crate::model::Link;

/// How a language writes numbers and amounts (CLDR's conventions for the
/// language's main locale; Portuguese is Brazil's).
struct NumberStyle {
    group: char,
    decimal: char,
    /// Spanish leaves a four-digit number ungrouped ("1234", "12.345").
    group_four_digits: bool,
    currency: SymbolAt,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SymbolAt {
    /// "1 500 ₽": after the amount, a no-break space between.
    After,
    /// "R$ 1.500", "₺1.500": before it; a space when `space` or when the
    /// symbol ends in a letter ("Rp 1.500", "USD 5").
    Before { space: bool },
    /// English: "$1,500" for the currencies it writes first, else after.
    EnglishDollarsFirst,
}

fn style(lang: Lang) -> NumberStyle {
    let latin = |currency| NumberStyle {
        group: '.',
        decimal: ',',
        group_four_digits: true,
        currency,
    };
    match lang {
        Lang::Ru => NumberStyle {
            group: '\u{202f}',
            decimal: ',',
            group_four_digits: true,
            currency: SymbolAt::After,
        },
        Lang::En => NumberStyle {
            group: ',',
            decimal: '.',
            group_four_digits: true,
            currency: SymbolAt::EnglishDollarsFirst,
        },
        Lang::Es => NumberStyle {
            group_four_digits: false,
            ..latin(SymbolAt::After)
        },
        Lang::Pt => latin(SymbolAt::Before { space: true }),
        Lang::Tr | Lang::Id => latin(SymbolAt::Before { space: false }),
    }
}

/// Groups an integer part: "1 500 000" (ru, narrow no-break spaces),
/// "1,500,000" (en), "1.500.000" (es, pt, tr, id).
fn group(int: u64, style: &NumberStyle) -> String {
    let digits = int.to_string();
    if digits.len() == 4 && !style.group_four_digits {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(style.group);
        }
        out.push(c);
    }
    out
}

/// The digits of `abs` with at most two decimals, which show only when not zero.
fn digits(abs: f64, style: &NumberStyle) -> String {
    let cents = (abs * 100.0).round() as u64;
    let (int, frac) = (cents / 100, cents % 100);
    let mut out = group(int, style);
    if frac > 0 {
        out.push(style.decimal);
        out.push_str(&format!("{frac:02}"));
    }
    out
}

fn sign(value: f64) -> &'static str {
    // "-0" is not a number anyone writes.
    if value < 0.0 && (value.abs() * 100.0).round() > 0.0 {
        "-"
    } else {
        ""
    }
}

pub fn number(value: f64, lang: Lang) -> String {
    format!("{}{}", sign(value), digits(value.abs(), &style(lang)))
}

/// An amount with the account's currency: "1 500 000 ₽" (ru), "$1,500,000"
/// (en), "1.500.000 $" (es), "R$ 1.500.000" (pt), "₺1.500.000" (tr),
/// "Rp 1.500.000" (id). The symbol is the account's, else its currency code.
pub fn money(value: f64, currency: Option<&str>, symbol: Option<&str>, lang: Lang) -> String {
    let style = style(lang);
    let amount = digits(value.abs(), &style);
    let sign = sign(value);
    let symbol = symbol
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .or(currency)
        .unwrap_or_default();
    if symbol.is_empty() {
        return format!("{sign}{amount}");
    }
    let at = match style.currency {
        SymbolAt::EnglishDollarsFirst if matches!(currency, Some("USD" | "EUR" | "GBP")) => {
            SymbolAt::Before { space: false }
        }
        SymbolAt::EnglishDollarsFirst => SymbolAt::After,
        other => other,
    };
    match at {
        SymbolAt::Before { space } => {
            let space = space || symbol.ends_with(char::is_alphabetic);
            let gap = if space { "\u{a0}" } else { "" };
            format!("{sign}{symbol}{gap}{amount}")
        }
        _ => format!("{sign}{amount}\u{a0}{symbol}"),
    }
}

/// The currency (code, symbol) of an account's `country`, the one field
/// account-info.md documents that tells it (the API documents no currency of
/// the account). `None` for a country not listed: the amount goes without one.
pub fn currency_of_country(country: Option<&str>) -> Option<(&'static str, &'static str)> {
    const EURO: (&str, &str) = ("EUR", "€");
    let c = country?.trim().to_ascii_uppercase();
    Some(match c.as_str() {
        "RU" => ("RUB", "₽"),
        "BY" => ("BYN", "Br"),
        "KZ" => ("KZT", "₸"),
        "UA" => ("UAH", "₴"),
        "UZ" => ("UZS", "сўм"),
        "KG" => ("KGS", "сом"),
        "AM" => ("AMD", "֏"),
        "AZ" => ("AZN", "₼"),
        "GE" => ("GEL", "₾"),
        "MD" => ("MDL", "L"),
        "US" => ("USD", "$"),
        "GB" => ("GBP", "£"),
        "MX" => ("MXN", "$"),
        "AR" => ("ARS", "$"),
        "CO" => ("COP", "$"),
        "CL" => ("CLP", "$"),
        "PE" => ("PEN", "S/"),
        "BR" => ("BRL", "R$"),
        "TR" => ("TRY", "₺"),
        "ID" => ("IDR", "Rp"),
        "IN" => ("INR", "₹"),
        "AE" => ("AED", "AED"),
        "IL" => ("ILS", "₪"),
        "PL" => ("PLN", "zł"),
        "ES" | "PT" | "DE" | "FR" | "IT" | "NL" | "AT" | "BE" | "FI" | "IE" | "GR" | "LV"
        | "LT" | "EE" | "SK" | "SI" | "CY" | "MT" | "LU" | "HR" => EURO,
        _ => return None,
    })
}

pub fn timezone(name: Option<&str>) -> Tz {
    name.and_then(|n| n.parse::<Tz>().ok())
        .unwrap_or(chrono_tz::Europe::Moscow)
}

/// Abbreviated month names as each language writes them in a date.
fn month(lang: Lang, month0: usize) -> &'static str {
    const RU: [&str; 12] = [
        "янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const ES: [&str; 12] = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
    ];
    const PT: [&str; 12] = [
        "jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.",
        "dez.",
    ];
    const TR: [&str; 12] = [
        "Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara",
    ];
    const ID: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ];
    let names = match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
        Lang::Es => &ES,
        Lang::Pt => &PT,
        Lang::Tr => &TR,
        Lang::Id => &ID,
    };
    names[month0 % 12]
}

fn local(unix: i64, tz: Tz) -> Option<DateTime<Tz>> {
    Some(Utc.timestamp_opt(unix, 0).single()?.with_timezone(&tz))
}

/// A date (and 24-hour time) in the account's timezone, as the language
/// writes it: "12 янв 2026, 14:30", "Jan 12, 2026, 14:30", "12 ene 2026, 14:30",
/// "12 de jan. de 2026, 14:30", "12 Oca 2026 14:30", "12 Jan 2026, 14.30".
pub fn datetime(unix: i64, tz: Tz, lang: Lang, with_time: bool) -> String {
    use chrono::Datelike;
    let Some(local) = local(unix, tz) else {
        return String::new();
    };
    let (d, m, y) = (
        local.day(),
        month(lang, local.month0() as usize),
        local.year(),
    );
    let date = match lang {
        Lang::En => format!("{m} {d}, {y}"),
        Lang::Pt => format!("{d} de {m} de {y}"),
        Lang::Ru | Lang::Es | Lang::Tr | Lang::Id => format!("{d} {m} {y}"),
    };
    if !with_time {
        return date;
    }
    let time = time_of_day(unix, tz, lang);
    match lang {
        Lang::Tr => format!("{date} {time}"),
        _ => format!("{date}, {time}"),
    }
}

/// How far a moment is from today in calendar days of the account's
/// timezone, in words: "hace 2 días", "yesterday", "через 3 дня".
pub fn relative_day(unix: i64, now: i64, tz: Tz, lang: Lang) -> String {
    lang.relative_days(calendar_days(unix, now, tz))
}

/// Calendar days from `now`'s date to `unix`'s in `tz` (negative: before).
pub fn calendar_days(unix: i64, now: i64, tz: Tz) -> i64 {
    match (local(unix, tz), local(now, tz)) {
        (Some(at), Some(today)) => (at.date_naive() - today.date_naive()).num_days(),
        _ => 0,
    }
}

/// The wall-clock time of `unix` in `tz`: `14:05` (Indonesian `14.05`).
pub fn time_of_day(unix: i64, tz: Tz, lang: Lang) -> String {
    let pattern = match lang {
        Lang::Id => "%H.%M",
        _ => "%H:%M",
    };
    local(unix, tz)
        .map(|t| t.format(pattern).to_string())
        .unwrap_or_default()
}

/// A `tel:` link only for something that looks like a phone number.
pub fn tel(raw: &str) -> Link {
    let digits: String = raw
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    let count = digits.chars().filter(char::is_ascii_digit).count();
    let phone_chars = raw
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if (5..=20).contains(&count) && phone_chars {
        Link::Tel(format!("tel:{digits}"))
    } else {
        Link::None
    }
}

/// What two ways of writing one phone number share: its last ten digits
/// (`+7 916…` and `8 916…` are one number); `None` for too few digits.
pub fn phone_key(raw: &str) -> Option<String> {
    let digits: Vec<char> = raw.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 5).then(|| digits[digits.len().saturating_sub(10)..].iter().collect())
}

/// A number the user may not read: only its last two digits, to tell calls apart.
pub fn masked_phone(raw: &str) -> String {
    let digits: Vec<char> = raw.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        n if n >= 5 => format!("••• {}{}", digits[n - 2], digits[n - 1]),
        _ => "•••".to_owned(),
    }
}

/// A `mailto:` link only for a plausible address.
pub fn mail(raw: &str) -> Link {
    let s = raw.trim();
    let plausible = s.len() <= 254
        && s.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty() && domain.contains('.') && !domain.starts_with('.')
        })
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "@._+-".contains(c));
    if plausible {
        Link::Mail(format!("mailto:{s}"))
    } else {
        Link::None
    }
}

/// Only absolute http(s) URLs become links.
pub fn web(raw: &str) -> Link {
    match url::Url::parse(raw.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Link::Web(u.to_string()),
        _ => Link::None,
    }
}

/// A status colour as `#rrggbb`, or a neutral grey when amoCRM sends anything else.
pub fn color(raw: Option<&str>) -> String {
    let c = raw.unwrap_or_default().trim().trim_start_matches('#');
    if c.len() == 6 && c.chars().all(|ch| ch.is_ascii_hexdigit()) {
        format!("#{}", c.to_ascii_lowercase())
    } else {
        "#d5d8db".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_numbers_in_each_language() {
        let price = |lang, cur, sym| money(1_500_000.0, Some(cur), sym, lang);
        let nb = '\u{a0}';
        assert_eq!(
            price(Lang::Ru, "RUB", Some("₽")),
            format!("1\u{202f}500\u{202f}000{nb}₽")
        );
        assert_eq!(price(Lang::En, "USD", Some("$")), "$1,500,000");
        assert_eq!(price(Lang::En, "RUB", Some("₽")), format!("1,500,000{nb}₽"));
        assert_eq!(price(Lang::Es, "MXN", Some("$")), format!("1.500.000{nb}$"));
        assert_eq!(
            price(Lang::Pt, "BRL", Some("R$")),
            format!("R${nb}1.500.000")
        );
        assert_eq!(price(Lang::Tr, "TRY", Some("₺")), "₺1.500.000");
        assert_eq!(
            price(Lang::Id, "IDR", Some("Rp")),
            format!("Rp{nb}1.500.000")
        );
        // Without a symbol the code stands in.
        assert_eq!(
            money(99.5, Some("RUB"), None, Lang::En),
            format!("99.50{nb}RUB")
        );
        assert_eq!(
            money(99.5, Some("TRY"), Some(" "), Lang::Tr),
            format!("TRY{nb}99,50")
        );
        assert_eq!(money(0.0, None, None, Lang::Ru), "0");
        // The sign leads, the symbol follows it.
        assert_eq!(
            money(-1234.5, Some("USD"), Some("$"), Lang::En),
            "-$1,234.50"
        );
        assert_eq!(
            money(-1234.5, Some("BRL"), Some("R$"), Lang::Pt),
            format!("-R${nb}1.234,50")
        );
        assert_eq!(
            money(-0.001, Some("EUR"), Some("€"), Lang::Es),
            format!("0{nb}€")
        );
        // The account's country names the currency; an unknown one, none.
        assert_eq!(currency_of_country(Some("ru")), Some(("RUB", "₽")));
        assert_eq!(currency_of_country(Some("BR")), Some(("BRL", "R$")));
        assert_eq!(currency_of_country(Some("ES")), Some(("EUR", "€")));
        assert_eq!(currency_of_country(Some("ZZ")), None);
        assert_eq!(currency_of_country(None), None);
        let negative: Vec<String> = Lang::ALL.iter().map(|l| number(-1234.25, *l)).collect();
        assert_eq!(
            negative,
            [
                "-1\u{202f}234,25",
                "-1,234.25",
                "-1234,25",
                "-1.234,25",
                "-1.234,25",
                "-1.234,25"
            ]
        );
        assert_eq!(number(12_345.0, Lang::Es), "12.345");
        assert_eq!(number(0.999, Lang::En), "1");
    }

    #[test]
    fn dates_in_the_account_timezone_and_language() {
        // 2026-01-12T11:30:00Z is 14:30 in Moscow.
        let tz = timezone(Some("Europe/Moscow"));
        let at = 1_768_217_400;
        let dates: Vec<String> = Lang::ALL
            .iter()
            .map(|l| datetime(at, tz, *l, true))
            .collect();
        assert_eq!(
            dates,
            [
                "12 янв 2026, 14:30",
                "Jan 12, 2026, 14:30",
                "12 ene 2026, 14:30",
                "12 de jan. de 2026, 14:30",
                "12 Oca 2026 14:30",
                "12 Jan 2026, 14.30",
            ]
        );
        // 2026-01-01T00:00:00Z is 03:00 in Moscow and still 2025 in New York.
        assert_eq!(
            datetime(1_767_225_600, tz, Lang::Ru, true),
            "1 янв 2026, 03:00"
        );
        assert_eq!(datetime(1_767_225_600, tz, Lang::En, false), "Jan 1, 2026");
        let ny = timezone(Some("America/New_York"));
        assert_eq!(datetime(1_767_225_600, ny, Lang::Es, false), "31 dic 2025");
        assert_eq!(datetime(1_785_000_000, tz, Lang::Tr, false), "25 Tem 2026");
        assert_eq!(timezone(Some("Not/AZone")), chrono_tz::Europe::Moscow);
    }

    #[test]
    fn relative_days_in_each_language() {
        let tz = timezone(Some("America/Sao_Paulo"));
        let now = 1_768_217_400; // 2026-01-12 08:30 in São Paulo
        let day = 86_400;
        let words = |delta: i64| -> Vec<String> {
            Lang::ALL
                .iter()
                .map(|l| relative_day(now + delta, now, tz, *l))
                .collect()
        };
        assert_eq!(
            words(-2 * day),
            [
                "2 дня назад",
                "2 days ago",
                "hace 2 días",
                "há 2 dias",
                "2 gün önce",
                "2 hari yang lalu"
            ]
        );
        assert_eq!(
            words(-day),
            ["вчера", "yesterday", "ayer", "ontem", "dün", "kemarin"]
        );
        assert_eq!(
            words(0),
            ["сегодня", "today", "hoy", "hoje", "bugün", "hari ini"]
        );
        assert_eq!(
            words(day),
            ["завтра", "tomorrow", "mañana", "amanhã", "yarın", "besok"]
        );
        assert_eq!(
            words(5 * day),
            [
                "через 5 дней",
                "in 5 days",
                "dentro de 5 días",
                "em 5 dias",
                "5 gün sonra",
                "5 hari lagi"
            ]
        );
        // Calendar days, not 24-hour spans: 20:00 the evening before is "yesterday".
        assert_eq!(
            relative_day(now - 12 * 3600 - 30 * 60, now, tz, Lang::En),
            "yesterday"
        );
        assert_eq!(
            relative_day(now - 21 * day, now, tz, Lang::Ru),
            "21 день назад"
        );
    }

    #[test]
    fn links_are_only_made_from_safe_values() {
        assert_eq!(
            tel("+7 (900) 123-45-67"),
            Link::Tel("tel:+79001234567".into())
        );
        assert_eq!(tel("javascript:alert(1)"), Link::None);
        assert_eq!(
            mail("ivan@example.ru"),
            Link::Mail("mailto:ivan@example.ru".into())
        );
        assert_eq!(mail("\"><img src=x onerror=alert(1)>@x.io"), Link::None);
        assert_eq!(web("javascript:alert(1)"), Link::None);
        assert_eq!(
            web("https://x.io/a?b=1"),
            Link::Web("https://x.io/a?b=1".into())
        );
        assert_eq!(color(Some("#CCFF66")), "#ccff66");
        assert_eq!(color(Some("red;background:url(x)")), "#d5d8db");
    }
}
