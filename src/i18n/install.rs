//! The page amoCRM shows after an administrator installs the integration.

use super::Lang;

texts! {
    /// Install results, shown in the administrator's browser.
    InstallTexts {
        installed_title: "Интеграция установлена", "Integration installed";
        installed_text: "Карточка появится в сделках и покупателях в приложении amoCRM. Эту вкладку можно закрыть.", "The card now appears in leads and customers in the amoCRM app. You can close this tab.";
        throttled_title: "Слишком много попыток", "Too many attempts";
        throttled_text: "Подождите минуту и установите интеграцию ещё раз.", "Wait a minute, then install the integration again.";
        cancelled_title: "Установка отменена", "Installation cancelled";
        cancelled_text: "Доступ не был предоставлен. Установите интеграцию ещё раз, если это ошибка.", "Access was not granted. Install the integration again if this was a mistake.";
        failed_title: "Не удалось установить интеграцию", "The integration could not be installed";
        bad_link: "Ссылка установки неполная или выдана не amoCRM. Начните установку заново из amoМаркета.", "The install link is incomplete or did not come from amoCRM. Start the installation again from amoMarket.";
        code_rejected: "amoCRM не принял код установки: он уже использован или устарел (живёт 20 минут). Установите интеграцию ещё раз.", "amoCRM did not accept the install code: it was already used or expired (it lives 20 minutes). Install the integration again.";
        amo_unexpected: "amoCRM не ответил как ожидалось. Обновите страницу через минуту — если код ещё действует, установка завершится.", "amoCRM did not answer as expected. Reload this page in a minute: if the code is still valid, the installation will complete.";
        wrong_browser: "Установка началась в другом браузере или слишком давно. Начните её заново с той же страницы.", "The installation was started in another browser or too long ago. Start it again from the same page.";
        unknown_brand: "Такой ссылки установки нет: выберите amoCRM или Kommo.", "There is no such install link: choose amoCRM or Kommo.";
        store_down: "Наш сервис временно недоступен. Обновите страницу через минуту.", "Our service is temporarily unavailable. Reload this page in a minute.";
    }
}

impl Lang {
    /// Texts of the install result page.
    pub fn install(self) -> &'static InstallTexts {
        InstallTexts::of(self)
    }
}
