//! The page amoCRM shows after an administrator installs the integration.

use super::Lang;

texts! {
    /// Install results, shown in the administrator's browser.
    InstallTexts {
        installed_title {
            ru: "Интеграция установлена", en: "Integration installed", es: "Integración instalada",
            pt: "Integração instalada", tr: "Entegrasyon kuruldu", id: "Integrasi terpasang",
        }
        installed_text {
            ru: "Карточка появится в сделках и покупателях в приложении amoCRM. Эту вкладку можно закрыть.",
            en: "The card now appears in leads and customers in the amoCRM app. You can close this tab.",
            es: "La ficha ya aparece en los leads y clientes de la app de Kommo. Puedes cerrar esta pestaña.",
            pt: "O card já aparece nos leads e clientes do app do Kommo. Você pode fechar esta aba.",
            tr: "Kart artık Kommo uygulamasında lead ve müşterilerde görünüyor. Bu sekmeyi kapatabilirsiniz.",
            id: "Kartu kini muncul di lead dan pelanggan pada aplikasi Kommo. Tab ini boleh ditutup.",
        }
        // amoCRM refused the users list to the new grant: its user is no admin.
        installed_not_admin_text {
            ru: "Интеграция установлена, но не администратором аккаунта: amoCRM не сообщает ей права пользователей, поэтому карточка скрывает контакты и изменения. Попросите администратора аккаунта установить интеграцию от своего имени.",
            en: "The integration is installed, but not by an account administrator: amoCRM gives it no users' rights, so the card hides contacts and changes. Ask an account administrator to install the integration under their own login.",
            es: "La integración quedó instalada, pero no por un administrador de la cuenta: Kommo no le da los permisos de los usuarios, así que la ficha oculta contactos y cambios. Pide a un administrador que la instale con su propio usuario.",
            pt: "A integração foi instalada, mas não por um administrador da conta: o Kommo não lhe dá as permissões dos usuários, então o card oculta contatos e alterações. Peça a um administrador que a instale com o próprio login.",
            tr: "Entegrasyon kuruldu, ancak bir hesap yöneticisi tarafından değil: Kommo ona kullanıcı izinlerini vermiyor, bu yüzden kart kişileri ve değişiklikleri gizliyor. Bir hesap yöneticisinden entegrasyonu kendi hesabıyla kurmasını isteyin.",
            id: "Integrasi terpasang, tetapi bukan oleh admin akun: Kommo tidak memberinya hak pengguna, jadi kartu menyembunyikan kontak dan perubahan. Minta admin akun memasang integrasi dengan loginnya sendiri.",
        }
        throttled_title {
            ru: "Слишком много попыток", en: "Too many attempts", es: "Demasiados intentos",
            pt: "Tentativas demais", tr: "Çok fazla deneme", id: "Terlalu banyak percobaan",
        }
        throttled_text {
            ru: "Подождите минуту и установите интеграцию ещё раз.",
            en: "Wait a minute, then install the integration again.",
            es: "Espera un minuto y vuelve a instalar la integración.",
            pt: "Aguarde um minuto e instale a integração de novo.",
            tr: "Bir dakika bekleyip entegrasyonu yeniden kurun.",
            id: "Tunggu semenit, lalu pasang integrasi lagi.",
        }
        cancelled_title {
            ru: "Установка отменена", en: "Installation cancelled", es: "Instalación cancelada",
            pt: "Instalação cancelada", tr: "Kurulum iptal edildi", id: "Pemasangan dibatalkan",
        }
        cancelled_text {
            ru: "Доступ не был предоставлен. Установите интеграцию ещё раз, если это ошибка.",
            en: "Access was not granted. Install the integration again if this was a mistake.",
            es: "No se concedió el acceso. Si fue un error, vuelve a instalar la integración.",
            pt: "O acesso não foi concedido. Se foi um engano, instale a integração de novo.",
            tr: "Erişim verilmedi. Bu bir hataysa entegrasyonu yeniden kurun.",
            id: "Akses tidak diberikan. Jika ini keliru, pasang integrasi lagi.",
        }
        failed_title {
            ru: "Не удалось установить интеграцию", en: "The integration could not be installed",
            es: "No se pudo instalar la integración", pt: "Não foi possível instalar a integração",
            tr: "Entegrasyon kurulamadı", id: "Integrasi gagal dipasang",
        }
        bad_link {
            ru: "Ссылка установки неполная или выдана не amoCRM. Начните установку заново из amoМаркета.",
            en: "The install link is incomplete or did not come from amoCRM. Start the installation again from amoMarket.",
            es: "El enlace de instalación está incompleto o no lo emitió Kommo. Empieza la instalación de nuevo desde el Marketplace de Kommo.",
            pt: "O link de instalação está incompleto ou não veio do Kommo. Comece a instalação de novo pelo Marketplace do Kommo.",
            tr: "Kurulum bağlantısı eksik ya da Kommo'dan gelmemiş. Kurulumu Kommo Marketplace'ten yeniden başlatın.",
            id: "Tautan pemasangan tidak lengkap atau bukan dari Kommo. Mulai lagi pemasangan dari Marketplace Kommo.",
        }
        code_rejected {
            ru: "amoCRM не принял код установки: он уже использован или устарел (живёт 20 минут). Установите интеграцию ещё раз.",
            en: "amoCRM did not accept the install code: it was already used or expired (it lives 20 minutes). Install the integration again.",
            es: "Kommo no aceptó el código de instalación: ya se usó o caducó (dura 20 minutos). Vuelve a instalar la integración.",
            pt: "O Kommo não aceitou o código de instalação: ele já foi usado ou expirou (vale 20 minutos). Instale a integração de novo.",
            tr: "Kommo kurulum kodunu kabul etmedi: kod zaten kullanılmış ya da süresi dolmuş (20 dakika geçerli). Entegrasyonu yeniden kurun.",
            id: "Kommo tidak menerima kode pemasangan: kode sudah dipakai atau kedaluwarsa (berlaku 20 menit). Pasang integrasi lagi.",
        }
        amo_unexpected {
            ru: "amoCRM не ответил как ожидалось. Обновите страницу через минуту — если код ещё действует, установка завершится.",
            en: "amoCRM did not answer as expected. Reload this page in a minute: if the code is still valid, the installation will complete.",
            es: "Kommo no respondió como se esperaba. Recarga esta página en un minuto: si el código sigue vigente, la instalación terminará.",
            pt: "O Kommo não respondeu como esperado. Recarregue esta página em um minuto: se o código ainda valer, a instalação será concluída.",
            tr: "Kommo beklendiği gibi yanıt vermedi. Bu sayfayı bir dakika sonra yenileyin: kod hâlâ geçerliyse kurulum tamamlanır.",
            id: "Kommo tidak menjawab seperti seharusnya. Muat ulang halaman ini dalam semenit: jika kodenya masih berlaku, pemasangan akan selesai.",
        }
        wrong_browser {
            ru: "Установка началась в другом браузере или слишком давно. Начните её заново с той же страницы.",
            en: "The installation was started in another browser or too long ago. Start it again from the same page.",
            es: "La instalación empezó en otro navegador o hace demasiado tiempo. Empiézala de nuevo desde la misma página.",
            pt: "A instalação começou em outro navegador ou há tempo demais. Comece de novo a partir da mesma página.",
            tr: "Kurulum başka bir tarayıcıda ya da çok önce başlatılmış. Aynı sayfadan yeniden başlatın.",
            id: "Pemasangan dimulai di peramban lain atau sudah terlalu lama. Mulai lagi dari halaman yang sama.",
        }
        unknown_brand {
            ru: "Такой ссылки установки нет: выберите amoCRM или Kommo.",
            en: "There is no such install link: choose amoCRM or Kommo.",
            es: "Ese enlace de instalación no existe: elige amoCRM o Kommo.",
            pt: "Esse link de instalação não existe: escolha amoCRM ou Kommo.",
            tr: "Böyle bir kurulum bağlantısı yok: amoCRM ya da Kommo'yu seçin.",
            id: "Tautan pemasangan itu tidak ada: pilih amoCRM atau Kommo.",
        }
        store_down {
            ru: "Наш сервис временно недоступен. Обновите страницу через минуту.",
            en: "Our service is temporarily unavailable. Reload this page in a minute.",
            es: "Nuestro servicio no está disponible por ahora. Recarga esta página en un minuto.",
            pt: "Nosso serviço está indisponível no momento. Recarregue esta página em um minuto.",
            tr: "Hizmetimiz geçici olarak kullanılamıyor. Bu sayfayı bir dakika sonra yenileyin.",
            id: "Layanan kami sedang tidak tersedia. Muat ulang halaman ini dalam semenit.",
        }
    }
}

impl Lang {
    /// Texts of the install result page.
    pub fn install(self) -> &'static InstallTexts {
        InstallTexts::of(self)
    }
}
