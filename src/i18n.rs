//! Russian and English texts. Kept as plain `match`es: no runtime catalogue,
//! nothing to download, and the compiler checks every key has both languages.

use serde::{Deserialize, Serialize};

use crate::model::{BlockedState, RightsGap};

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

    pub fn page_title(self) -> &'static str {
        match self {
            Lang::Ru => "Карточка amoCRM",
            Lang::En => "amoCRM card",
        }
    }

    pub fn demo_badge(self) -> &'static str {
        match self {
            Lang::Ru => "Демо",
            Lang::En => "Demo",
        }
    }

    pub fn more_details(self) -> &'static str {
        match self {
            Lang::Ru => "Подробнее",
            Lang::En => "Details",
        }
    }

    pub fn hide_details(self) -> &'static str {
        match self {
            Lang::Ru => "Скрыть",
            Lang::En => "Hide",
        }
    }

    pub fn call_title(self, incoming: bool) -> &'static str {
        match (self, incoming) {
            (Lang::Ru, true) => "Входящий звонок",
            (Lang::Ru, false) => "Исходящий звонок",
            (Lang::En, true) => "Incoming call",
            (Lang::En, false) => "Outgoing call",
        }
    }

    pub fn call_status(self, status: crate::model::CallStatus) -> &'static str {
        use crate::model::CallStatus::*;
        match (self, status) {
            (Lang::Ru, Talked) => "Разговор состоялся",
            (Lang::Ru, LeftMessage) => "Оставил сообщение",
            (Lang::Ru, CallBackLater) => "Перезвонить позже",
            (Lang::Ru, NotAvailable) => "Нет на месте",
            (Lang::Ru, WrongNumber) => "Неверный номер",
            (Lang::Ru, NoAnswer) => "Не дозвонился",
            (Lang::Ru, Busy) => "Номер занят",
            (Lang::En, Talked) => "Talked",
            (Lang::En, LeftMessage) => "Left a message",
            (Lang::En, CallBackLater) => "Call back later",
            (Lang::En, NotAvailable) => "Not available",
            (Lang::En, WrongNumber) => "Wrong number",
            (Lang::En, NoAnswer) => "No answer",
            (Lang::En, Busy) => "Busy",
        }
    }

    /// A call's length: `5 min 12 s`.
    pub fn duration(self, secs: i64) -> String {
        let (m, s) = (secs / 60, secs % 60);
        let (min, sec) = match self {
            Lang::Ru => ("мин", "с"),
            Lang::En => ("min", "s"),
        };
        match (m, s) {
            (0, s) => format!("{s} {sec}"),
            (m, 0) => format!("{m} {min}"),
            (m, s) => format!("{m} {min} {s} {sec}"),
        }
    }

    pub fn history_title(self) -> &'static str {
        match self {
            Lang::Ru => "История",
            Lang::En => "History",
        }
    }

    pub fn show_more(self) -> &'static str {
        match self {
            Lang::Ru => "Показать ещё",
            Lang::En => "Show more",
        }
    }

    pub fn read_whole(self) -> &'static str {
        match self {
            Lang::Ru => "Читать полностью",
            Lang::En => "Read all",
        }
    }

    pub fn recording(self) -> &'static str {
        match self {
            Lang::Ru => "Запись разговора",
            Lang::En => "Call recording",
        }
    }

    /// The card's note that some linked records are left out by the user's rights.
    pub fn contacts_withheld(self, n: u32) -> String {
        match self {
            Lang::Ru => format!(
                "{n} {} скрыто вашими правами доступа в amoCRM",
                self.plural(u64::from(n), "контакт", "контакта", "контактов")
            ),
            Lang::En => format!(
                "{n} {} hidden by your amoCRM access rights",
                self.plural(u64::from(n), "contact", "contacts", "contacts")
            ),
        }
    }

    pub fn company_withheld(self) -> &'static str {
        match self {
            Lang::Ru => "Компания скрыта вашими правами доступа в amoCRM",
            Lang::En => "The company is hidden by your amoCRM access rights",
        }
    }

    /// Title and text of the "no rights" card state.
    pub fn no_rights(self) -> (&'static str, &'static str) {
        match self {
            Lang::Ru => (
                "Нет прав на эту запись",
                "Ваши права в amoCRM не позволяют открыть эту карточку. Если она нужна вам, обратитесь к администратору аккаунта.",
            ),
            Lang::En => (
                "No rights to this record",
                "Your amoCRM rights do not let you open this card. Ask your account administrator if you need it.",
            ),
        }
    }

    /// Title and the administrator-facing text when the user's rights are unknown.
    pub fn rights_gap(self, gap: RightsGap) -> (&'static str, &'static str) {
        use RightsGap::*;
        match (self, gap) {
            (Lang::Ru, UsersUnreadable) => (
                "Права пользователя не прочитаны",
                "amoCRM не отдал список пользователей, поэтому карточка скрывает контакты и изменения, пока не узнает ваши права. Попробуйте обновить позже.",
            ),
            (Lang::En, UsersUnreadable) => (
                "Your rights could not be read",
                "amoCRM did not return the account's users, so the card hides contacts and changes until it knows your rights. Try refreshing later.",
            ),
            (Lang::Ru, GrantNotAdmin) => (
                "Права пользователя неизвестны",
                "Интеграцию установил не администратор аккаунта, и amoCRM не сообщает ей права пользователей. Контакты и изменения скрыты. Администратору: переустановите интеграцию от своего имени.",
            ),
            (Lang::En, GrantNotAdmin) => (
                "Your rights are unknown",
                "The integration was installed by a user who is not an account administrator, so amoCRM does not give it users' rights. Contacts and changes are hidden. Administrator: reinstall the integration under your own login.",
            ),
            (Lang::Ru, UserUnknown) => (
                "Пользователь не найден",
                "Вас нет среди пользователей аккаунта, которых видит интеграция. Контакты и изменения скрыты. Администратору: проверьте, что пользователь активен.",
            ),
            (Lang::En, UserUnknown) => (
                "User not found",
                "You are not among the account's users the integration can see. Contacts and changes are hidden. Administrator: check that the user is active.",
            ),
        }
    }

    /// Title, what to do, and a longer explanation of a blocked state.
    pub fn blocked(self, state: BlockedState) -> (&'static str, &'static str, &'static str) {
        use BlockedState::*;
        match (self, state) {
            (Lang::Ru, NoToken) => (
                "Откройте карточку в amoCRM",
                "Эта страница открывается из карточки сделки или покупателя в приложении amoCRM.",
                "Приложение передаёт одноразовую ссылку, по которой мы узнаём аккаунт и пользователя. Без неё показать данные нельзя.",
            ),
            (Lang::En, NoToken) => (
                "Open the card in amoCRM",
                "This page opens from a lead or customer card in the amoCRM app.",
                "The app passes a one-time link that tells us the account and the user. Without it no data can be shown.",
            ),
            (Lang::Ru, Expired) => (
                "Ссылка устарела",
                "Закройте и снова откройте карточку в приложении amoCRM.",
                "Одноразовая ссылка действует около получаса.",
            ),
            (Lang::En, Expired) => (
                "This link has expired",
                "Close the card and open it again in the amoCRM app.",
                "The one-time link is valid for about half an hour.",
            ),
            (Lang::Ru, NotYetValid) => (
                "Ссылка ещё не действует",
                "Проверьте время на устройстве и откройте карточку снова.",
                "Время выпуска ссылки в будущем: часы устройства или сервера расходятся.",
            ),
            (Lang::En, NotYetValid) => (
                "This link is not valid yet",
                "Check the time on your device and open the card again.",
                "The link was issued in the future: the device or server clock is off.",
            ),
            (Lang::Ru, Invalid) => (
                "Ссылка недействительна",
                "Откройте карточку заново из приложения amoCRM.",
                "Подпись ссылки не прошла проверку.",
            ),
            (Lang::En, Invalid) => (
                "This link is invalid",
                "Open the card again from the amoCRM app.",
                "The link's signature did not verify.",
            ),
            (Lang::Ru, WrongIntegration) => (
                "Ссылка для другой интеграции",
                "Откройте карточку заново из приложения amoCRM.",
                "Ссылка выпущена для другой интеграции или другого адреса.",
            ),
            (Lang::En, WrongIntegration) => (
                "This link is for another integration",
                "Open the card again from the amoCRM app.",
                "The link was issued for another integration or address.",
            ),
            (Lang::Ru, AlreadyUsed) => (
                "Ссылка уже использована",
                "Закройте и снова откройте карточку в приложении amoCRM.",
                "Каждая ссылка открывает карточку только один раз.",
            ),
            (Lang::En, AlreadyUsed) => (
                "This link was already used",
                "Close the card and open it again in the amoCRM app.",
                "Each link opens the card only once.",
            ),
            (Lang::Ru, Unsupported) => (
                "Эта карточка не поддерживается",
                "Блок доступен в карточках сделок и покупателей.",
                "Для других сущностей этот блок ничего не показывает.",
            ),
            (Lang::En, Unsupported) => (
                "This card is not supported",
                "The block is available in lead and customer cards.",
                "For other entities this block shows nothing.",
            ),
            (Lang::Ru, SessionExpired) => (
                "Сеанс истёк",
                "Закройте и снова откройте карточку в приложении amoCRM.",
                "Сеанс карточки живёт не дольше ссылки, по которой он открыт.",
            ),
            (Lang::En, SessionExpired) => (
                "Session expired",
                "Close the card and open it again in the amoCRM app.",
                "A card session lives no longer than the link that opened it.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
