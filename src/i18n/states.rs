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
            Lang::Es => (
                "Sin permiso para este registro",
                "Tus permisos en Kommo no te dejan abrir esta ficha. Si la necesitas, pídesela al administrador de la cuenta.",
            ),
            Lang::Pt => (
                "Sem permissão para este registro",
                "Suas permissões no Kommo não deixam abrir este card. Se precisar dele, fale com o administrador da conta.",
            ),
            Lang::Tr => (
                "Bu kayda erişim izniniz yok",
                "Kommo izinleriniz bu kartı açmanıza izin vermiyor. Gerekiyorsa hesap yöneticinize başvurun.",
            ),
            Lang::Id => (
                "Tidak ada hak akses ke data ini",
                "Hak akses Kommo Anda tidak mengizinkan membuka kartu ini. Hubungi admin akun jika Anda memerlukannya.",
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
            (Lang::Es, UsersUnreadable) => (
                "No se pudieron leer tus permisos",
                "Kommo no devolvió los usuarios de la cuenta, así que la ficha oculta contactos y cambios hasta conocer tus permisos. Actualiza más tarde.",
            ),
            (Lang::Pt, UsersUnreadable) => (
                "Não foi possível ler suas permissões",
                "O Kommo não devolveu os usuários da conta, então o card oculta contatos e alterações até conhecer suas permissões. Atualize mais tarde.",
            ),
            (Lang::Tr, UsersUnreadable) => (
                "İzinleriniz okunamadı",
                "Kommo hesabın kullanıcı listesini vermedi; kart, izinlerinizi öğrenene kadar kişileri ve değişiklikleri gizliyor. Daha sonra yenileyin.",
            ),
            (Lang::Id, UsersUnreadable) => (
                "Hak akses Anda tidak terbaca",
                "Kommo tidak mengirim daftar pengguna akun, jadi kartu menyembunyikan kontak dan perubahan sampai hak akses Anda diketahui. Muat ulang nanti.",
            ),
            (Lang::Ru, GrantNotAdmin) => (
                "Права пользователя неизвестны",
                "Интеграцию установил не администратор аккаунта, и amoCRM не сообщает ей права пользователей. Контакты и изменения скрыты. Администратору: переустановите интеграцию от своего имени.",
            ),
            (Lang::En, GrantNotAdmin) => (
                "Your rights are unknown",
                "The integration was installed by a user who is not an account administrator, so amoCRM does not give it users' rights. Contacts and changes are hidden. Administrator: reinstall the integration under your own login.",
            ),
            (Lang::Es, GrantNotAdmin) => (
                "Tus permisos son desconocidos",
                "La integración la instaló alguien que no es administrador de la cuenta, y Kommo no le informa los permisos de los usuarios. Los contactos y cambios están ocultos. Administrador: reinstala la integración con tu propio usuario.",
            ),
            (Lang::Pt, GrantNotAdmin) => (
                "Suas permissões são desconhecidas",
                "A integração foi instalada por alguém que não é administrador da conta, e o Kommo não informa a ela as permissões dos usuários. Contatos e alterações estão ocultos. Administrador: reinstale a integração com o seu próprio login.",
            ),
            (Lang::Tr, GrantNotAdmin) => (
                "İzinleriniz bilinmiyor",
                "Entegrasyonu hesap yöneticisi olmayan bir kullanıcı kurdu; bu yüzden Kommo ona kullanıcı izinlerini bildirmiyor. Kişiler ve değişiklikler gizli. Yöneticiye: entegrasyonu kendi hesabınızla yeniden kurun.",
            ),
            (Lang::Id, GrantNotAdmin) => (
                "Hak akses Anda tidak diketahui",
                "Integrasi dipasang oleh pengguna yang bukan admin akun, sehingga Kommo tidak memberinya hak akses pengguna. Kontak dan perubahan disembunyikan. Untuk admin: pasang ulang integrasi dengan akun Anda sendiri.",
            ),
            (Lang::Ru, UserUnknown) => (
                "Пользователь не найден",
                "Вас нет среди пользователей аккаунта, которых видит интеграция. Контакты и изменения скрыты. Администратору: проверьте, что пользователь активен.",
            ),
            (Lang::En, UserUnknown) => (
                "User not found",
                "You are not among the account's users the integration can see. Contacts and changes are hidden. Administrator: check that the user is active.",
            ),
            (Lang::Es, UserUnknown) => (
                "Usuario no encontrado",
                "No figuras entre los usuarios de la cuenta que ve la integración. Los contactos y cambios están ocultos. Administrador: comprueba que el usuario esté activo.",
            ),
            (Lang::Pt, UserUnknown) => (
                "Usuário não encontrado",
                "Você não está entre os usuários da conta que a integração enxerga. Contatos e alterações estão ocultos. Administrador: verifique se o usuário está ativo.",
            ),
            (Lang::Tr, UserUnknown) => (
                "Kullanıcı bulunamadı",
                "Entegrasyonun gördüğü hesap kullanıcıları arasında değilsiniz. Kişiler ve değişiklikler gizli. Yöneticiye: kullanıcının etkin olduğunu kontrol edin.",
            ),
            (Lang::Id, UserUnknown) => (
                "Pengguna tidak ditemukan",
                "Anda tidak termasuk pengguna akun yang terlihat oleh integrasi. Kontak dan perubahan disembunyikan. Untuk admin: pastikan pengguna ini aktif.",
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
            (Lang::Es, NoToken) => (
                "Abre la ficha en Kommo",
                "Esta página se abre desde la ficha de un lead o de un cliente en la app de Kommo.",
                "La app envía un enlace de un solo uso que nos indica la cuenta y el usuario. Sin él no podemos mostrar datos.",
            ),
            (Lang::Pt, NoToken) => (
                "Abra o card no Kommo",
                "Esta página abre a partir do card de um lead ou cliente no app do Kommo.",
                "O app envia um link de uso único que nos diz a conta e o usuário. Sem ele não dá para mostrar dados.",
            ),
            (Lang::Tr, NoToken) => (
                "Kartı Kommo'da açın",
                "Bu sayfa, Kommo uygulamasındaki bir lead ya da müşteri kartından açılır.",
                "Uygulama, hesabı ve kullanıcıyı bize bildiren tek kullanımlık bir bağlantı gönderir. O olmadan veri gösterilemez.",
            ),
            (Lang::Id, NoToken) => (
                "Buka kartu di Kommo",
                "Halaman ini dibuka dari kartu lead atau pelanggan di aplikasi Kommo.",
                "Aplikasi mengirim tautan sekali pakai yang memberi tahu akun dan penggunanya. Tanpa tautan itu data tidak bisa ditampilkan.",
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
            (Lang::Es, Expired) => (
                "El enlace caducó",
                "Cierra la ficha y vuelve a abrirla en la app de Kommo.",
                "El enlace de un solo uso vale unos treinta minutos.",
            ),
            (Lang::Pt, Expired) => (
                "O link expirou",
                "Feche o card e abra de novo no app do Kommo.",
                "O link de uso único vale por cerca de meia hora.",
            ),
            (Lang::Tr, Expired) => (
                "Bağlantının süresi doldu",
                "Kartı kapatıp Kommo uygulamasında yeniden açın.",
                "Tek kullanımlık bağlantı yaklaşık yarım saat geçerlidir.",
            ),
            (Lang::Id, Expired) => (
                "Tautan sudah kedaluwarsa",
                "Tutup kartu lalu buka lagi di aplikasi Kommo.",
                "Tautan sekali pakai berlaku sekitar setengah jam.",
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
            (Lang::Es, NotYetValid) => (
                "El enlace aún no es válido",
                "Revisa la hora del dispositivo y vuelve a abrir la ficha.",
                "El enlace tiene fecha futura: el reloj del dispositivo o del servidor está desfasado.",
            ),
            (Lang::Pt, NotYetValid) => (
                "O link ainda não é válido",
                "Confira o horário do aparelho e abra o card de novo.",
                "O link foi emitido no futuro: o relógio do aparelho ou do servidor está errado.",
            ),
            (Lang::Tr, NotYetValid) => (
                "Bağlantı henüz geçerli değil",
                "Cihazınızın saatini kontrol edip kartı yeniden açın.",
                "Bağlantı ileri bir tarihle oluşturulmuş: cihazın ya da sunucunun saati yanlış.",
            ),
            (Lang::Id, NotYetValid) => (
                "Tautan belum berlaku",
                "Periksa jam di perangkat Anda, lalu buka kartu lagi.",
                "Tautan dibuat dengan waktu di masa depan: jam perangkat atau server tidak tepat.",
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
            (Lang::Es, Invalid) => (
                "El enlace no es válido",
                "Vuelve a abrir la ficha desde la app de Kommo.",
                "La firma del enlace no superó la verificación.",
            ),
            (Lang::Pt, Invalid) => (
                "O link é inválido",
                "Abra o card de novo pelo app do Kommo.",
                "A assinatura do link não foi confirmada.",
            ),
            (Lang::Tr, Invalid) => (
                "Bağlantı geçersiz",
                "Kartı Kommo uygulamasından yeniden açın.",
                "Bağlantının imzası doğrulanamadı.",
            ),
            (Lang::Id, Invalid) => (
                "Tautan tidak valid",
                "Buka lagi kartu dari aplikasi Kommo.",
                "Tanda tangan tautan gagal diverifikasi.",
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
            (Lang::Es, WrongIntegration) => (
                "El enlace es de otra integración",
                "Vuelve a abrir la ficha desde la app de Kommo.",
                "El enlace se emitió para otra integración u otra dirección.",
            ),
            (Lang::Pt, WrongIntegration) => (
                "O link é de outra integração",
                "Abra o card de novo pelo app do Kommo.",
                "O link foi emitido para outra integração ou outro endereço.",
            ),
            (Lang::Tr, WrongIntegration) => (
                "Bağlantı başka bir entegrasyona ait",
                "Kartı Kommo uygulamasından yeniden açın.",
                "Bağlantı başka bir entegrasyon ya da adres için oluşturulmuş.",
            ),
            (Lang::Id, WrongIntegration) => (
                "Tautan ini untuk integrasi lain",
                "Buka lagi kartu dari aplikasi Kommo.",
                "Tautan dibuat untuk integrasi atau alamat lain.",
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
            (Lang::Es, AlreadyUsed) => (
                "El enlace ya se usó",
                "Cierra la ficha y vuelve a abrirla en la app de Kommo.",
                "Cada enlace abre la ficha una sola vez.",
            ),
            (Lang::Pt, AlreadyUsed) => (
                "O link já foi usado",
                "Feche o card e abra de novo no app do Kommo.",
                "Cada link abre o card uma única vez.",
            ),
            (Lang::Tr, AlreadyUsed) => (
                "Bağlantı zaten kullanıldı",
                "Kartı kapatıp Kommo uygulamasında yeniden açın.",
                "Her bağlantı kartı yalnızca bir kez açar.",
            ),
            (Lang::Id, AlreadyUsed) => (
                "Tautan sudah dipakai",
                "Tutup kartu lalu buka lagi di aplikasi Kommo.",
                "Setiap tautan hanya bisa membuka kartu satu kali.",
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
            (Lang::Es, Unsupported) => (
                "Esta ficha no es compatible",
                "El bloque está disponible en las fichas de leads y clientes.",
                "En otros tipos de registro este bloque no muestra nada.",
            ),
            (Lang::Pt, Unsupported) => (
                "Este card não é compatível",
                "O bloco está disponível nos cards de leads e clientes.",
                "Em outros tipos de registro este bloco não mostra nada.",
            ),
            (Lang::Tr, Unsupported) => (
                "Bu kart desteklenmiyor",
                "Blok, lead ve müşteri kartlarında kullanılabilir.",
                "Diğer kayıt türlerinde bu blok bir şey göstermez.",
            ),
            (Lang::Id, Unsupported) => (
                "Kartu ini tidak didukung",
                "Blok ini tersedia di kartu lead dan pelanggan.",
                "Untuk jenis data lain, blok ini tidak menampilkan apa pun.",
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
            (Lang::Es, SessionExpired) => (
                "La sesión caducó",
                "Cierra la ficha y vuelve a abrirla en la app de Kommo.",
                "Una sesión de la ficha no dura más que el enlace que la abrió.",
            ),
            (Lang::Pt, SessionExpired) => (
                "A sessão expirou",
                "Feche o card e abra de novo no app do Kommo.",
                "Uma sessão do card não dura mais que o link que a abriu.",
            ),
            (Lang::Tr, SessionExpired) => (
                "Oturumun süresi doldu",
                "Kartı kapatıp Kommo uygulamasında yeniden açın.",
                "Kart oturumu, onu açan bağlantıdan daha uzun sürmez.",
            ),
            (Lang::Id, SessionExpired) => (
                "Sesi sudah berakhir",
                "Tutup kartu lalu buka lagi di aplikasi Kommo.",
                "Sesi kartu tidak bertahan lebih lama dari tautan yang membukanya.",
            ),
        }
    }

    /// Title and text of a card that could not be shown.
    pub fn problem(self, problem: CardProblem) -> (&'static str, &'static str) {
        use CardProblem::*;
        match (problem, self) {
            (NoRights, _) => self.no_rights(),
            (SessionExpired, _) => {
                let (title, what, _) = self.blocked(BlockedState::SessionExpired);
                (title, what)
            }
            (NotFound, Lang::Ru) => ("Не найдено", "Запись удалена или недоступна."),
            (NotFound, Lang::En) => ("Not found", "The record was deleted or is not available."),
            (NotFound, Lang::Es) => ("No encontrado", "El registro se eliminó o no está disponible."),
            (NotFound, Lang::Pt) => ("Não encontrado", "O registro foi excluído ou não está disponível."),
            (NotFound, Lang::Tr) => ("Bulunamadı", "Kayıt silinmiş ya da erişilemiyor."),
            (NotFound, Lang::Id) => ("Tidak ditemukan", "Data sudah dihapus atau tidak tersedia."),
            (NoAccess, Lang::Ru) => ("Нет доступа", "amoCRM запретил доступ к данным. Обратитесь к администратору аккаунта."),
            (NoAccess, Lang::En) => ("No access", "amoCRM refused access to the data. Contact the account administrator."),
            (NoAccess, Lang::Es) => ("Sin acceso", "Kommo denegó el acceso a los datos. Habla con el administrador de la cuenta."),
            (NoAccess, Lang::Pt) => ("Sem acesso", "O Kommo negou o acesso aos dados. Fale com o administrador da conta."),
            (NoAccess, Lang::Tr) => ("Erişim yok", "Kommo verilere erişimi reddetti. Hesap yöneticinize başvurun."),
            (NoAccess, Lang::Id) => ("Tidak ada akses", "Kommo menolak akses ke data. Hubungi admin akun."),
            (CustomersDisabled, Lang::Ru) => ("Покупатели отключены", "В этом аккаунте выключен раздел «Покупатели». Его включают в настройках amoCRM."),
            (CustomersDisabled, Lang::En) => ("Customers are off", "The Customers section is disabled in this account. It is enabled in amoCRM settings."),
            (CustomersDisabled, Lang::Es) => ("Clientes desactivado", "La sección Clientes está desactivada en esta cuenta. Se activa en la configuración de Kommo."),
            (CustomersDisabled, Lang::Pt) => ("Clientes desativado", "A seção Clientes está desativada nesta conta. Ela é ativada nas configurações do Kommo."),
            (CustomersDisabled, Lang::Tr) => ("Müşteriler kapalı", "Bu hesapta Müşteriler bölümü kapalı. Kommo ayarlarından açılabilir."),
            (CustomersDisabled, Lang::Id) => ("Pelanggan dinonaktifkan", "Bagian Pelanggan dinonaktifkan di akun ini. Aktifkan lewat pengaturan Kommo."),
            (AccountUnpaid, Lang::Ru) => ("Аккаунт amoCRM не оплачен", "Срок подписки этого аккаунта amoCRM закончился, и amoCRM не отдаёт данные. Карточка снова заработает после оплаты аккаунта."),
            (AccountUnpaid, Lang::En) => ("The amoCRM account is not paid", "This amoCRM account's subscription has ended, so amoCRM gives no data. The card works again once the account is paid."),
            (AccountUnpaid, Lang::Es) => ("La cuenta de Kommo no está pagada", "La suscripción de esta cuenta de Kommo terminó, así que Kommo no entrega datos. La ficha vuelve a funcionar cuando se pague la cuenta."),
            (AccountUnpaid, Lang::Pt) => ("A conta do Kommo não está paga", "A assinatura desta conta do Kommo terminou, então o Kommo não entrega dados. O card volta a funcionar quando a conta for paga."),
            (AccountUnpaid, Lang::Tr) => ("Kommo hesabının ödemesi yapılmamış", "Bu Kommo hesabının aboneliği sona erdi, bu yüzden Kommo veri vermiyor. Hesap ödendiğinde kart yeniden çalışır."),
            (AccountUnpaid, Lang::Id) => ("Akun Kommo belum dibayar", "Langganan akun Kommo ini sudah berakhir, jadi Kommo tidak memberikan data. Kartu berfungsi lagi setelah akun dibayar."),
            (NeedsReinstall, Lang::Ru) => ("Нужно переустановить интеграцию", "Доступ интеграции к аккаунту отозван. Администратор аккаунта должен установить интеграцию заново в разделе amoМаркет."),
            (NeedsReinstall, Lang::En) => ("The integration must be reinstalled", "The integration's access to this account was revoked. An account administrator must install it again from amoMarket."),
            (NeedsReinstall, Lang::Es) => ("Hay que reinstalar la integración", "Se revocó el acceso de la integración a esta cuenta. Un administrador debe instalarla de nuevo desde el Marketplace de Kommo."),
            (NeedsReinstall, Lang::Pt) => ("É preciso reinstalar a integração", "O acesso da integração a esta conta foi revogado. Um administrador precisa instalá-la de novo pelo Marketplace do Kommo."),
            (NeedsReinstall, Lang::Tr) => ("Entegrasyon yeniden kurulmalı", "Entegrasyonun bu hesaba erişimi iptal edildi. Bir hesap yöneticisi onu Kommo Marketplace'ten yeniden kurmalı."),
            (NeedsReinstall, Lang::Id) => ("Integrasi perlu dipasang ulang", "Akses integrasi ke akun ini dicabut. Admin akun perlu memasangnya lagi dari Marketplace Kommo."),
            (Unavailable, Lang::Ru) => ("amoCRM не отвечает", "Не удалось получить данные. Попробуйте ещё раз."),
            (Unavailable, Lang::En) => ("amoCRM is not responding", "The data could not be loaded. Try again."),
            (Unavailable, Lang::Es) => ("Kommo no responde", "No se pudieron cargar los datos. Inténtalo de nuevo."),
            (Unavailable, Lang::Pt) => ("O Kommo não responde", "Não foi possível carregar os dados. Tente de novo."),
            (Unavailable, Lang::Tr) => ("Kommo yanıt vermiyor", "Veriler yüklenemedi. Yeniden deneyin."),
            (Unavailable, Lang::Id) => ("Kommo tidak merespons", "Data gagal dimuat. Coba lagi."),
            (RateLimited, Lang::Ru) => ("Слишком много запросов", "amoCRM просит подождать. Попробуйте через несколько секунд."),
            (RateLimited, Lang::En) => ("Too many requests", "amoCRM asks to slow down. Try again in a few seconds."),
            (RateLimited, Lang::Es) => ("Demasiadas solicitudes", "Kommo pide esperar. Inténtalo en unos segundos."),
            (RateLimited, Lang::Pt) => ("Solicitações demais", "O Kommo pediu para aguardar. Tente em alguns segundos."),
            (RateLimited, Lang::Tr) => ("Çok fazla istek", "Kommo beklemenizi istiyor. Birkaç saniye sonra yeniden deneyin."),
            (RateLimited, Lang::Id) => ("Terlalu banyak permintaan", "Kommo meminta menunggu sebentar. Coba lagi dalam beberapa detik."),
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
            Lang::Es => (
                "Servicio no disponible por ahora",
                "Intenta abrir la ficha de nuevo en un minuto.",
            ),
            Lang::Pt => (
                "Serviço indisponível no momento",
                "Tente abrir o card de novo em um minuto.",
            ),
            Lang::Tr => (
                "Hizmet geçici olarak kullanılamıyor",
                "Kartı bir dakika sonra yeniden açmayı deneyin.",
            ),
            Lang::Id => (
                "Layanan sedang tidak tersedia",
                "Coba buka kartu lagi dalam semenit.",
            ),
        }
    }
}
