//! Page states: blocked links, problems loading the card, rights.

use super::Lang;
use crate::model::{BlockedState, CardProblem, RightsGap};

impl Lang {
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

    /// Title and text of a card that could not be shown.
    pub fn problem(self, problem: CardProblem) -> (&'static str, &'static str) {
        use CardProblem::*;
        match (problem, self) {
            (NoRights, _) => self.no_rights(),
            (NotFound, Lang::Ru) => ("Не найдено", "Запись удалена или недоступна."),
            (NotFound, Lang::En) => ("Not found", "The record was deleted or is not available."),
            (NoAccess, Lang::Ru) => ("Нет доступа", "amoCRM запретил доступ к данным. Обратитесь к администратору аккаунта."),
            (NoAccess, Lang::En) => ("No access", "amoCRM refused access to the data. Contact the account administrator."),
            (CustomersDisabled, Lang::Ru) => ("Покупатели отключены", "В этом аккаунте выключен раздел «Покупатели». Его включают в настройках amoCRM."),
            (CustomersDisabled, Lang::En) => ("Customers are off", "The Customers section is disabled in this account. It is enabled in amoCRM settings."),
            (NeedsReinstall, Lang::Ru) => ("Нужно переустановить интеграцию", "Доступ интеграции к аккаунту отозван. Администратор аккаунта должен установить интеграцию заново в разделе amoМаркет."),
            (NeedsReinstall, Lang::En) => ("The integration must be reinstalled", "The integration's access to this account was revoked. An account administrator must install it again from amoMarket."),
            (Unavailable, Lang::Ru) => ("amoCRM не отвечает", "Не удалось получить данные. Попробуйте ещё раз."),
            (Unavailable, Lang::En) => ("amoCRM is not responding", "The data could not be loaded. Try again."),
            (RateLimited, Lang::Ru) => ("Слишком много запросов", "amoCRM просит подождать. Попробуйте через несколько секунд."),
            (RateLimited, Lang::En) => ("Too many requests", "amoCRM asks to slow down. Try again in a few seconds."),
            (SessionExpired, Lang::Ru) => ("Сеанс истёк", "Закройте и снова откройте карточку в приложении amoCRM."),
            (SessionExpired, Lang::En) => ("Session expired", "Close the card and open it again in the amoCRM app."),
        }
    }

    /// Title and advice when our own storage cannot be reached.
    pub fn unavailable(self) -> (&'static str, &'static str) {
        match self {
            Lang::Ru => (
                "Сервис временно недоступен",
                "Попробуйте открыть карточку через минуту.",
            ),
            Lang::En => (
                "Temporarily unavailable",
                "Try opening the card again in a minute.",
            ),
        }
    }
}
