//! Which language a page speaks. In order: an explicit `?lang=` (the preview),
//! the amoCRM user's profile language, the device's `Accept-Language`, then the
//! account's host: Russian for `*.amocrm.ru`, English for everything else
//! (Kommo's `*.kommo.com`, the older `*.amocrm.com`, or no account known yet).
//! A language the card does not speak is skipped, never mapped to Russian.

use super::Lang;

/// What is known about the request, each source already parsed.
#[derive(Clone, Copy, Debug, Default)]
pub struct LangSources<'a> {
    /// `?lang=`: only the preview sets it.
    pub explicit: Option<Lang>,
    /// The amoCRM user's profile `lang`.
    pub profile: Option<Lang>,
    /// The best supported language of `Accept-Language`.
    pub device: Option<Lang>,
    /// The account's host, e.g. `example.amocrm.ru`.
    pub account_host: Option<&'a str>,
}

impl LangSources<'_> {
    pub fn choose(&self) -> Lang {
        self.explicit
            .or(self.profile)
            .or(self.device)
            .unwrap_or_else(|| for_host(self.account_host))
    }
}

/// The last resort: the account's market by its host.
pub fn for_host(host: Option<&str>) -> Lang {
    let host = host.unwrap_or_default().trim_end_matches('.');
    let russian = host.eq_ignore_ascii_case("amocrm.ru")
        || host
            .len()
            .checked_sub(".amocrm.ru".len())
            .and_then(|at| host.get(at..))
            .is_some_and(|tail| tail.eq_ignore_ascii_case(".amocrm.ru"));
    if russian {
        Lang::Ru
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_source_in_its_turn() {
        let ru_host = Some("example.amocrm.ru");
        let kommo = Some("example.kommo.com");
        let cases = [
            // explicit, profile, device, host => language
            (
                Some(Lang::En),
                Some(Lang::Ru),
                Some(Lang::Ru),
                ru_host,
                Lang::En,
            ),
            (None, Some(Lang::Pt), Some(Lang::Ru), ru_host, Lang::Pt),
            (None, None, Some(Lang::Tr), ru_host, Lang::Tr),
            (None, None, None, ru_host, Lang::Ru),
            (None, None, None, kommo, Lang::En),
            (None, None, None, Some("old.amocrm.com"), Lang::En),
            (None, None, None, Some("DEMO.AmoCRM.ru"), Lang::Ru),
            (None, None, None, Some("amocrm.ru.evil.com"), Lang::En),
            (None, None, None, Some("notamocrm.ru"), Lang::En),
            (None, None, None, None, Lang::En),
            (None, None, Some(Lang::Id), kommo, Lang::Id),
        ];
        for (explicit, profile, device, account_host, want) in cases {
            let sources = LangSources {
                explicit,
                profile,
                device,
                account_host,
            };
            assert_eq!(sources.choose(), want, "{sources:?}");
        }
    }

    #[test]
    fn an_unknown_language_is_skipped_not_russian() {
        // A Kommo user whose phone is in French: English, not Russian.
        let device = Lang::from_accept_language("fr-FR,fr;q=0.9");
        let profile = Lang::from_tag("fr");
        let kommo = LangSources {
            explicit: None,
            profile,
            device,
            account_host: Some("shop.kommo.com"),
        };
        assert_eq!(kommo.choose(), Lang::En);
        let amocrm = LangSources {
            account_host: Some("shop.amocrm.ru"),
            ..kommo
        };
        assert_eq!(amocrm.choose(), Lang::Ru);
    }
}
