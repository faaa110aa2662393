//! Every user-facing text, in the six languages of amoCRM and Kommo users
//! (Russian, English, Spanish, Brazilian Portuguese, Turkish, Indonesian), split
//! by screen. Texts are compiled in (no runtime catalogue, nothing to download,
//! and none of it reaches the wasm: only the server renders text): a screen's
//! texts are a struct with one `&'static str` per key, and the compiler refuses
//! a key that lacks a language. Texts that vary with a value are `{name}`
//! templates filled by [`fill`]; texts keyed by an enum are `match`es on
//! `(lang, variant)`, which the compiler checks for every pair.

use serde::{Deserialize, Serialize};

/// Declares one screen's texts: `key { ru: "…", en: "…", es: "…", pt: "…", tr: "…", id: "…" }`.
macro_rules! texts {
    ($(#[$meta:meta])* $name:ident {
        $($key:ident { ru: $ru:expr, en: $en:expr, es: $es:expr, pt: $pt:expr, tr: $tr:expr, id: $id:expr $(,)? })*
    }) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub struct $name {
            $(pub $key: &'static str,)*
        }

        impl $name {
            const RU: &'static $name = &$name { $($key: $ru,)* };
            const EN: &'static $name = &$name { $($key: $en,)* };
            const ES: &'static $name = &$name { $($key: $es,)* };
            const PT: &'static $name = &$name { $($key: $pt,)* };
            const TR: &'static $name = &$name { $($key: $tr,)* };
            const ID: &'static $name = &$name { $($key: $id,)* };

            pub fn of(lang: $crate::i18n::Lang) -> &'static $name {
                match lang {
                    $crate::i18n::Lang::Ru => Self::RU,
                    $crate::i18n::Lang::En => Self::EN,
                    $crate::i18n::Lang::Es => Self::ES,
                    $crate::i18n::Lang::Pt => Self::PT,
                    $crate::i18n::Lang::Tr => Self::TR,
                    $crate::i18n::Lang::Id => Self::ID,
                }
            }

            /// Every key with its texts in [`Lang::ALL`] order (the parity
            /// test, [`catalog`](crate::i18n::catalog)).
            pub fn entries() -> Vec<(&'static str, [&'static str; 6])> {
                vec![$((stringify!($key), [$ru, $en, $es, $pt, $tr, $id]),)*]
            }
        }
    };
}

pub mod actions;
pub mod calls;
pub mod card;
pub mod choice;
pub mod demo;
pub mod edit;
pub mod history;
pub mod install;
pub mod layout;
pub mod preview;
pub mod process;
pub mod related;
pub mod states;
pub mod strip;
pub mod widget;
pub mod wrap;

#[cfg(test)]
mod parity;

/// A language the card speaks. amoCRM's iOS app and Kommo's share these.
/// English when nothing is known (see [`choice`]): never Russian by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    Ru,
    #[default]
    En,
    Es,
    /// Brazilian Portuguese: Kommo's `pt` is Brazil's.
    Pt,
    Tr,
    Id,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::Ru, Lang::En, Lang::Es, Lang::Pt, Lang::Tr, Lang::Id];

    /// The code `<html lang>` carries and `?lang=` takes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Pt => "pt",
            Lang::Tr => "tr",
            Lang::Id => "id",
        }
    }

    /// The language's own name, for pickers.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ru => "Русский",
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::Pt => "Português (Brasil)",
            Lang::Tr => "Türkçe",
            Lang::Id => "Bahasa Indonesia",
        }
    }

    /// Parses a language tag such as `en-US`, `pt_BR` or `PT`; a language the
    /// card does not speak is `None`. `in` is Indonesian's old code (older
    /// Android and Java still send it).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            "pt" => Some(Lang::Pt),
            "tr" => Some(Lang::Tr),
            "id" | "in" => Some(Lang::Id),
            _ => None,
        }
    }

    /// The preferred language the card speaks from an `Accept-Language`
    /// header, honouring q-values (`q=0` means "not this"); `None` when the
    /// header names none of them.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::from_tag) else {
                continue;
            };
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }

    /// Picks the word form for a count in the languages that have two: English
    /// and Spanish say one only of 1; Brazilian Portuguese of 0 and 1 too
    /// ("0 dia", CLDR's `pt` rule). Russian has three forms ([`russian_plural`]);
    /// Turkish and Indonesian nouns do not change after a number.
    pub fn plural<'a>(self, n: u64, one: &'a str, other: &'a str) -> &'a str {
        let is_one = match self {
            Lang::Pt => n <= 1,
            _ => n == 1,
        };
        if is_one {
            one
        } else {
            other
        }
    }
}

/// Russian plural form: one (1, 21), few (2-4, 22-24), many (0, 5-20, 11-14).
pub fn russian_plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let (m10, m100) = (n % 10, n % 100);
    if m10 == 1 && m100 != 11 {
        one
    } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
        few
    } else {
        many
    }
}

/// Every fixed text of `lang`, screen by screen, enum-keyed texts included,
/// each with its name (`card.contacts`, `blocked.Expired.1`), in the same
/// order for every language: what the parity test compares key by key, and
/// what a test looks for when it checks that a page speaks one language only.
pub fn catalog(lang: Lang) -> Vec<(String, &'static str)> {
    use crate::model::{BlockedState, CallStatus, CardProblem, RightsGap};
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    let screens = [
        ("actions", actions::ActionTexts::entries()),
        ("calls", calls::CallTexts::entries()),
        ("card", card::CardTexts::entries()),
        ("demo", demo::DemoTexts::entries()),
        ("edit", edit::EditTexts::entries()),
        ("field_type", edit::FieldTypeTexts::entries()),
        ("history", history::HistoryTexts::entries()),
        ("install", install::InstallTexts::entries()),
        ("layout", layout::LayoutTexts::entries()),
        ("preview", preview::PreviewTexts::entries()),
        ("process", process::ProcessTexts::entries()),
        ("related", related::RelatedTexts::entries()),
        ("strip", strip::StripTexts::entries()),
        ("widget", widget::WidgetTexts::entries()),
        ("wrap", wrap::WrapTexts::entries()),
    ];
    let mut all: Vec<(String, &'static str)> = Vec::new();
    for (screen, entries) in screens {
        all.extend(
            entries
                .into_iter()
                .map(|(key, texts)| (format!("{screen}.{key}"), texts[index])),
        );
    }
    let mut keyed = |name: String, texts: &[&'static str]| {
        all.extend(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("{name}.{i}"), *t)),
        );
    };
    for s in BlockedState::ALL {
        let (a, b, c) = lang.blocked(s);
        keyed(format!("blocked.{s:?}"), &[a, b, c]);
    }
    for p in CardProblem::ALL {
        let (a, b) = lang.problem(p);
        keyed(format!("problem.{p:?}"), &[a, b]);
    }
    for g in [
        RightsGap::UsersUnreadable,
        RightsGap::GrantNotAdmin,
        RightsGap::UserUnknown,
    ] {
        let (a, b) = lang.rights_gap(g);
        keyed(format!("rights_gap.{g:?}"), &[a, b]);
    }
    for st in CallStatus::ALL {
        keyed(format!("call_status.{st:?}"), &[lang.call_status(st)]);
    }
    keyed(
        "call_title".into(),
        &[lang.call_title(true), lang.call_title(false)],
    );
    let (a, b) = lang.unavailable();
    keyed("unavailable".into(), &[a, b]);
    all
}

/// Fills a `{name}` template; a placeholder without a value is left as it is.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let value = after.find('}').and_then(|close| {
            let name = &after[1..close];
            values
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled() {
        assert_eq!(
            fill("Записать звонок: {who}?", &[("who", "Анна {x}")]),
            "Записать звонок: Анна {x}?"
        );
        assert_eq!(
            fill("{max} of {len}, {missing}", &[("max", "5"), ("len", "7")]),
            "5 of 7, {missing}"
        );
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("open { only", &[("x", "y")]), "open { only");
    }

    #[test]
    fn tags_name_the_six_languages() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
        }
        for (tag, want) in [
            ("pt", Some(Lang::Pt)),
            ("pt-BR", Some(Lang::Pt)),
            ("pt_BR", Some(Lang::Pt)),
            ("PT_br", Some(Lang::Pt)),
            ("es-MX", Some(Lang::Es)),
            ("tr-TR", Some(Lang::Tr)),
            ("in", Some(Lang::Id)),
            ("id-ID", Some(Lang::Id)),
            ("en_US", Some(Lang::En)),
            ("fr-FR", None),
            ("de", None),
            ("", None),
        ] {
            assert_eq!(Lang::from_tag(tag), want, "{tag:?}");
        }
    }

    #[test]
    fn accept_language_honours_quality() {
        let cases = [
            ("en-US,en;q=0.9,ru;q=0.8", Some(Lang::En)),
            ("de-DE, ru;q=0.5, en;q=0.4", Some(Lang::Ru)),
            ("fr-FR, es;q=0.3", Some(Lang::Es)),
            ("pt-BR,pt;q=0.9,en;q=0.8", Some(Lang::Pt)),
            ("ru;q=0.1, en", Some(Lang::En)),
            ("tr;q=0, id", Some(Lang::Id)),
            ("fr, de", None),
            ("fr-FR", None),
            ("", None),
        ];
        for (header, want) in cases {
            assert_eq!(Lang::from_accept_language(header), want, "{header:?}");
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let ru = |n| russian_plural(n, "задача", "задачи", "задач");
        for (n, want) in [
            (0, "задач"),
            (1, "задача"),
            (2, "задачи"),
            (4, "задачи"),
            (5, "задач"),
            (11, "задач"),
            (12, "задач"),
            (14, "задач"),
            (21, "задача"),
            (22, "задачи"),
            (111, "задач"),
            (101, "задача"),
        ] {
            assert_eq!(ru(n), want, "{n}");
        }
        let two = |lang: Lang, n| lang.plural(n, "one", "other");
        for (lang, n, want) in [
            (Lang::En, 0, "other"),
            (Lang::En, 1, "one"),
            (Lang::En, 2, "other"),
            (Lang::Es, 0, "other"),
            (Lang::Es, 1, "one"),
            (Lang::Es, 21, "other"),
            (Lang::Pt, 0, "one"),
            (Lang::Pt, 1, "one"),
            (Lang::Pt, 2, "other"),
        ] {
            assert_eq!(two(lang, n), want, "{lang:?} {n}");
        }
        let days: Vec<String> = Lang::ALL.iter().map(|l| l.days(2)).collect();
        assert_eq!(
            days,
            ["2 дня", "2 days", "2 días", "2 dias", "2 gün", "2 hari"]
        );
        let one: Vec<String> = Lang::ALL.iter().map(|l| l.days(1)).collect();
        assert_eq!(
            one,
            ["1 день", "1 day", "1 día", "1 dia", "1 gün", "1 hari"]
        );
        assert_eq!(Lang::Ru.days(5), "5 дней");
        assert_eq!(Lang::Pt.days(0), "0 dia");
        assert_eq!(Lang::Es.days(0), "0 días");
    }
}
