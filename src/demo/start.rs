//! The demo's start page at `/` (demo mode, no token, no session): what this
//! is, and every sample card one tap away. Production answers `/` with the
//! card's "open it in amoCRM" state instead.

use leptos::prelude::*;

use crate::demo::fixtures::{
    CUSTOMER, LEAD_EN_WON, LEAD_PAVEL, LEAD_RU, LEAD_STALE, USERS_BY_LANG, USER_JOHN, USER_PAVEL,
};
use crate::i18n::Lang;
use crate::server::http::pages::document;

const STYLE: &str = "
body{font:17px/1.4 -apple-system,system-ui,sans-serif;max-width:36rem;margin:0 auto;padding:16px;background:#f2f2f7;color:#1c1c1e}
h1{font-size:28px;margin:8px 0 4px}h2{font-size:13px;font-weight:400;text-transform:uppercase;color:#6c6c70;margin:24px 16px 6px}
ul{list-style:none;margin:0;padding:0;background:#fff;border-radius:10px;overflow:hidden}
li+li{border-top:0.5px solid #c6c6c8}
a{display:block;padding:12px 16px;min-height:20px;color:#0058c4;text-decoration:none}
p{color:#3c3c43}
@media (prefers-color-scheme:dark){body{background:#000;color:#fff}ul{background:#1c1c1e}li+li{border-color:#38383a}a{color:#4da3ff}p,h2{color:#aeaeb2}}
";

fn open(kind: &str, id: i64, user: Option<i64>) -> String {
    let user = user.map(|u| format!("&user={u}")).unwrap_or_default();
    format!("/__demo/open?kind={kind}&id={id}{user}")
}

/// The whole page, as the card route answers `/` with it.
pub fn page(lang: Lang) -> String {
    document(|| view! { <DemoStart lang /> })
}

#[component]
fn DemoStart(lang: Lang) -> impl IntoView {
    let t = lang.demo();
    let cards = [
        (t.lead, open("leads", LEAD_RU, None)),
        (t.customer, open("customers", CUSTOMER, None)),
        (t.stale, open("leads", LEAD_STALE, None)),
        (t.won, open("leads", LEAD_EN_WON, Some(USER_JOHN))),
        (t.limited, open("leads", LEAD_PAVEL, Some(USER_PAVEL))),
    ];
    let languages = Lang::ALL
        .into_iter()
        .zip(USERS_BY_LANG)
        .map(|(l, user)| (l.name(), open("leads", LEAD_RU, Some(user))));
    let item = |(text, href): (&'static str, String)| view! { <li><a href=href>{text}</a></li> };
    view! {
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <title>{t.title}</title>
                <style>{STYLE}</style>
            </head>
            <body data-demo-start>
                <main>
                    <h1>{t.title}</h1>
                    <p>{t.intro}</p>
                    <h2>{t.cards}</h2>
                    <ul>{cards.into_iter().map(item).collect_view()}</ul>
                    <h2>{t.languages}</h2>
                    <ul>{languages.map(item).collect_view()}</ul>
                    <h2>{t.admin}</h2>
                    <ul>
                        {item((t.layout, open("leads", LEAD_RU, None)))}
                        {item((t.preview, "/preview".to_owned()))}
                        {item((t.gallery, "/preview?view=gallery".to_owned()))}
                    </ul>
                </main>
            </body>
        </html>
    }
}
