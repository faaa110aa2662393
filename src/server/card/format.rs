//! Money, dates and links formatted on the server, so the wasm bundle carries no
//! locale data and the HTML is final.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::i18n::Lang;
use crate::model::Link;

/// Groups an integer part: "1 500 000" (ru, narrow no-break spaces) or "1,500,000" (en).
fn group(int: u64, lang: Lang) -> String {
    let digits = int.to_string();
    let sep = match lang {
        Lang::Ru => '\u{202f}',
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

pub fn number(value: f64, lang: Lang) -> String {
    let negative = value < 0.0;
    let abs = value.abs();
    let int = abs.trunc() as u64;
    let frac = ((abs - abs.trunc()) * 100.0).round() as u64;
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group(int, lang));
    if frac > 0 {
        out.push(if lang == Lang::Ru { ',' } else { '.' });
        out.push_str(&format!("{frac:02}"));
    }
    out
}

/// "1 500 000 ₽" in Russian; "$1,500,000" or "1,500,000 ₽" in English.
pub fn money(value: f64, currency: Option<&str>, symbol: Option<&str>, lang: Lang) -> String {
    let amount = number(value, lang);
    let symbol = symbol
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .or_else(|| currency.map(str::to_owned))
        .unwrap_or_default();
    let prefix = lang == Lang::En && matches!(currency, Some("USD" | "EUR" | "GBP"));
    match (symbol.is_empty(), prefix) {
        (true, _) => amount,
        (false, true) => format!("{symbol}{amount}"),
        (false, false) => format!("{amount}\u{a0}{symbol}"),
    }
}

pub fn timezone(name: Option<&str>) -> Tz {
    name.and_then(|n| n.parse::<Tz>().ok())
        .unwrap_or(chrono_tz::Europe::Moscow)
}

const MONTHS_RU: [&str; 12] = [
    "янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "12 янв 2026, 14:30" / "Jan 12, 2026, 14:30", in the account's timezone.
pub fn datetime(unix: i64, tz: Tz, lang: Lang, with_time: bool) -> String {
    let Some(utc) = Utc.timestamp_opt(unix, 0).single() else {
        return String::new();
    };
    let local: DateTime<Tz> = utc.with_timezone(&tz);
    use chrono::{Datelike, Timelike};
    let m = local.month0() as usize;
    let date = match lang {
        Lang::Ru => format!("{} {} {}", local.day(), MONTHS_RU[m], local.year()),
        Lang::En => format!("{} {}, {}", MONTHS_EN[m], local.day(), local.year()),
    };
    if with_time {
        format!("{date}, {:02}:{:02}", local.hour(), local.minute())
    } else {
        date
    }
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
    fn money_in_both_languages() {
        assert_eq!(
            money(1_500_000.0, Some("RUB"), Some("₽"), Lang::Ru),
            "1\u{202f}500\u{202f}000\u{a0}₽"
        );
        assert_eq!(
            money(1_500_000.0, Some("USD"), Some("$"), Lang::En),
            "$1,500,000"
        );
        assert_eq!(money(99.5, Some("RUB"), None, Lang::En), "99.50\u{a0}RUB");
        assert_eq!(money(0.0, None, None, Lang::Ru), "0");
        assert_eq!(number(-1234.25, Lang::Ru), "-1\u{202f}234,25");
    }

    #[test]
    fn dates_in_the_account_timezone() {
        // 2026-01-01T00:00:00Z is 03:00 in Moscow.
        let tz = timezone(Some("Europe/Moscow"));
        assert_eq!(
            datetime(1_767_225_600, tz, Lang::Ru, true),
            "1 янв 2026, 03:00"
        );
        assert_eq!(datetime(1_767_225_600, tz, Lang::En, false), "Jan 1, 2026");
        assert_eq!(timezone(Some("Not/AZone")), chrono_tz::Europe::Moscow);
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
