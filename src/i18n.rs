//! Every user-facing text, in Russian and English, split by screen. Texts are
//! compiled in (no runtime catalogue, nothing to download): a screen's texts are
//! a struct with one `&'static str` per key, and the compiler refuses a key that
//! lacks either language. Texts that vary with a value are `{name}` templates
//! filled by [`fill`]; texts keyed by an enum are `match`es on `(lang, variant)`.

use serde::{Deserialize, Serialize};

/// Declares one screen's texts: `key: "русский", "English";`.
macro_rules! texts {
    ($(#[$meta:meta])* $name:ident { $($key:ident: $ru:expr, $en:expr;)* }) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub struct $name {
            $(pub $key: &'static str,)*
        }

        impl $name {
            const RU: &'static $name = &$name { $($key: $ru,)* };
            const EN: &'static $name = &$name { $($key: $en,)* };

            pub fn of(lang: $crate::i18n::Lang) -> &'static $name {
                match lang {
                    $crate::i18n::Lang::Ru => Self::RU,
                    $crate::i18n::Lang::En => Self::EN,
                }
            }

            /// Every key with its two texts, for the test that the languages agree.
            #[cfg(test)]
            pub fn entries() -> Vec<(&'static str, &'static str, &'static str)> {
                vec![$((stringify!($key), $ru, $en),)*]
            }
        }
    };
}

pub mod actions;
pub mod calls;
pub mod card;
pub mod history;
pub mod install;
pub mod states;
pub mod widget;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// Parses a language tag such as `en-US`; anything but Russian or English is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the preferred supported language from an `Accept-Language` header,
    /// honouring q-values; Russian when nothing matches (amoCRM's home market).
    pub fn from_accept_language(header: &str) -> Lang {
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
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }

    /// Russian plural form: one (1, 21), few (2-4, 22-24), many (0, 5-20, 11-14).
    pub fn plural<'a>(self, n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
        match self {
            Lang::En => {
                if n == 1 {
                    one
                } else {
                    many
                }
            }
            Lang::Ru => {
                let (m10, m100) = (n % 10, n % 100);
                if m10 == 1 && m100 != 11 {
                    one
                } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                    few
                } else {
                    many
                }
            }
        }
    }
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
    use crate::model::{BlockedState, CallStatus, CardProblem, RightsGap};

    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    fn cyrillic(text: &str) -> bool {
        text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
    }

    /// Both languages present, the same placeholders in each, Russian in the
    /// Russian text and none in the English one (a text left untranslated shows).
    fn check(screen: &str, key: &str, ru: &str, en: &str) {
        let at = format!("{screen}.{key}");
        assert!(
            !ru.trim().is_empty() && !en.trim().is_empty(),
            "{at}: empty"
        );
        assert_eq!(
            placeholders(ru),
            placeholders(en),
            "{at}: placeholders differ"
        );
        assert!(!cyrillic(en), "{at}: Russian in the English text");
        if ru != en {
            assert!(cyrillic(ru), "{at}: the Russian text is not Russian");
        }
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        let screens = [
            ("actions", actions::ActionTexts::entries()),
            ("calls", calls::CallTexts::entries()),
            ("card", card::CardTexts::entries()),
            ("history", history::HistoryTexts::entries()),
            ("install", install::InstallTexts::entries()),
            ("widget", widget::WidgetTexts::entries()),
        ];
        for (screen, entries) in screens {
            for (key, ru, en) in entries {
                check(screen, key, ru, en);
            }
        }
        // Texts keyed by an enum or a number: every variant, both languages.
        let keyed = |key: String, f: &dyn Fn(Lang) -> Vec<String>| {
            let (ru, en) = (f(Lang::Ru), f(Lang::En));
            assert_eq!(ru.len(), en.len(), "{key}");
            for (r, e) in ru.iter().zip(&en) {
                check("keyed", &key, r, e);
            }
        };
        for s in BlockedState::ALL {
            keyed(format!("blocked.{s:?}"), &|l| {
                let (a, b, c) = l.blocked(s);
                vec![a.into(), b.into(), c.into()]
            });
        }
        for p in CardProblem::ALL {
            keyed(format!("problem.{p:?}"), &|l| {
                let (a, b) = l.problem(p);
                vec![a.into(), b.into()]
            });
        }
        for g in [
            RightsGap::UsersUnreadable,
            RightsGap::GrantNotAdmin,
            RightsGap::UserUnknown,
        ] {
            keyed(format!("rights_gap.{g:?}"), &|l| {
                let (a, b) = l.rights_gap(g);
                vec![a.into(), b.into()]
            });
        }
        for st in CallStatus::ALL {
            keyed(format!("call_status.{st:?}"), &|l| {
                vec![l.call_status(st).into()]
            });
        }
        for incoming in [true, false] {
            keyed(format!("call_title.{incoming}"), &|l| {
                vec![l.call_title(incoming).into()]
            });
        }
        keyed("unavailable".into(), &|l| {
            let (a, b) = l.unavailable();
            vec![a.into(), b.into()]
        });
        for n in [1, 2, 5] {
            keyed(format!("counted.{n}"), &|l| {
                vec![
                    l.contacts_withheld(n),
                    l.days(u64::from(n)),
                    l.duration(i64::from(n) * 61),
                ]
            });
        }
    }

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
    fn accept_language_honours_quality() {
        assert_eq!(
            Lang::from_accept_language("en-US,en;q=0.9,ru;q=0.8"),
            Lang::En
        );
        assert_eq!(
            Lang::from_accept_language("de-DE, ru;q=0.5, en;q=0.4"),
            Lang::Ru
        );
        assert_eq!(Lang::from_accept_language("fr, de"), Lang::Ru);
        assert_eq!(Lang::from_accept_language(""), Lang::Ru);
        assert_eq!(Lang::from_accept_language("ru;q=0.1, en"), Lang::En);
    }

    #[test]
    fn russian_plurals() {
        let f = |n| Lang::Ru.plural(n, "задача", "задачи", "задач");
        let cases = [
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
        ];
        for (n, want) in cases {
            assert_eq!(f(n), want, "{n}");
        }
        assert_eq!(Lang::En.plural(1, "task", "tasks", "tasks"), "task");
        assert_eq!(Lang::En.plural(2, "task", "tasks", "tasks"), "tasks");
    }

    #[test]
    fn every_blocked_state_has_distinct_texts() {
        for lang in [Lang::Ru, Lang::En] {
            let titles: std::collections::HashSet<_> = BlockedState::ALL
                .iter()
                .map(|s| lang.blocked(*s).0)
                .collect();
            assert_eq!(titles.len(), BlockedState::ALL.len());
        }
    }
}
